#!/usr/bin/env node
// The HTML report of the largest fixture (istio-release, 3,461 packages) opened in Chromium, against
// a baseline measured in the same run: a bare HTML table of the same 3,461 names, the least any
// page listing them costs. Time is the navigation's loadEventEnd, median of 5 loads after one
// warm-up. Target (issue 6): under 2 s. Needs `npm run build` and Debian's chromium. Prints JSON.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const out = path.join(here, 'out');
mkdirSync(out, { recursive: true });
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.log(JSON.stringify({ skipped: `no Chromium at ${executablePath}` }));
  process.exit(0);
}
const report = path.join(out, 'istio-report.html');
execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), 'scan', 'fixtures/corpus/bom-shelter/in-the-wild/spdx/istio-release.spdx', '--deny-unknown', '--deny-country', 'CN', '--format', 'html', '--output', report, '--fail-on', 'never'], { cwd: root });
const data = JSON.parse(/<script type="application\/json" id="component-data">([\s\S]*?)<\/script>/.exec(readFileSync(report, 'utf8'))[1]);
const bare = path.join(out, 'istio-bare-table.html');
writeFileSync(bare, `<!DOCTYPE html><html><body><table>${data.map((d) => `<tr><td>${d[0]}</td><td>${d[1].replace(/[<&]/g, '')}</td><td>${d[2].replace(/[<&]/g, '')}</td></tr>`).join('')}</table></body></html>`);

const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function measure(file) {
  const page = await browser.newPage();
  const times = [];
  for (let i = 0; i < 6; i++) {
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    if (i > 0) times.push(await page.evaluate('performance.getEntriesByType("navigation")[0].loadEventEnd'));
  }
  await page.close();
  return Math.round(median(times));
}
const baselineMs = await measure(bare);
const reportMs = await measure(report);
await browser.close();
console.log(JSON.stringify({ packages: data.length, reportKb: Math.round(readFileSync(report).length / 1024), baselineMs, reportMs, pass: reportMs < 2000 }));
