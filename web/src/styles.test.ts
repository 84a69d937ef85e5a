// Checks on the app's CSS and markup that keep it tidy and within the CSP, and no inline style or
// script anywhere. The CSS rule: at one @media level, across every stylesheet (they are served as
// one), a selector has at most one rule of its own, and belongs to at most one group (`.a, .b`)
// that shares declarations with others. So a selector's own styles are always in one place.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import postcss, { type AtRule, type Node } from 'postcss';

const web = process.env.PILLARS_WEB_DIR ?? process.cwd();
const src = path.join(web, 'src');
const sources = (ext: string) =>
  readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(ext))
    .sort();

/**
 * A key per selector of every rule, with where it is: "@media (min-width: 40rem) .flow" for a rule
 * of its own, with "(grouped)" for a selector in a list.
 */
export function selectorsOf(css: string, file: string): { key: string; at: string }[] {
  const out: { key: string; at: string }[] = [];
  postcss.parse(css, { from: file }).walkRules((rule) => {
    const context: string[] = [];
    for (let parent: Node | undefined = rule.parent as Node | undefined; parent?.type === 'atrule'; parent = parent.parent as Node | undefined) {
      const at = parent as AtRule;
      if (at.name === 'keyframes') return; // "from" and "to" belong to their animation
      context.unshift(`@${at.name} ${at.params.replace(/\s+/g, ' ')}`);
    }
    const grouped = rule.selectors.length > 1 ? ' (grouped)' : '';
    for (const selector of rule.selectors) {
      const key = [...context, selector.replace(/\s+/g, ' ').trim()].join(' ') + grouped;
      out.push({ key, at: `${file}:${rule.source?.start?.line}` });
    }
  });
  return out;
}

export function duplicates(files: { file: string; css: string }[]): string[] {
  const seen = new Map<string, string>();
  const found: string[] = [];
  for (const { file, css } of files) {
    for (const { key, at } of selectorsOf(css, file)) {
      const first = seen.get(key);
      if (first) found.push(`${key} (${first} and ${at})`);
      else seen.set(key, at);
    }
  }
  return found;
}

test('the duplicate check finds a selector styled twice, and only that', () => {
  const css = '.a, .b { color: red }\n.c { color: blue }\n@media (min-width: 1px) { .a { color: green } }\n.b { margin: 0 }';
  assert.deepEqual(duplicates([{ file: 'x.css', css }]), [], 'a group and a rule of its own are two places by design');
  assert.deepEqual(duplicates([{ file: 'x.css', css: `${css}\n.b{}\n.b, .c {}` }]), [
    '.b (x.css:4 and x.css:5)',
    '.b (grouped) (x.css:1 and x.css:6)',
  ]);
  assert.deepEqual(duplicates([{ file: 'a.css', css: '.a{}' }, { file: 'b.css', css: '@keyframes k { from {} to {} } .a{}' }]), [
    '.a (a.css:1 and b.css:1)',
  ]);
});

test('no selector has two rules of its own, or two groups, at one @media level', () => {
  const files = sources('.css').map((f) => ({ file: f, css: readFileSync(path.join(src, f), 'utf8') }));
  assert.ok(files.length >= 5, `found the stylesheets (${files.length}) under ${src}`);
  assert.deepEqual(duplicates(files), []);
});

test('no inline style or script: the CSP (default-src self) holds', () => {
  for (const f of sources('.tsx')) {
    const text = readFileSync(path.join(src, f), 'utf8');
    assert.doesNotMatch(text, /\sstyle=/, `${f} sets a style attribute`);
    assert.doesNotMatch(text, /<style[\s>]/, `${f} has a <style> element`);
    assert.doesNotMatch(text, /dangerouslySetInnerHTML/, `${f} sets raw HTML`);
  }
  const html = readFileSync(path.join(web, 'index.html'), 'utf8');
  assert.doesNotMatch(html, /<style[\s>]|\sstyle=|\son[a-z]+=/i, 'index.html has inline style or an event handler');
  for (const script of html.match(/<script\b[^>]*>/g) ?? []) assert.match(script, /\ssrc=/, `inline script in index.html: ${script}`);
});
