import { defineConfig } from 'vite';
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

export default defineConfig({
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
