#!/usr/bin/env node
// Times `npm ls --all --json` against wherefrom's inventory of the same npm project, both as a
// fresh process (startup included, as a user would run them), and compares the package counts.
//
//   node bench/npm-vs-npm-ls.mjs [project-dir] [--runs N]
//
// wherefrom runs as `node dist/cli.js inventory --format json <dir>/package.json` (build first:
// `npm run build`). Results go to bench/out/npm.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repoRoot, 'bench/out');

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 9;
const dir = resolve(args[0] ?? repoRoot);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a positive integer');

const GNU_TIME = '/usr/bin/time';
const haveGnuTime = spawnSync(GNU_TIME, ['-f', '%M', 'true']).status === 0;
const scratch = mkdtempSync(join(tmpdir(), 'wf-bench-'));
// Without GNU time, a preloaded script writes the node process's own peak RSS when it exits.
const rssPreload = join(scratch, 'rss.cjs');
writeFileSync(
  rssPreload,
  "process.on('exit', () => require('fs').writeFileSync(process.env.WF_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
);

/** Runs a command once: wall time (ms), peak RSS (KiB), exit status, stdout. */
function measure(cmd, cmdArgs) {
  const rssFile = join(scratch, 'rss');
  rmSync(rssFile, { force: true });
  const env = { ...process.env, WF_RSS_FILE: rssFile };
  let [file, argv] = [cmd, cmdArgs];
  if (haveGnuTime) [file, argv] = [GNU_TIME, ['-f', '%M', '-o', rssFile, cmd, ...cmdArgs]];
  else env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require ${rssPreload}`;
  const t = performance.now();
  const r = spawnSync(file, argv, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.error) throw r.error;
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : NaN;
  return { ms, rssKiB: rss, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Real locations of the installed packages npm ls prints (deduped ones once). */
function npmLsCount(stdout) {
  const root = realpathSync(dir);
  const seen = new Set();
  const walk = (item, parentPath) => {
    for (const [name, dep] of Object.entries(item.dependencies ?? {})) {
      if (!dep.version) continue; // a missing (optional) dependency
      // Without --long there is no path: the location is the nesting of names, resolved like
      // node would (a deduped entry names a package found further up).
      const path = locate(parentPath, name);
      if (path !== undefined) seen.add(relative(root, path));
      walk(dep, path ?? parentPath);
    }
  };
  const locate = (from, name) => {
    for (let d = from; ; d = dirname(d)) {
      const p = join(d, 'node_modules', name);
      if (existsSync(join(p, 'package.json'))) return realpathSync(p);
      if (d === root || dirname(d) === d) return undefined;
    }
  };
  walk(JSON.parse(stdout), root);
  return seen.size;
}

function wherefromCommand() {
  const cli = join(repoRoot, 'dist/cli.js');
  if (!existsSync(cli)) throw new Error('build first (npm run build)');
  // Naming the project's package.json reads that project alone (a folder would also be walked
  // for SBOM files, which here would take in every fixture).
  return {
    how: 'node dist/cli.js inventory --format json <project>/package.json',
    argv: [cli, 'inventory', '--format', 'json', join(dir, 'package.json')],
    count: (stdout) => JSON.parse(stdout).components.length,
  };
}

mkdirSync(outDir, { recursive: true });
try {
  const npmLs = { how: 'npm ls --all --json', file: 'npm', argv: ['ls', '--all', '--json', '--logs-max=0', '--prefix', dir], count: npmLsCount };
  const wf = { ...wherefromCommand(), file: process.execPath };
  // The two tools alternate run by run, so a slow moment of the machine falls on both alike.
  const tools = [npmLs, wf];
  const samples = tools.map(() => []);
  const counts = [];
  for (let i = 0; i <= runs; i++) {
    tools.forEach((tool, t) => {
      const s = measure(tool.file, tool.argv);
      // npm ls exits 1 when it finds problems (missing, invalid, extraneous) but still prints the tree.
      if (!s.stdout) throw new Error(`${tool.how} printed nothing (exit ${s.status}): ${s.stderr.slice(0, 2000)}`);
      counts[t] = tool.count(s.stdout);
      if (i > 0) samples[t].push(s); // the first round warms the file system cache
    });
  }
  const results = tools.map((tool, t) => ({
    tool: tool.how,
    runs,
    medianMs: Math.round(median(samples[t].map((s) => s.ms))),
    minMs: Math.round(Math.min(...samples[t].map((s) => s.ms))),
    peakRssKiB: Math.max(...samples[t].map((s) => s.rssKiB)),
    packages: counts[t],
  }));

  const [ls, ours] = results;
  const ratio = ours.medianMs / ls.medianMs;
  const pad = (s, n) => String(s).padEnd(n);
  console.log(`project: ${relative(repoRoot, dir) || '.'}  (${runs} alternating runs each after one warm-up; RSS by ${haveGnuTime ? GNU_TIME : 'process.resourceUsage'})\n`);
  console.log(`${pad('tool', 66)}${pad('median ms', 11)}${pad('min ms', 8)}${pad('peak RSS MiB', 14)}packages`);
  for (const r of results) {
    console.log(`${pad(r.tool, 66)}${pad(r.medianMs, 11)}${pad(r.minMs, 8)}${pad((r.peakRssKiB / 1024).toFixed(1), 14)}${r.packages}`);
  }
  const agree = ls.packages === ours.packages;
  if (!agree) console.log(`\nWARNING: package counts differ: npm ls ${ls.packages}, wherefrom ${ours.packages}`);
  console.log(`\nverdict: wherefrom takes ${ratio.toFixed(2)}× the time of npm ls (${ours.medianMs} ms vs ${ls.medianMs} ms), ${(ours.peakRssKiB / ls.peakRssKiB).toFixed(2)}× its peak memory${agree ? ', same package count' : ''}.`);

  writeFileSync(
    join(outDir, 'npm.json'),
    `${JSON.stringify({ node: process.version, project: relative(repoRoot, dir) || '.', results, ratio: Number(ratio.toFixed(3)), countsAgree: agree }, null, 2)}\n`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
