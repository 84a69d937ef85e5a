// Runs the web app's unit tests (src/**/*.test.ts) with node's own test runner. Node cannot run
// TypeScript, so each test file is bundled with esbuild into a temporary folder first; the
// folder is removed afterwards. Exits with the test runner's status, so a failing assertion fails.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(web, 'src');
const entryPoints = readdirSync(src, { recursive: true })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => path.join(src, f))
  .sort();
if (entryPoints.length === 0) {
  console.error('no tests found under src/');
  process.exit(1);
}

const out = mkdtempSync(path.join(os.tmpdir(), 'pillars-web-tests-'));
let status = 1;
try {
  await build({
    entryPoints,
    outdir: out,
    outbase: src,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    // Bundled CommonJS packages (postcss) call require(); give them one.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  const files = entryPoints.map((f) => path.join(out, path.relative(src, f)).replace(/\.ts$/, '.mjs'));
  const reporter = process.argv.includes('--dot') ? 'dot' : 'spec';
  const run = spawnSync(process.execPath, ['--test', `--test-reporter=${reporter}`, ...files], {
    stdio: 'inherit',
    // Tests that read the sources (the CSS check) find them here, wherever they are run from.
    env: { ...process.env, PILLARS_WEB_DIR: web },
  });
  status = run.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.exit(status);
