/**
 * Whether the tests that need a real browser run: Debian's chromium (or CHROMIUM_PATH) driven
 * by playwright-core. Without one, a contributor's `npm test` skips those tests with one line
 * saying what is missing and how to get it; under CI (`CI` set, as .ci/run and every hosted CI
 * set it) a missing browser fails the run, so CI never passes by skipping silently.
 */
import { existsSync } from 'node:fs';

/** The launch flags: headless, as root in a container, no GPU, and no calls home. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** The decision, for a test file to act on. */
export type BrowserDecision = { run: true; executablePath: string } | { run: false; message: string };

/** True when `CI` is set to anything but an empty string, `0` or `false`. */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/**
 * Decides whether browser tests run, from the environment and what exists on disk.
 * @throws Error under CI when there is no browser: a CI run must not pass by skipping
 */
export function decideBrowser(env: Readonly<Record<string, string | undefined>>, exists: (file: string) => boolean = existsSync): BrowserDecision {
  const executablePath = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (exists(executablePath)) return { run: true, executablePath };
  const how = `install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary`;
  if (isCi(env)) throw new Error(`no Chromium at ${executablePath}, and CI is set: browser tests must run in CI (${how})`);
  return { run: false, message: `browser tests skipped: no Chromium at ${executablePath}; ${how}` };
}

/** The decision for this process, with the skip line printed once when the tests are skipped. */
export function browserForTests(): BrowserDecision {
  const decision = decideBrowser(process.env);
  if (!decision.run) process.stderr.write(`wherefrom: ${decision.message}\n`);
  return decision;
}
