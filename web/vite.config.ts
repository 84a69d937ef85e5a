import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import type { PreRenderedChunk } from 'rollup';

// The server answers every non-/api path with index.html, so the app uses history routing.
// The built files must run under CSP `default-src 'self'`: no inline script, no inline style,
// no data: URLs. Hence no module-preload polyfill (it is an inline script) and no inlined assets.
const api = 'http://127.0.0.1:8080';

/**
 * A screen's code is a file of its own (a dynamic import), named by its folder and module so the
 * sizes in docs/performance.md read plainly: "checkin-page", "inner-journal", "ui-land".
 */
function chunkFileName(chunk: PreRenderedChunk): string {
  const id = chunk.facadeModuleId ?? chunk.moduleIds[chunk.moduleIds.length - 1] ?? '';
  const where = /\/src\/([^/]+)\/[^/]+$/.exec(id)?.[1];
  const name = where && !chunk.name.startsWith(where) ? `${where}-${chunk.name}` : chunk.name;
  return `assets/${name}-[hash].js`;
}

const web = path.dirname(fileURLToPath(import.meta.url));

/**
 * Writes dist/sw.js, the service worker (src/pwa/worker.ts), once the rest of the build is written:
 * with the list of files it keeps (every file in dist but itself) and a release name made from
 * their names and contents. Any change to the app changes sw.js, so browsers install the new
 * worker, which replaces the old one's cache.
 */
function serviceWorker(): Plugin {
  let outDir = '';
  return {
    name: 'pillars-service-worker',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
        .map((f) => f.split(path.sep).join('/'))
        .filter((f) => f !== 'sw.js' && statSync(path.join(outDir, f)).isFile())
        .sort();
      const hash = createHash('sha256');
      for (const f of files) hash.update(f).update('\0').update(readFileSync(path.join(outDir, f))).update('\0');
      const release = hash.digest('hex').slice(0, 16);
      await esbuild({
        entryPoints: [path.join(web, 'src', 'pwa', 'worker.ts')],
        outfile: path.join(outDir, 'sw.js'),
        bundle: true,
        format: 'iife',
        target: 'es2020',
        minify: true,
        legalComments: 'none',
        banner: { js: `// Pillars service worker, release ${release}` },
        define: {
          __PILLARS_RELEASE__: JSON.stringify(release),
          __PILLARS_FILES__: JSON.stringify(files.map((f) => `/${f}`)),
        },
        logLevel: 'warning',
      });
    },
  };
}

export default defineConfig({
  plugins: [serviceWorker()],
  esbuild: {
    jsx: 'automatic',
    jsxImportSource: 'preact',
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2020',
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
    sourcemap: false,
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: chunkFileName,
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
  server: {
    proxy: {
      // changeOrigin keeps the Host header equal to the server's own origin, and the Origin
      // header is rewritten to match, so the server's CSRF origin check passes in development.
      '/api': {
        target: api,
        changeOrigin: true,
        ws: true,
        configure: (proxy) => {
          proxy.on('proxyReq', (req) => {
            if (req.getHeader('origin')) req.setHeader('origin', api);
          });
        },
      },
      '/healthz': { target: api, changeOrigin: true },
    },
  },
});
