/**
 * The fuzz suite's budget: prints the seed once per run (with how to replay), and holds the
 * suite to at least 10,000 generated cases per `npm test` (test/fuzz/seed.ts has the table).
 */
import { describe, expect, it } from 'vitest';
import { RUNS, SCALE, SEED, TOTAL_RUNS } from './seed.js';

describe('fuzz budget', () => {
  it('runs at least 10,000 generated cases, all from one seed', () => {
    // The one line of output of the suite: what a failure needs to be replayed.
    console.log(`fuzz: seed ${SEED}, ${TOTAL_RUNS} generated cases (scale ${SCALE}); replay with WHEREFROM_FUZZ_SEED=${SEED}`);
    expect(Object.values(RUNS).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(10_000);
    expect(TOTAL_RUNS).toBeGreaterThanOrEqual(Math.floor(10_000 * Math.min(SCALE, 1)));
  });
});
