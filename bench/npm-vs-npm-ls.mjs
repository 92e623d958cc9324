#!/usr/bin/env node
// Times `npm ls --all --json` against wherefrom's inventory of the same npm project, both as a
// fresh process (startup included, as a user would run them), and compares the package counts.
//
//   node bench/npm-vs-npm-ls.mjs [project-dir] [--runs N]
//
// wherefrom runs as `node dist/cli.js inventory --format json <dir>` when the CLI is built
// (`npm run build`); otherwise src/ingest/npm.ts is bundled with esbuild into bench/out/ and its
// readNpmProject is run in a small process instead. Results go to bench/out/npm.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repoRoot, 'bench/out');

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 5;
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
  if (existsSync(cli)) {
    return {
      how: 'node dist/cli.js inventory --format json',
      argv: [cli, 'inventory', '--format', 'json', dir],
      count: (stdout) => {
        const inv = JSON.parse(stdout);
        const npmSources = new Set(inv.sources.flatMap((s, i) => (s.format === 'npm' ? [i] : [])));
        return inv.components.filter((c) => npmSources.has(c.source)).length;
      },
    };
  }
  // No build yet: bundle the reader alone (dependencies stay in node_modules) and run it.
  const bundle = join(outDir, 'npm-reader.mjs');
  const esbuild = join(repoRoot, 'node_modules/.bin/esbuild');
  const b = spawnSync(esbuild, [join(repoRoot, 'src/ingest/npm.ts'), '--bundle', '--platform=node', '--format=esm', '--packages=external', `--outfile=${bundle}`, '--log-level=warning'], { encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`could not bundle src/ingest/npm.ts: ${b.stderr}`);
  const runner = join(outDir, 'npm-reader-run.mjs');
  writeFileSync(
    runner,
    `import { readNpmProject } from './npm-reader.mjs';
const diagnostics = { items: [], add(code, message, location) { this.items.push({ code, message, location }); } };
const r = await readNpmProject(process.argv[2], { file: process.argv[2], sourceIndex: 0, diagnostics });
process.stdout.write(JSON.stringify({ components: r.components.length }));
`,
  );
  return {
    how: 'readNpmProject (src bundled with esbuild; dist/cli.js not built)',
    argv: [runner, dir],
    count: (stdout) => JSON.parse(stdout).components,
  };
}

mkdirSync(outDir, { recursive: true });
try {
  const npmLs = { how: 'npm ls --all --json', file: 'npm', argv: ['ls', '--all', '--json', '--logs-max=0', '--prefix', dir], count: npmLsCount };
  const wf = { ...wherefromCommand(), file: process.execPath };
  const results = [];
  for (const tool of [npmLs, wf]) {
    const samples = [];
    let count;
    for (let i = 0; i <= runs; i++) {
      const s = measure(tool.file, tool.argv);
      // npm ls exits 1 when it finds problems (missing, invalid, extraneous) but still prints the tree.
      if (!s.stdout) throw new Error(`${tool.how} printed nothing (exit ${s.status}): ${s.stderr.slice(0, 2000)}`);
      count = tool.count(s.stdout);
      if (i > 0) samples.push(s); // the first run warms the file system cache
    }
    results.push({
      tool: tool.how,
      runs,
      medianMs: Math.round(median(samples.map((s) => s.ms))),
      minMs: Math.round(Math.min(...samples.map((s) => s.ms))),
      peakRssKiB: Math.max(...samples.map((s) => s.rssKiB)),
      packages: count,
    });
  }

  const [ls, ours] = results;
  const ratio = ours.medianMs / ls.medianMs;
  const pad = (s, n) => String(s).padEnd(n);
  console.log(`project: ${dir}  (${runs} runs each after one warm-up; RSS by ${haveGnuTime ? GNU_TIME : 'process.resourceUsage'})\n`);
  console.log(`${pad('tool', 66)}${pad('median ms', 11)}${pad('min ms', 8)}${pad('peak RSS MiB', 14)}packages`);
  for (const r of results) {
    console.log(`${pad(r.tool, 66)}${pad(r.medianMs, 11)}${pad(r.minMs, 8)}${pad((r.peakRssKiB / 1024).toFixed(1), 14)}${r.packages}`);
  }
  const agree = ls.packages === ours.packages;
  if (!agree) console.log(`\nWARNING: package counts differ: npm ls ${ls.packages}, wherefrom ${ours.packages}`);
  console.log(`\nverdict: wherefrom takes ${ratio.toFixed(2)}× the time of npm ls (${ours.medianMs} ms vs ${ls.medianMs} ms), ${(ours.peakRssKiB / ls.peakRssKiB).toFixed(2)}× its peak memory${agree ? ', same package count' : ''}.`);

  writeFileSync(
    join(outDir, 'npm.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, project: dir, results, ratio: Number(ratio.toFixed(3)), countsAgree: agree }, null, 2)}\n`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
