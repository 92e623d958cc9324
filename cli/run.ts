/**
 * The command line: parse arguments, call the library, render, and return an exit code.
 * `runCli(argv, io)` never exits the process and never touches the real stdio, so it is tested
 * in-process; ./bin.ts wires it to the process.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import yargs, { type Argv } from 'yargs';
import pkg from '../package.json' with { type: 'json' };
import {
  attribute,
  explain,
  lookup,
  DatasetError,
  dataDir,
  dataFiles,
  datasetStats,
  EXIT,
  loadDataset,
  readDataDir,
  REPORT_FORMATS,
  type ReportFormat,
  type RenderOptions,
  type ScanResult,
  type Dataset,
  type LoadedPolicy,
  type FailOn,
  render,
  evaluate,
  fails,
  parsePolicy,
  policyFromFlags,
  starterPolicy,
  baselineFingerprints,
  PolicyError,
  parseJson,
  enrichCycloneDx,
  InputError,
  addLines,
  renderStats,
  scanReport,
  validateDataFiles,
  INVENTORY_FORMATS,
  type InventoryFormat,
  type InventorySource,
  formatLocation,
  inventory,
  renderInventory,
  terminalSafe,
  todayUtc,
  UsageError,
  hostBom,
  catalogFiles,
  catalogStats,
  renderCatalogStats,
  validateCatalogFiles,
  loadCatalog,
  isCatalogDoc,
  readJson,
  plan,
  type Plan,
  PLAN_FORMATS,
  renderPlanCsv,
  renderPlanJson,
  renderPlanMarkdown,
  parseCsvColumns,
  type CsvColumns,
} from '../src/index.js';

/** What the CLI may touch of the outside world. */
export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** Standard input, for the `-` path; absent when there is none. */
  stdin?: AsyncIterable<Uint8Array | string>;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  cwd?: string;
}

/** The policy options of `scan` (and, later, `plan`). */
function policyOptions<T>(y: Argv<T>) {
  const list = (describe: string) => ({ describe: `${describe} (comma-separated; may repeat)`, type: 'string' as const });
  return y
    .option('policy', { alias: 'p', describe: 'A policy file (JSON, see data/schema/policy.schema.json); may repeat: each gives its own findings', type: 'string' })
    .option('waivers', { describe: 'A file of waivers ({"waivers": [...]}) applied to every policy; may repeat', type: 'string' })
    .option('deny-country', list('Deny components whose controller is in these countries (ISO 3166-1 alpha-2)'))
    .option('warn-country', list('Warn on these countries'))
    .option('deny-org', list('Deny these organisations (ids, see lookup) and their subsidiaries'))
    .option('warn-org', list('Warn on these organisations'))
    .option('deny-list', list('Deny organisations on these restricted lists (ids, see data stats; * for any)'))
    .option('warn-list', list('Warn on these restricted lists'))
    .option('warn-unknown', { describe: 'Warn on components of unknown origin', type: 'boolean' })
    .option('deny-unknown', { describe: 'Deny components of unknown origin', type: 'boolean' })
    .group(['policy', 'waivers', 'deny-country', 'warn-country', 'deny-org', 'warn-org', 'deny-list', 'warn-list', 'warn-unknown', 'deny-unknown'], 'Policy:');
}

const COLUMNS = {
  describe: 'CSV asset lists: the header names of columns wherefrom does not recognise, as FIELD=HEADER,... (fields: manufacturer, model, partNumber, serial, quantity, location, name, type, version, supplier, mac)',
  type: 'string',
} as const;

function buildParser(): Argv {
  return yargs()
    .scriptName('wherefrom')
    .usage('$0 <command> [options]\n\nWho controls each part of a system, and from where.')
    .command('inventory <paths..>', 'Read bills of materials and npm projects into one inventory', (y) =>
      y
        .positional('paths', {
          describe: 'SBOM files (CycloneDX, SPDX), npm project folders, directories to search, or - for stdin',
          type: 'string',
          array: true,
        })
        .option('format', {
          alias: 'f',
          describe: 'Output format (default: table on a terminal, json otherwise)',
          choices: INVENTORY_FORMATS as InventoryFormat[],
        })
        .option('output', { alias: 'o', describe: 'Write the report to FILE instead of stdout', type: 'string' }),
    )
    .command('scan <paths..>', 'Attribute every component to the organisation that controls it, and hold it against origin policies', (y) =>
      policyOptions(
        y
          .positional('paths', { describe: 'as for inventory', type: 'string', array: true })
          .option('format', {
            alias: 'f',
            describe: `Report format, may repeat (${REPORT_FORMATS.join(', ')}; default: table on a terminal, json otherwise)`,
            type: 'string',
          })
          .option('output', { alias: 'o', describe: 'Write the report to FILE; may repeat: the Nth --output takes the Nth --format, a format without one goes to stdout', type: 'string' })
          .option('fail-on', { describe: 'Exit 1 on findings at or above: deny, warn, unknown (also any unknown origin), never', choices: ['deny', 'warn', 'unknown', 'never'] as const, default: 'deny' })
          .option('baseline', { describe: 'An earlier JSON report: only findings it does not have count', type: 'string' })
          .option('data', { describe: 'An overlay data file (organisations, list or platforms) that wins over the built-in data; may repeat', type: 'string' })
          .option('as-of', { describe: 'Judge restricted-list membership and waivers on this date (YYYY-MM-DD; default today)', type: 'string' })
          .option('catalog', { describe: 'For --format html: a catalog file of your own for the substitution plan; may repeat', type: 'string' })
          .option('columns', COLUMNS),
      ),
    )
    .command('host', 'Read this Linux host (sysfs, procfs) into a hardware BOM, attributed: devices, CPUs, firmware, the OS', (y) =>
      policyOptions(
        y
          .option('root', { describe: 'Read the tree under DIR instead of / (a captured sysfs/procfs tree)', type: 'string', default: '/' })
          .option('packages', { describe: 'Also list the installed Debian packages (/var/lib/dpkg/status)', type: 'boolean', default: false })
          .option('format', {
            alias: 'f',
            describe: `Report format, may repeat (${REPORT_FORMATS.join(', ')}; default: table on a terminal, cyclonedx (the HBOM) otherwise)`,
            type: 'string',
          })
          .option('output', { alias: 'o', describe: 'Write the report to FILE; may repeat, as for scan', type: 'string' })
          .option('fail-on', { describe: 'as for scan', choices: ['deny', 'warn', 'unknown', 'never'] as const, default: 'deny' })
          .option('data', { describe: 'An overlay data file; may repeat', type: 'string' })
          .option('as-of', { describe: 'as for scan', type: 'string' }),
      ),
    )
    .command('plan <paths..>', 'For each component a policy flags, the replacements the same policy allows, from the catalog', (y) =>
      policyOptions(
        y
          .positional('paths', { describe: 'as for inventory', type: 'string', array: true })
          .option('format', { alias: 'f', describe: `Plan format, may repeat (${PLAN_FORMATS.join(', ')}; default: markdown on a terminal, json otherwise)`, type: 'string' })
          .option('output', { alias: 'o', describe: 'Write the plan to FILE; may repeat, as for scan', type: 'string' })
          .option('catalog', { describe: 'A catalog file of your own (categories and products, data/schema/catalog.schema.json); may repeat', type: 'string' })
          .option('data', { describe: 'An overlay data file; may repeat', type: 'string' })
          .option('as-of', { describe: 'as for scan', type: 'string' })
          .option('columns', COLUMNS),
      ),
    )
    .command('init', 'Write a starter policy file (JSON with comments) to fill in', (y) =>
      y
        .option('output', { alias: 'o', describe: 'Where to write it', type: 'string', default: 'wherefrom-policy.json' })
        .option('deny-country', { describe: 'Countries to deny (ISO 3166-1 alpha-2, comma-separated; may repeat)', type: 'string' })
        .option('warn-country', { describe: 'Countries to warn about', type: 'string' })
        .option('home', { describe: 'Your own country: allowed, and every other origin warned about by default', type: 'string' })
        .option('force', { describe: 'Overwrite an existing file', type: 'boolean', default: false }),
    )
    .command('explain <identifier>', 'Show how one purl, CPE, organisation name or hardware id (pci:15b3, usb:046b, cpu:GenuineIntel, arm:0x48, os:ubuntu, mac:00:1b:21:…) is attributed, step by step', (y) =>
      y
        .positional('identifier', { type: 'string' })
        .option('data', { describe: 'An overlay data file; may repeat', type: 'string' })
        .option('as-of', { describe: 'Date for restricted-list membership (YYYY-MM-DD)', type: 'string' }),
    )
    .command('lookup <query>', 'Show an organisation (by id, name or identifier): parents, identifiers, lists, sources', (y) =>
      y.positional('query', { type: 'string' }).option('data', { describe: 'An overlay data file; may repeat', type: 'string' }),
    )
    .command('data <action> [files..]', 'The dataset and the catalog: "validate" checks data and catalog files (default: the built-in ones), "stats" shows their coverage', (y) =>
      y
        .positional('action', { choices: ['validate', 'stats'] as const })
        .positional('files', { describe: 'data files to check (validate)', type: 'string', array: true }),
    )
    .demandCommand(1, 'Name a command: wherefrom inventory PATH...')
    .strict()
    .exitProcess(false)
    .help()
    .alias('h', 'help')
    .version(pkg.version)
    .wrap(100)
    .epilogue('Exit codes: 0 clean, 1 policy findings, 2 usage or input error, 3 internal error.');
}

/** yargs drops a bare `-`; it stands for stdin, so it is carried through parsing under this name. */
const STDIN = '\u0000stdin';

type Parsed = { _: (string | number)[]; help?: boolean; version?: boolean; [k: string]: unknown };

/** Parses argv; resolves with the arguments and any text yargs made (help, version). */
function parse(argv: readonly string[]): Promise<{ args: Parsed; output: string }> {
  return new Promise((resolve, reject) => {
    buildParser()
      .fail((msg, err) => {
        throw err ?? new UsageError(msg);
      })
      .parse(argv.map((a) => (a === '-' ? STDIN : a)), {}, (err, args, output) => {
        if (err) reject(err instanceof UsageError ? err : new UsageError(err.message));
        else resolve({ args: args as Parsed, output });
      });
  });
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { args, output } = await parse(argv);
    if (output) {
      io.stdout.write(`${output}\n`);
      return EXIT.OK;
    }
    const command = String(args._[0]);
    if (command === 'inventory') return await inventoryCommand(args, io);
    if (command === 'scan') return await scanCommand(args, io);
    if (command === 'init') return await initCommand(args, io);
    if (command === 'host') return await hostCommand(args, io);
    if (command === 'plan') return await planCommand(args, io);
    if (command === 'data') return dataCommand(args, io);
    if (command === 'explain') return explainCommand(args, io);
    if (command === 'lookup') return lookupCommand(args, io);
    throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  } catch (e) {
    if (e instanceof DatasetError) {
      io.stderr.write(`wherefrom: data error: ${e.message}\n`);
      return EXIT.INPUT;
    }
    if (e instanceof PolicyError) {
      io.stderr.write(`wherefrom: ${e.message}\n`);
      return EXIT.INPUT;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`wherefrom: ${e.message}\nRun "wherefrom --help" for usage.\n`);
      return EXIT.INPUT;
    }
    io.stderr.write(`wherefrom: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.INTERNAL;
  }
}

async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c));
  return Buffer.concat(chunks);
}


/** Reads the paths of `inventory` and `scan` into an inventory, with progress on a terminal. */
async function readInventory(args: Parsed, io: CliIo, given?: InventorySource[]) {
  const paths = (args.paths as string[] | undefined) ?? [];
  const sources: InventorySource[] = given ? [...given] : [];
  let csvColumns: CsvColumns | undefined;
  if (args.columns !== undefined) {
    try {
      csvColumns = Object.assign({}, ...many(args, 'columns').map(parseCsvColumns)) as CsvColumns;
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  for (const p of given ? [] : paths) {
    if (p === STDIN) {
      if (!io.stdin) throw new UsageError('"-" names standard input, but there is none');
      sources.push({ file: '-', content: await readAll(io.stdin) });
    } else sources.push(p);
  }
  const progress = io.stderrIsTTY
    ? ({ done, total, file }: { done: number; total: number; file: string }) => {
        if (total > 1) io.stderr.write(`\r\u001b[K[${done}/${total}] ${file}`);
        if (done === total && total > 1) io.stderr.write('\r\u001b[K');
      }
    : undefined;
  return inventory(sources, { ...(io.cwd ? { cwd: io.cwd } : {}), ...(progress ? { onProgress: progress } : {}), ...(csvColumns ? { csvColumns } : {}) });
}

async function emit(rendered: string, args: Parsed, io: CliIo): Promise<void> {
  const out = args.output as string | undefined;
  if (out) await writeFile(path.resolve(io.cwd ?? process.cwd(), out), rendered);
  else io.stdout.write(rendered);
}

async function inventoryCommand(args: Parsed, io: CliIo): Promise<number> {
  const format = (args.format as InventoryFormat | undefined) ?? (io.stdoutIsTTY ? 'table' : 'json');
  const inv = await readInventory(args, io);
  await emit(renderInventory(inv, format), args, io);
  reportProblems(inv, io);
  return inv.errors.length > 0 ? EXIT.INPUT : EXIT.OK;
}

function asOfArg(args: Parsed): string | undefined {
  const asOf = args['as-of'] as string | undefined;
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError(`--as-of takes a date as YYYY-MM-DD, not ${JSON.stringify(asOf)}`);
  return asOf;
}

function datasetArg(args: Parsed, io: CliIo, details = false) {
  const cwd = io.cwd ?? process.cwd();
  // A repeated --data gives an array; `array: true` would also swallow the paths after it.
  const files = [args.data ?? []].flat() as string[];
  return loadDataset({ overlays: files.map((f) => path.resolve(cwd, f)), details });
}

function explainCommand(args: Parsed, io: CliIo): number {
  const x = explain(String(args.identifier), datasetArg(args, io), asOfArg(args) ?? todayUtc());
  const out = [`${x.kind}: ${x.input}`, ...x.steps.map((s, i) => `  ${i + 1}. ${s}`)];
  const a = x.attribution;
  if (a) {
    out.push(`organisation: ${a.org.name} [${a.org.id}], ${a.org.country ?? 'community project, no country'}`);
    if (x.chain.length > 1) out.push(`parents: ${x.chain.slice(1).map((o) => `${o.name} [${o.id}], ${o.country}`).join(' → ')}`);
    out.push(`controller: ${a.controller.name} [${a.controller.id}], country ${a.country ?? 'none (community)'}; confidence ${a.confidence}`);
    for (const l of a.lists) out.push(`on list: ${l.id} (${l.jurisdiction}) as "${l.entry}"${l.via !== a.org.id ? ` through ${l.via}` : ''}, since ${l.listedFrom}`);
    for (const c of a.conflicts) out.push(`conflicting: ${c.field} ${JSON.stringify(c.value)} → ${c.record} (${c.rule})`);
  }
  io.stdout.write(`${out.map(terminalSafe).join('\n')}\n`);
  return EXIT.OK;
}

function lookupCommand(args: Parsed, io: CliIo): number {
  const dataset = datasetArg(args, io, true);
  const found = lookup(String(args.query), dataset);
  if (!found) {
    io.stderr.write(`wherefrom: no organisation matches ${terminalSafe(JSON.stringify(String(args.query)))} (by id, name or identifier)\n`);
    return EXIT.INPUT;
  }
  const o = found.org;
  const chain = dataset.chain(o);
  const out = [
    `${o.name} [${o.id}] (matched by ${found.matchedBy})`,
    o.country === undefined ? `ownership ${o.ownership}: no controlling organisation, no country` : `country ${o.country}, ownership ${o.ownership}`,
    ...(chain.length > 1 ? [`parents: ${chain.slice(1).map((p) => `${p.name} [${p.id}] ${p.country}`).join(' → ')}${o.parentSince ? ` (since ${o.parentSince})` : ''}`] : []),
    ...(o.aliases?.length ? [`aliases: ${o.aliases.join('; ')}`] : []),
    ...Object.entries(o.identifiers ?? {}).map(([k, v]) => `${k}: ${(v as string[]).join(', ')}`),
    ...dataset.listsFor(o, todayUtc()).map((m) => `on list: ${m.list.id} (${m.list.jurisdiction}) as "${m.entry.name}" since ${m.entry.listedFrom}`),
    ...o.sources.map((s) => `source: ${s.url} (${s.established === 'confirmed' ? `confirmed ${s.checked} against ${s.document}` : 'recorded from knowledge, not yet confirmed'})`),
    ...(o.notes ? [`notes: ${o.notes}`] : []),
  ];
  io.stdout.write(`${out.map(terminalSafe).join('\n')}\n`);
  return EXIT.OK;
}

/** Every value of a repeatable option, in order. */
function many(args: Parsed, key: string): string[] {
  const v = args[key];
  return v === undefined ? [] : ([v].flat() as unknown[]).map(String);
}

/** The policies of a run: each --policy file, then the command-line flags as one more; --waivers added to each. */
async function policiesArg(args: Parsed, io: CliIo, dataset: Dataset): Promise<LoadedPolicy[]> {
  const cwd = io.cwd ?? process.cwd();
  const read = async (f: string) => {
    try {
      return await readFile(path.resolve(cwd, f), 'utf8');
    } catch (e) {
      throw new PolicyError(`${f}: cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    }
  };
  const policies: LoadedPolicy[] = [];
  for (const f of many(args, 'policy')) policies.push(parsePolicy(await read(f), f, dataset));
  const flags = policyFromFlags(
    {
      denyCountry: many(args, 'deny-country'),
      warnCountry: many(args, 'warn-country'),
      denyOrg: many(args, 'deny-org'),
      warnOrg: many(args, 'warn-org'),
      denyList: many(args, 'deny-list'),
      warnList: many(args, 'warn-list'),
      warnUnknown: args['warn-unknown'] === true,
      denyUnknown: args['deny-unknown'] === true,
    },
    dataset,
  );
  if (flags) policies.push(flags);
  const waivers = [];
  for (const f of many(args, 'waivers')) waivers.push(...(parsePolicy(await read(f), f, dataset).policy.waivers ?? []));
  if (waivers.length > 0) {
    if (policies.length === 0) throw new UsageError('--waivers needs a policy to waive findings of (--policy FILE or --deny-country ...)');
    for (const p of policies) p.policy = { ...p.policy, waivers: [...(p.policy.waivers ?? []), ...waivers] };
  }
  const names = new Set<string>();
  for (const p of policies) {
    if (names.has(p.name)) throw new UsageError(`two policies are named ${JSON.stringify(p.name)}: give one a different "name"`);
    names.add(p.name);
  }
  return policies;
}

/**
 * Pairs each --format with its --output (the Nth with the Nth); the rest go to stdout, at most
 * one. Without --format: `terminal` on a terminal (and no --output), `piped` otherwise.
 */
function outputsArg<F extends string>(args: Parsed, io: CliIo, allowed: readonly F[], terminal: F, piped: F): { format: F; file?: string }[] {
  const formats = many(args, 'format');
  const files = many(args, 'output');
  for (const f of formats) {
    if (!(allowed as readonly string[]).includes(f)) throw new UsageError(`--format ${JSON.stringify(f)}: choose one of ${allowed.join(', ')}`);
  }
  if (files.length > Math.max(formats.length, 1)) throw new UsageError('more --output than --format: each --output takes the --format in the same position');
  if (formats.length === 0) formats.push(io.stdoutIsTTY && files.length === 0 ? terminal : piped);
  const outs = formats.map((format, i) => (files[i] !== undefined ? { format: format as F, file: files[i] } : { format: format as F }));
  if (outs.filter((o) => o.file === undefined).length > 1) throw new UsageError('only one --format can go to stdout: give the others an --output FILE');
  return outs;
}

/** A document made in this run (the host's HBOM) rather than read from a file. */
interface MadeDocument {
  file: string;
  text: string;
}

/** Everything a scan computes, for `scan`, `host` and `plan` to render. */
async function runScan(args: Parsed, io: CliIo, made?: MadeDocument) {
  const asOf = asOfArg(args) ?? todayUtc();
  const dataset = datasetArg(args, io);
  const policies = await policiesArg(args, io, dataset);
  let baseline: Set<string> | undefined;
  const baselineFile = args.baseline as string | undefined;
  if (baselineFile !== undefined) {
    let text: string;
    try {
      text = await readFile(path.resolve(io.cwd ?? process.cwd(), baselineFile), 'utf8');
    } catch (e) {
      throw new PolicyError(`--baseline ${baselineFile}: cannot read: ${(e as Error).message}`);
    }
    let doc: unknown;
    try {
      doc = parseJson(text, baselineFile);
    } catch (e) {
      throw new PolicyError(`--baseline ${(e as Error).message}`);
    }
    baseline = baselineFingerprints(doc, baselineFile);
  }
  const inv = await readInventory(args, io, made ? [{ file: made.file, content: made.text }] : undefined);
  const attributions = attribute(inv, dataset, { asOf });
  const evaluation = policies.length > 0 ? evaluate(inv, attributions, policies, baseline ? { asOf, baseline } : { asOf }) : undefined;
  const result: ScanResult = { report: scanReport(inv, attributions, evaluation, asOf), inventory: inv };
  // Findings point at their component's line too (code scanning shows lines, not JSON pointers).
  const cwd = io.cwd ?? process.cwd();
  await addLines(
    result.report.findings.flatMap((f) => (f.component ? [f.component.location] : [])),
    (file) => readFile(path.resolve(cwd, file), 'utf8').catch(() => undefined),
  );
  return { asOf, dataset, policies, inv, attributions, evaluation, result };
}

/** The substitution plan of a scan (the catalog is read only when a plan is asked for). */
function planOf(args: Parsed, io: CliIo, scan: Awaited<ReturnType<typeof runScan>>): Plan {
  const cwd = io.cwd ?? process.cwd();
  const extra = [args.catalog ?? []].flat().map((f) => path.resolve(cwd, String(f)));
  const catalog = loadCatalog(scan.dataset, extra);
  return plan(scan.inv, scan.attributions, scan.evaluation!, scan.policies, catalog, scan.dataset);
}

async function scanCommand(args: Parsed, io: CliIo, made?: MadeDocument): Promise<number> {
  const outputs = outputsArg(args, io, REPORT_FORMATS, 'table', made ? 'cyclonedx' : 'json');
  const scan = await runScan(args, io, made);
  const { inv, evaluation, result } = scan;
  // The HTML report carries the substitution plan when a policy was held.
  if (evaluation && outputs.some((o) => o.format === 'html')) result.plan = planOf(args, io, scan);
  for (const o of outputs) {
    const rendered = await renderFor(result, o.format, { color: o.file === undefined && io.stdoutIsTTY === true, toolVersion: pkg.version }, io, made);
    if (o.file !== undefined) await writeFile(path.resolve(io.cwd ?? process.cwd(), o.file), rendered);
    else io.stdout.write(rendered);
  }
  reportProblems(inv, io);
  if (inv.errors.length > 0) return EXIT.INPUT;
  if (evaluation && fails(evaluation, args['fail-on'] as FailOn)) {
    const s = result.report.policies.map((p) => `${p.name}: ${p.findings.deny} deny, ${p.findings.warn} warn${p.new !== undefined ? ` (${p.new} new since the baseline)` : ''}`);
    io.stderr.write(`wherefrom: policy findings at or above --fail-on ${String(args['fail-on'])} (${terminalSafe(s.join('; '))})\n`);
    return EXIT.FINDINGS;
  }
  return EXIT.OK;
}

/**
 * `plan`: the scan, then for each flagged component the replacements the same policies allow.
 * Advice, not a gate: exit 0 (2 for bad input or usage), whatever was flagged.
 */
async function planCommand(args: Parsed, io: CliIo): Promise<number> {
  const outputs = outputsArg(args, io, PLAN_FORMATS, 'markdown', 'json');
  const scan = await runScan(args, io);
  if (!scan.evaluation) throw new UsageError('plan needs a policy to know what to replace: --policy FILE, or --deny-country, --deny-list, --deny-org...');
  const thePlan = planOf(args, io, scan);
  scan.result.plan = thePlan;
  for (const { format, file } of outputs) {
    const rendered =
      format === 'html'
        ? render(scan.result, 'html', { toolVersion: pkg.version })
        : format === 'markdown'
          ? renderPlanMarkdown(thePlan)
          : format === 'csv'
            ? renderPlanCsv(thePlan)
            : renderPlanJson(thePlan);
    if (file !== undefined) await writeFile(path.resolve(io.cwd ?? process.cwd(), file), rendered);
    else io.stdout.write(rendered);
  }
  reportProblems(scan.inv, io);
  return scan.inv.errors.length > 0 ? EXIT.INPUT : EXIT.OK;
}

/**
 * Renders one format. `cyclonedx` gives back the input SBOM enriched when the scan read exactly
 * one CycloneDX JSON document; otherwise a new CycloneDX 1.6 BOM of the inventory.
 */
async function renderFor(result: ScanResult, format: ReportFormat, options: RenderOptions, io: CliIo, made?: MadeDocument): Promise<string> {
  const sources = result.inventory.sources;
  if (format === 'cyclonedx' && sources.length === 1 && sources[0]!.format === 'cyclonedx' && sources[0]!.file !== '-') {
    const file = path.resolve(io.cwd ?? process.cwd(), sources[0]!.file);
    const text = made?.file === sources[0]!.file ? made.text : await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined && /^\s*\{/.test(text.replace(/^\uFEFF/, ''))) {
      try {
        const enriched = enrichCycloneDx(JSON.parse(text.replace(/^\uFEFF/, '')), result, 0, { toolVersion: pkg.version }) as Record<string, unknown>;
        // A document made in this run (the host's HBOM) is new, not a modified one: version 1.
        if (made?.file === sources[0]!.file) enriched.version = 1;
        return `${JSON.stringify(enriched, null, 2)}\n`;
      } catch (e) {
        // CycloneDX before 1.3 has no properties to enrich: a new 1.6 document is written instead.
        if (!(e instanceof InputError)) throw e;
      }
    }
  }
  return render(result, format, options);
}

/**
 * `host`: the host's HBOM, made from sysfs and procfs under --root, then scanned like any other
 * document (so policies, formats and exit codes are those of `scan`); `cyclonedx` gives the HBOM
 * itself, enriched with the attributions.
 */
async function hostCommand(args: Parsed, io: CliIo): Promise<number> {
  const root = path.resolve(io.cwd ?? process.cwd(), String(args.root ?? '/'));
  if (!existsSync(root)) throw new UsageError(`--root ${JSON.stringify(String(args.root))}: no such directory`);
  const bom = hostBom({ root, packages: args.packages === true, toolVersion: pkg.version });
  const file = args.root === undefined || args.root === '/' ? 'host' : `host:${String(args.root)}`;
  return scanCommand({ ...args, paths: [] }, io, { file, text: `${JSON.stringify(bom, null, 2)}\n` });
}

async function initCommand(args: Parsed, io: CliIo): Promise<number> {
  const file = path.resolve(io.cwd ?? process.cwd(), String(args.output));
  const text = starterPolicy({
    denyCountry: many(args, 'deny-country'),
    warnCountry: many(args, 'warn-country'),
    ...(args.home !== undefined ? { home: String(args.home) } : {}),
  });
  try {
    await writeFile(file, text, { flag: args.force ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${String(args.output)} exists: use --force to overwrite it`);
    throw e;
  }
  io.stdout.write(`wrote ${terminalSafe(String(args.output))}: edit it, then run wherefrom scan --policy ${terminalSafe(String(args.output))} PATH...\n`);
  return EXIT.OK;
}

function dataCommand(args: Parsed, io: CliIo): number {
  const cwd = io.cwd ?? process.cwd();
  if (args.action === 'stats') {
    const raw = readDataDir(dataDir());
    io.stdout.write(renderStats(datasetStats(raw)));
    if (catalogFiles().length > 0) {
      const dataset = loadDataset();
      io.stdout.write(`\n${renderCatalogStats(catalogStats(loadCatalog(dataset), dataset))}`);
    }
    return EXIT.OK;
  }
  // Named files are checked by kind (a catalog file has "categories" or "products"); with none
  // named, the built-in data and catalog.
  const given = ((args.files as string[] | undefined) ?? []).map((f) => path.resolve(cwd, f));
  const isCatalog = (f: string) => {
    try {
      return isCatalogDoc(readJson(f));
    } catch {
      return false; // unreadable: the data files' validation reports it
    }
  };
  const catalogs = given.length > 0 ? given.filter(isCatalog) : catalogFiles();
  const files = given.length > 0 ? given.filter((f) => !catalogs.includes(f)) : dataFiles(dataDir());
  const report = validateDataFiles(files);
  const problems = [...report.problems];
  if (catalogs.length > 0) {
    // Catalog products name organisations: of the built-in data, and of the data files named.
    const dataset = loadDataset({ overlays: given.length > 0 ? files : [] });
    problems.push(...validateCatalogFiles(catalogs, dataset).problems);
  }
  for (const p of problems) {
    io.stderr.write(`error: ${terminalSafe(path.relative(cwd, p.file) || p.file)}${p.pointer ? `#${p.pointer}` : ''}: ${terminalSafe(p.message)}\n`);
  }
  const n = files.length + catalogs.length;
  io.stdout.write(`${n} data file${n === 1 ? '' : 's'} checked, ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
  return problems.length > 0 ? EXIT.INPUT : EXIT.OK;
}

/**
 * Lists unreadable files (all of them) on stderr, and the warnings as one line per kind: how
 * many, and the first one (all of them are in the JSON output).
 */
function reportProblems(inv: Awaited<ReturnType<typeof inventory>>, io: CliIo): void {
  const byCode = new Map<string, { count: number; first: (typeof inv.diagnostics)[number] }>();
  for (const d of inv.diagnostics) {
    const entry = byCode.get(d.code);
    if (entry) entry.count++;
    else byCode.set(d.code, { count: 1, first: d });
  }
  if (byCode.size > 0) {
    const n = inv.diagnostics.length;
    io.stderr.write(`${n} warning${n === 1 ? '' : 's'} (all of them are under "diagnostics" in --format json):\n`);
    for (const [code, { count, first }] of [...byCode].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))) {
      const example = terminalSafe(`${formatLocation(first.location)}: ${first.message}`);
      io.stderr.write(`  warning: ${code}${count > 1 ? ` ×${count}, first:` : ':'} ${example}\n`);
    }
  }
  for (const e of inv.errors) io.stderr.write(`error: ${terminalSafe(e.message)} [${e.code}]\n`);
  if (inv.errors.length > 0) {
    // An error in a file that was read is a part of it left out (a bad CSV row); the others are whole files.
    const readFiles = new Set(inv.sources.map((s) => s.file));
    const parts = inv.errors.filter((e) => readFiles.has(e.location.file)).length;
    const files = inv.errors.length - parts;
    const read = inv.sources.length;
    const said = [
      ...(files > 0 ? [`${files} input${files === 1 ? '' : 's'} could not be read`] : []),
      ...(parts > 0 ? [`${parts} part${parts === 1 ? '' : 's'} of ${parts === 1 ? 'a document' : 'documents'} (rows) could not be read and ${parts === 1 ? 'was' : 'were'} left out`] : []),
    ];
    io.stderr.write(`wherefrom: ${said.join('; ')}${read > 0 ? `; ${read} document${read === 1 ? ' was' : 's were'} read and reported` : ''}\n`);
  }}
