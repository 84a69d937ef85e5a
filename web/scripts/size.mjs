// The web app's size, gzipped: what a first visit loads (index.html's script and stylesheet and
// whatever they import statically) against the 100 KB budget, and every other file in its own
// line, fetched only when a screen needs it. Run after `npm run build`:
//
//   node scripts/size.mjs            # a table in Markdown
//   node scripts/size.mjs --check    # the same, and fails when the first load is over budget
//   node scripts/size.mjs --json     # {"first": bytes, "total": bytes, "files": count}
//
// Sizes are zlib's gzip at its default level, as `gzip -c FILE | wc -c` gives give or take the
// few bytes of the file's name gzip keeps.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const budget = 100_000;

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(web, 'dist');

/** The files index.html loads: its module scripts, preloads and stylesheets, under /assets/. */
export function referencedBy(html) {
  const found = [];
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\/(assets\/[^"]+)"/g)) found.push(m[1]);
  return found;
}

/** The chunks a script imports statically ("import{a}from"./x.js"", "export*from"./y.js""), not `import()`. */
export function staticImports(js) {
  const found = [];
  for (const m of js.matchAll(/(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']\.\/([^"']+\.js)["']/g)) found.push(m[1]);
  return found;
}

function main() {
  if (!existsSync(path.join(dist, 'index.html'))) {
    console.error('web/dist is missing: run `npm run build` in web/ first');
    process.exit(2);
  }
  const gz = (file) => gzipSync(readFileSync(path.join(dist, file))).length;
  const first = new Set();
  const queue = referencedBy(readFileSync(path.join(dist, 'index.html'), 'utf8'));
  while (queue.length > 0) {
    const file = queue.shift();
    if (first.has(file)) continue;
    first.add(file);
    if (file.endsWith('.js')) queue.push(...staticImports(readFileSync(path.join(dist, file), 'utf8')).map((f) => `assets/${f}`));
  }
  const all = readdirSync(path.join(dist, 'assets'))
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .map((f) => `assets/${f}`);
  const rows = all.map((file) => ({ file, bytes: gz(file), first: first.has(file) })).sort((a, b) => b.bytes - a.bytes);
  const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
  const firstBytes = rows.filter((r) => r.first).reduce((n, r) => n + r.bytes, 0);
  const total = rows.reduce((n, r) => n + r.bytes, 0);
  const name = (file) => path.basename(file).replace(/-[\w-]{8}\.(js|css)$/, '.$1');

  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ first: firstBytes, total, files: rows.length }));
    return;
  }
  console.log('| File | Gzipped | Loaded |');
  console.log('|---|---|---|');
  for (const r of rows) console.log(`| ${name(r.file)} | ${kb(r.bytes)} | ${r.first ? 'first visit' : 'when a screen needs it'} |`);
  console.log('');
  console.log(`First load: ${kb(firstBytes)} (${firstBytes} bytes) of the ${kb(budget)} budget; all files: ${kb(total)} (${total} bytes) in ${rows.length} files.`);
  if (process.argv.includes('--check') && firstBytes >= budget) {
    console.error(`The first load is over the budget by ${firstBytes - budget + 1} bytes.`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
