import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayOf, filenameFrom, formatSize, importSummary, importType, progressText } from './data';

test('sizes as people read them: kilobytes up to a megabyte, then megabytes', () => {
  assert.equal(formatSize(0), '0 KB');
  assert.equal(formatSize(100), '1 KB', 'a few bytes are not "0 KB"');
  assert.equal(formatSize(340 * 1024 + 300), '340 KB');
  assert.equal(formatSize(1023 * 1024), '1023 KB');
  assert.equal(formatSize(1024 * 1024), '1.0 MB');
  assert.equal(formatSize(1.25 * 1024 * 1024), '1.3 MB');
  assert.equal(formatSize(14.4 * 1024 * 1024), '14 MB');
});

test('the progress says how much has come, and of how much when the size is known', () => {
  assert.equal(progressText(0), 'Preparing your archive…');
  assert.equal(progressText(340 * 1024), 'Preparing your archive… 340 KB');
  assert.equal(progressText(512 * 1024, 2 * 1024 * 1024), 'Preparing your archive… 512 KB of 2.0 MB');
});

test('the saved file takes the server’s name, and only a plain name', () => {
  const day = '2026-12-02';
  assert.equal(filenameFrom('attachment; filename="pillars-export-2026-12-01.zip"', day), 'pillars-export-2026-12-01.zip');
  assert.equal(filenameFrom('attachment; filename=pillars-export-2026-12-01.zip', day), 'pillars-export-2026-12-01.zip');
  assert.equal(filenameFrom(`attachment; filename="x.zip"; filename*=UTF-8''pillars%20export.zip`, day), 'pillars export.zip');
  assert.equal(filenameFrom('attachment; filename="../../etc/passwd"', day), 'passwd', 'never a path');
  assert.equal(filenameFrom('attachment; filename=".bashrc"', day), 'pillars-export-2026-12-02.zip', 'never a hidden file');
  assert.equal(filenameFrom('attachment', day), 'pillars-export-2026-12-02.zip');
  assert.equal(filenameFrom(null, day), 'pillars-export-2026-12-02.zip');
  assert.equal(dayOf(new Date(2026, 0, 5, 23, 30)), '2026-01-05');
});

test('a file is sent as a zip or as JSON by its name, and anything else is refused', () => {
  assert.equal(importType('pillars-export-2026-12-01.zip'), 'application/zip');
  assert.equal(importType('Pillars-Export.ZIP'), 'application/zip');
  assert.equal(importType('pillars-export.json'), 'application/json');
  assert.equal(importType('journal.md'), null);
  assert.equal(importType('zip'), null);
});

test('what came along and what stayed in the file, in words', () => {
  const said = importSummary({
    imported: { entries: 12, own_time: 1, needs: 0, reflections: 3, settings: true },
    not_imported: { bonds: 1, checkins: 20, shared_with_me: 1, conversations: 0, wishes: 4, night_walks: 2 },
  });
  assert.equal(said.came, '12 entries, 3 reflections, 1 piece of time of your own and your settings came along.');
  assert.equal(said.stayed, '1 bond, 20 check-ins, 1 entry shared with you, 4 answers in the menus and 2 night walks stayed in the file.');

  const one = importSummary({
    imported: { entries: 1, own_time: 0, needs: 2, reflections: 0, settings: false },
    not_imported: { bonds: 0, checkins: 0 },
  });
  assert.equal(one.came, '1 entry and 2 results of the two needs came along.');
  assert.equal(one.stayed, null, 'nothing stayed behind');

  const none = importSummary({ imported: { entries: 0, own_time: 0, needs: 0, reflections: 0, settings: false }, not_imported: {} });
  assert.match(none.came, /nothing new/);
});
