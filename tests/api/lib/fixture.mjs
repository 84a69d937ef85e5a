// The cast most API tests need, and its teardown. world() starts a server (or takes one) and
// registers only the people asked for, since each costs a real Argon2id hash, one after another
// in this order; then it makes the bonds, in the same order:
//
//   a, b, bond     two people in a bond; a invited, b accepted, and `bond` is as b sees it
//   alsoBondedToA  [{ person, bond }]: members of another bond of a's (a invited each)
//   stranger       signed in, in no bond with a or b
//   other          { c, d, bond }: two more people in a bond of their own (c invited)
//   cat            the catalog, loaded as a
//
// tests/api/README.md shows how a test file uses it.

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeBond, registerPerson } from './client.mjs';
import { loadCatalog } from './inner-world.mjs';
import { dropDatabase, onPostgres } from './postgres.mjs';
import { startServer } from './server.mjs';

/** Registers one signed-in person per name on `server`, one after another. */
export async function registerPeople(server, ...names) {
  const registered = [];
  for (const name of names) registered.push(await registerPerson(server, { name }));
  return registered;
}

/**
 * Options: `server` (a started server, then left to its owner) or `args`, `env`, `nofile` for
 * startServer(); `restartable` (a data folder of the world's own, `dataDir`, kept across servers);
 * `a`, `b`, `kind` (Ana, Ben, partner); `alsoBondedToA` ([[name, kind], ...]); `stranger` (true
 * for Sam, or a name); `other` (true for {c: 'Cleo', d: 'Dev', kind: 'friend'}, or such an
 * object); `catalog`.
 *
 * Methods: person(name) registers one more. stop() stops the server (startServer's stop() asserts
 * exit code 0 and a clean log). start(), restartable only, starts a new server on the same folder,
 * points every person of the world at it and keeps the last server's secrets as its own. close(),
 * for after(), stops the server unless stop() came last or it was given, and removes the folder
 * (and on PostgreSQL its database).
 */
export async function world({
  server: given, args, env, nofile, restartable = false,
  a = 'Ana', b = 'Ben', kind = 'partner', alsoBondedToA = [], stranger, other, catalog = false,
} = {}) {
  assert.ok(!(given && (restartable || args || env || nofile)), 'a given server comes with its own options');
  const dataDir = restartable ? await mkdtemp(path.join(tmpdir(), 'pillars-world-')) : undefined;
  const serverOptions = { args, env, nofile, dataDir };
  const everyone = [];
  let stopped = false;

  const w = {
    server: null,
    dataDir,
    async person(name) {
      const person = await registerPerson(w.server, { name });
      everyone.push(person);
      return person;
    },
    async stop() {
      stopped = true;
      await w.server.stop();
    },
    async start() {
      assert.ok(restartable, 'only a restartable world starts again');
      const previous = w.server;
      w.server = await startServer(serverOptions);
      stopped = false;
      for (const secret of previous.secrets) w.server.secrets.add(secret);
      for (const person of everyone) person.server = w.server;
      return w.server;
    },
    async close() {
      try {
        if (!given && !stopped && w.server) await w.server.stop();
      } finally {
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
        if (dataDir && onPostgres) await dropDatabase(dataDir);
      }
    },
  };

  try {
    w.server = given ?? await startServer(serverOptions);
    w.a = await w.person(a);
    w.b = await w.person(b);
    const alsoPeople = [];
    for (const [name] of alsoBondedToA) alsoPeople.push(await w.person(name));
    if (stranger) w.stranger = await w.person(stranger === true ? 'Sam' : stranger);
    const pair = other === true ? { c: 'Cleo', d: 'Dev', kind: 'friend' } : other;
    const c = pair && await w.person(pair.c);
    const d = pair && await w.person(pair.d);

    w.bond = await makeBond(w.a, w.b, kind);
    w.alsoBondedToA = [];
    for (const [i, [, alsoKind]] of alsoBondedToA.entries()) {
      w.alsoBondedToA.push({ person: alsoPeople[i], bond: await makeBond(w.a, alsoPeople[i], alsoKind) });
    }
    if (pair) w.other = { c, d, bond: await makeBond(c, d, pair.kind) };
    if (catalog) w.cat = await loadCatalog(w.a);
  } catch (err) {
    // A failed set-up still leaves no server running and no folder behind.
    await w.close().catch(() => {});
    throw err;
  }
  return w;
}
