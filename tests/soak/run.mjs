// The long soak, for `make soak`: 5 minutes of warm-up and 25 more of the same load (30 in
// all), then a summary. Exits 0 when every criterion held, 1 otherwise. The durations can be
// changed for a trial run: PILLARS_SOAK_WARMUP_SECONDS, PILLARS_SOAK_SECONDS (the total).
//
//   PILLARS_BIN=build/pillars node tests/soak/run.mjs

import { describe, soak } from './soak.mjs';

const total = Number(process.env.PILLARS_SOAK_SECONDS ?? 30 * 60);
const warmup = Number(process.env.PILLARS_SOAK_WARMUP_SECONDS ?? Math.min(5 * 60, Math.floor(total / 6)));
if (!(total > warmup && warmup > 0)) {
  console.error(`PILLARS_SOAK_SECONDS (${total}) must exceed PILLARS_SOAK_WARMUP_SECONDS (${warmup}), both positive`);
  process.exit(2);
}

const stamp = () => new Date().toISOString().slice(11, 19);
const summary = await soak({ warmupSeconds: warmup, mainSeconds: total - warmup },
  (line) => console.log(`${stamp()} ${line}`));
for (const line of describe(summary)) console.log(line);
process.exit(summary.ok ? 0 : 1);
