// The cast most API tests need, on a server of their own, with its teardown:
//
//   a, b           two people in a bond (`bond`, as b, who accepted a's invite, sees it)
//   stranger       signed in, in no bond with a or b                      (option `stranger`)
//   alsoBondedToA  more people, each in a bond of their own with a:
//                  [{ person, bond }], a member of another bond of a's   (option `alsoBondedToA`)
//   other          { c, d, bond }: two more people in a bond of their own (option `other`)
//   cat            the catalog, loaded as a                               (option `catalog`)
//
// Password hashing is real Argon2id, so only the people asked for are registered. They are
// registered one after another in a fixed order (a, b, alsoBondedToA, stranger, c, d), and the
// bonds are made after them in that order too (a–b, a's further bonds, c–d).

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeBond, registerPerson } from './client.mjs';
import { loadCatalog } from './inner-world.mjs';
import { startServer } from './server.mjs';

/** Registers one signed-in person per name on `server`, one after another. */
export async function registerPeople(server, ...names) {
  const registered = [];
  for (const name of names) registered.push(await registerPerson(server, { name }));
  return registered;
}

/**
 * Starts a server and registers the cast. Options:
 *  server         a started server to use instead; the world then leaves stopping it to the caller
 *  args, env, nofile  passed to startServer()
 *  restartable    a data folder of the world's own that outlives each server, for stop() and start()
 *  a, b, kind     the names of the two in the bond, and its kind (Ana, Ben, partner)
 *  alsoBondedToA  [[name, kind], ...]: more people, each bonded with a (a invites)
 *  stranger       true (Sam) or a name
 *  other          true ({c: 'Cleo', d: 'Dev', kind: 'friend'}) or such an object; c invites
 *  catalog        load the catalog as a
 *
 * The world's methods:
 *  person(name)   registers one more person on the current server (start() points them at the next)
 *  stop()         stops the server; stop() in startServer() asserts exit code 0 and a clean log
 *  start()        a restartable world only: a new server on the same data folder; every person
 *                 of the world is pointed at it, and the passwords and tokens the last server
 *                 must not log stay secrets for this one
 *  close()        for after(): stops the server unless stop() came last (or it was given), and
 *                 removes the world's data folder
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
