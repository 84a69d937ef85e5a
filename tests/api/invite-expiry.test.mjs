// Expired invites, on a server whose invites live one second (PILLARS_INVITE_TTL_SECONDS=1).

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { assertProblem } from './lib/client.mjs';
import { registerPeople } from './lib/fixture.mjs';
import { startServer } from './lib/server.mjs';

let server;
before(async () => {
  server = await startServer({ env: { PILLARS_INVITE_TTL_SECONDS: '1' } });
});
after(() => server?.stop());

test('an expired invite answers as an unknown code would (404 not-found) and leaves the open list', { timeout: 30_000 }, async () => {
  const [olga, pavel] = await registerPeople(server, 'Olga', 'Pavel');
  const created = await olga.post('/api/v1/invites', { kind: 'friend' });
  assert.equal(created.status, 201, created.text);
  const ttl = Date.parse(created.body.expires_at) - Date.now();
  assert.ok(ttl <= 1_500, `expires_at should honour the 1 s TTL, got ${created.body.expires_at}`);
  assert.ok((await olga.get('/api/v1/invites')).body.invites.some((i) => i.code === created.body.code));

  await sleep(1_500);
  const expired = assertProblem(await pavel.post(`/api/v1/invites/${created.body.code}/accept`, {}), 404, 'not-found');
  const unknown = assertProblem(await pavel.post('/api/v1/invites/ZZZZ-ZZZZ/accept', {}), 404, 'not-found');
  assert.equal(expired.detail, unknown.detail, 'an expired code and an unknown one get the same words');
  assert.equal(expired.title, unknown.title);
  assert.ok(!(await olga.get('/api/v1/invites')).body.invites.some((i) => i.code === created.body.code));
  assert.deepEqual((await pavel.get('/api/v1/bonds')).body.bonds, []);
});
