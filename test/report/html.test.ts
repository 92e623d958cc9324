/**
 * The HTML report, in a real browser: Debian's chromium driven by playwright-core (CI installs
 * chromium itself, see .ci/run). The largest fixture (istio-release, 3,461 packages) opens with
 * its charts, summary, table and plan (its load time is measured by `npm run bench`, not here);
 * the charts, the summary and the table's first page are there without JavaScript; the table
 * filters, sorts and pages with it; hostile SBOM strings stay text. Screenshots are saved to
 * test/out/ for a person to look at.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlEscape } from '../../src/report/html.js';
import { browserForTests, CHROMIUM_ARGS } from '../browser.js';
import { cli, ROOT } from '../helpers.js';

// Without Chromium: skipped with one line on stderr, or (with CI set) a failure right here.
const BROWSER = browserForTests();
const ISTIO = 'fixtures/corpus/bom-shelter/in-the-wild/spdx/istio-release.spdx';
const OUT = path.join(ROOT, 'test/out');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wherefrom-html-'));

async function htmlFor(args: string[]): Promise<string> {
  const file = path.join(tmp, `r-${Math.random().toString(36).slice(2)}.html`);
  const r = await cli(['scan', ...args, '--format', 'html', '--output', file, '--as-of', '2026-11-28', '--fail-on', 'never']);
  expect(r.code, r.stderr).toBe(0);
  return file;
}

describe('the HTML report (text)', () => {
  it('is self-contained: a CSP that loads nothing, no external address, every string escaped', async () => {
    const file = await htmlFor([ISTIO, '--deny-country', 'CN']);
    const html = (await import('node:fs')).readFileSync(file, 'utf8');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`);
    expect(html).not.toMatch(/\s(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(htmlEscape(`<img src=x onerror="alert('x')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;');
  });
});

describe.skipIf(!BROWSER.run)('the HTML report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (BROWSER.run) browser = await chromium.launch({ executablePath: BROWSER.executablePath, args: CHROMIUM_ARGS });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('opens the largest fixture (3,461 packages) with its charts, summary, table and plan', async () => {
    const file = await htmlFor([ISTIO, '--deny-unknown', '--deny-country', 'CN']);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    expect(await page.locator('svg.chart').count()).toBe(4);
    expect(await page.locator('#chart-country text').allTextContents()).toContain('unknown');
    expect(await page.locator('.card b').first().textContent()).toBe('3461');
    expect(await page.locator('#components tbody tr').count()).toBe(100);
    expect(await page.textContent('#page')).toBe('page 1 of 35');
    expect(await page.locator('#plan').count()).toBe(1);
    expect(await page.locator('#plan details.gap summary').textContent()).toMatch(/\d+ to replace whose kind of product the catalog does not cover/);
    // Filter, page, sort.
    await page.fill('#q', 'zlib');
    expect(await page.textContent('#shown')).toBe('6');
    expect(await page.locator('#components tbody tr').count()).toBe(6);
    await page.fill('#q', '');
    await page.click('#next');
    expect(await page.textContent('#page')).toBe('page 2 of 35');
    await page.click('#components th:nth-child(2)');
    const first = await page.locator('#components tbody tr td:nth-child(2)').first().textContent();
    await page.click('#components th:nth-child(2)');
    const last = await page.locator('#components tbody tr td:nth-child(2)').first().textContent();
    expect(first! < last!).toBe(true);
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'html-report-istio.png') });
    await page.close();
  }, 60_000);

  it('shows evidence, verdicts and the substitution plan for a hardware and software SBOM', async () => {
    const file = await htmlFor(['examples/sboms/edge-site.cdx.json', 'examples/sboms/db-07.hbom.cdx.json', '--deny-country', 'CN', '--catalog', 'fixtures/catalog/test-catalog.json']);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    await page.selectOption('#f-verdict', 'deny');
    const denied = await page.locator('#components tbody tr td:nth-child(2)').allTextContents();
    expect(denied).toEqual(expect.arrayContaining(['CloudEngine S5735-L24T4X', 'Hi1822 Family (4*25GE)']));
    await page.locator('#components tbody tr', { hasText: 'Hi1822' }).locator('summary').click();
    expect(await page.locator('#components tbody tr', { hasText: 'Hi1822' }).locator('li code').first().textContent()).toBe('hardware.pci.vendor pci-vendor:19e5 ← pci.ids 2023.04.10: Huawei Technologies Co., Ltd. → huawei');
    // The switch and the camera each get candidates (which ones depends on the built-in catalog).
    for (const flagged of ['CloudEngine S5735-L24T4X', 'DS-2CD2143G2-I']) {
      expect(await page.locator('#plan table.plan tr', { hasText: flagged }).locator('ol li').count(), flagged).toBeGreaterThan(0);
    }
    mkdirSync(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, 'html-report-edge.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('works with JavaScript off for the summary (and the table\'s first page)', async () => {
    const file = await htmlFor([ISTIO, '--deny-country', 'CN']);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    expect(await page.locator('svg.chart').count()).toBe(4);
    expect(await page.locator('#summary .card').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#components tbody tr').count()).toBe(100);
    expect(await page.getAttribute('html', 'data-js')).toBeNull();
    await context.close();
  }, 60_000);

  it('keeps hostile SBOM strings as text: nothing runs, nothing is injected', async () => {
    const sbom = path.join(tmp, 'hostile.cdx.json');
    const evil = `<img src=x onerror="document.title='pwned'"><script>document.title='pwned'</script></script>`;
    writeFileSync(sbom, JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [
        { type: 'library', 'bom-ref': 'a', name: evil, version: '"><b>x</b>', supplier: { name: 'Huawei Technologies Co., Ltd.' } },
        { type: 'library', 'bom-ref': 'b', name: '\u2028</script><script>document.title="pwned"</script>' },
      ],
    }));
    const file = await htmlFor([sbom, '--deny-country', 'CN']);
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    expect(await page.title()).not.toBe('pwned');
    expect(dialogs).toEqual([]);
    expect(await page.locator('#components img, #components b').count()).toBe(0);
    expect(await page.locator('#components tbody tr td:nth-child(2)').allTextContents()).toContain(evil);
    await page.close();
  }, 60_000);
});
