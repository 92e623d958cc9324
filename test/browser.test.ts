/**
 * The rule for tests that need a browser, both ways: without Chromium a contributor's run skips
 * them with one line and passes; with CI set it fails. Checked on the decision itself and on a
 * real vitest run of the HTML report's tests with no browser where CHROMIUM_PATH points.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideBrowser, isCi } from './browser.js';
import { ROOT } from './helpers.js';

const none = () => false;
const only = (file: string) => (f: string) => f === file;

describe('the browser rule', () => {
  it('runs with the Chromium it finds (CHROMIUM_PATH first, else /usr/bin/chromium)', () => {
    expect(decideBrowser({}, only('/usr/bin/chromium'))).toEqual({ run: true, executablePath: '/usr/bin/chromium' });
    expect(decideBrowser({ CHROMIUM_PATH: '/opt/chromium/chrome', CI: 'true' }, only('/opt/chromium/chrome'))).toEqual({ run: true, executablePath: '/opt/chromium/chrome' });
  });

  it('without Chromium and without CI: skip, saying what is missing and how to get it', () => {
    const d = decideBrowser({}, none);
    expect(d).toEqual({ run: false, message: expect.stringContaining('no Chromium at /usr/bin/chromium') });
    expect(d.run === false && d.message).toMatch(/apt-get install chromium.*CHROMIUM_PATH/);
    expect(decideBrowser({ CI: '' }, none).run).toBe(false);
    expect(decideBrowser({ CI: 'false' }, none).run).toBe(false);
  });

  it('without Chromium under CI: fail', () => {
    expect(() => decideBrowser({ CI: 'true' }, none)).toThrow(/no Chromium at \/usr\/bin\/chromium, and CI is set/);
    expect(() => decideBrowser({ CI: '1', CHROMIUM_PATH: '/nowhere/chromium' }, none)).toThrow(/no Chromium at \/nowhere\/chromium/);
    expect(isCi({ CI: 'true' })).toBe(true);
    expect(isCi({ CI: '0' })).toBe(false);
    expect(isCi({})).toBe(false);
  });

  it.each([
    ['without CI, the run passes and prints one skip line', {}, 0],
    ['with CI=true, the run fails', { CI: 'true' }, 1],
  ] as const)('a real vitest run of the HTML tests with no browser: %s', (_, env, code) => {
    const vitest = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI' && k !== 'VITEST' && !k.startsWith('VITEST_')));
    const r = spawnSync(process.execPath, [vitest, 'run', 'test/report/html.test.ts', '--reporter=dot'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...clean, ...env, CHROMIUM_PATH: path.join(ROOT, 'no-such-chromium'), NO_COLOR: '1' },
      timeout: 120_000,
    });
    const out = `${r.stdout}${r.stderr}`;
    expect(r.status, out).toBe(code);
    if (code === 0) {
      expect(out.match(/wherefrom: browser tests skipped: no Chromium at .*no-such-chromium; install Debian's chromium \(apt-get install chromium\) or set CHROMIUM_PATH/g)).toHaveLength(1);
      expect(out).toMatch(/skipped/);
    } else expect(out).toContain('and CI is set: browser tests must run in CI');
  }, 150_000);
});
