/**
 * One seed and one run budget for every property of the fuzz suite (test/fuzz).
 *
 * The seed is WHEREFROM_FUZZ_SEED when set, else a fixed default: CI runs the same cases every
 * time, and a failure can always be replayed. fast-check's failure report gives the seed and the
 * path of the shrunk counterexample; replay it with
 *
 *   WHEREFROM_FUZZ_SEED=<seed> WHEREFROM_FUZZ_PATH=<path> npx vitest run test/fuzz/<file> -t '<property>'
 *
 * (the path applies to the property `-t` selects; leave it out to rerun the whole property).
 * A deeper local run multiplies every property's number of runs:
 *
 *   WHEREFROM_FUZZ_RUNS=20 WHEREFROM_FUZZ_SEED=$RANDOM npx vitest run test/fuzz
 */
import type { Parameters } from 'fast-check';

/** The default seed: fixed, so `npm test` is deterministic. */
const DEFAULT_SEED = 20_261_128;

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`${name}=${JSON.stringify(raw)} is not a number`);
  return n;
}

export const SEED = Math.trunc(envNumber('WHEREFROM_FUZZ_SEED') ?? DEFAULT_SEED);

/** Multiplier of every property's number of runs (WHEREFROM_FUZZ_RUNS; 1 by default). */
export const SCALE = Math.max(envNumber('WHEREFROM_FUZZ_RUNS') ?? 1, 0.01);

/** A replay path given for the property being rerun (WHEREFROM_FUZZ_PATH). */
const PATH = process.env.WHEREFROM_FUZZ_PATH?.trim() || undefined;

/**
 * Runs per property at scale 1. One table, so the budget of the whole suite is known without
 * running it (test/fuzz/budget.test.ts holds it to at least 10,000 cases per `npm test`).
 * The npm properties are few: arborist takes milliseconds per tree.
 */
export const RUNS = {
  cdxJsonRoundTrip: 600,
  cdxXmlRoundTrip: 500,
  cdxWriterRoundTrip: 250,
  spdxJsonRoundTrip: 600,
  spdxTagValueRoundTrip: 600,
  spdx3RoundTrip: 600,
  csvRoundTrip: 600,
  encodings: 500,
  truncation: 1500,
  wrongTypes: 1500,
  mutatedXml: 600,
  mutatedText: 600,
  bytes: 600,
  duplicatesAndCycles: 400,
  protoKeys: 300,
  deepJson: 60,
  deepComponents: 60,
  bomChain: 40,
  hugeStrings: 24,
  npmRoundTrip: 50,
  npmHostile: 50,
  policyRoundTrip: 400,
  policyHostile: 800,
  catalogRoundTrip: 40,
  catalogHostile: 80,
} as const;

export type PropertyName = keyof typeof RUNS;

/** Total generated cases of one run of the suite. */
export const TOTAL_RUNS = Object.keys(RUNS).reduce((sum, k) => sum + runs(k as PropertyName), 0);

/** Number of runs of a property, scaled. */
export function runs(name: PropertyName): number {
  return Math.max(1, Math.round(RUNS[name] * SCALE));
}

/** fast-check parameters for a property: the suite's seed, its scaled runs, the replay path if given. */
export function fuzz<T = unknown>(name: PropertyName, extra: Parameters<T> = {}): Parameters<T> {
  const p: Parameters<T> = { seed: SEED, numRuns: runs(name), ...extra };
  if (PATH !== undefined) p.path = PATH;
  return p;
}
