// The short soak (45 s of load): real people on 127.0.0.1 while a connection flood, slowloris
// clients and a password guesser work on other loopback addresses. The people see no 5xx and no
// failed connection, and the server's memory after the run is within 5% of its value after the
// warm-up, plus what SQLite itself reports its page caches grew by. tests/soak/soak.mjs does the
// work; `make soak` runs the same for 30 minutes.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describe, soak } from '../soak/soak.mjs';

test('real people do not notice abusive clients, and memory stays flat', { timeout: 240_000 }, async (t) => {
  // 15 s of warm-up is enough for every abusive client to have run its course at least once (the
  // flood has filled the cap, slowloris bodies have timed out, the guesser is limited), but not
  // for SQLite's page caches to fill with a growing database: their measured growth is allowed.
  const summary = await soak({ warmupSeconds: 15, mainSeconds: 30 },
    (line) => t.diagnostic(line));
  const lines = describe(summary);
  for (const line of lines) t.diagnostic(line);
  assert.deepEqual(summary.problems, [], lines.join('\n'));
});
