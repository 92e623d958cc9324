/**
 * `wherefrom scan`: attribute every component and hold it against the policies; and the scan
 * runner `host` shares (a document made in this run, the host's HBOM, instead of files).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import {
  EXIT,
  enrichCycloneDx,
  fails,
  InputError,
  render,
  REPORT_FORMATS,
  scan,
  terminalSafe,
  type FailOn,
  type RenderOptions,
  type ReportFormat,
  type ScanOutcome,
  type ScanResult,
} from '../../src/internal.js';
import type { Command } from '../command.js';
import { type CliIo, colorOn, cwdOf, emit, many, type Parsed, reportProblems } from '../io.js';
import { COLUMNS, outputsArg, scanningOptions, scanOptionsArg, sourcesArg } from '../options.js';

/** A document made in this run (the host's HBOM) rather than read from a file. */
export interface MadeDocument {
  file: string;
  text: string;
}

/** The scan of a command's paths (or of a made document), with the catalog's plan when asked. */
export async function runScan(args: Parsed, io: CliIo, options: { made?: MadeDocument; plan?: boolean } = {}): Promise<ScanOutcome> {
  const sources = options.made ? [{ file: options.made.file, content: options.made.text }] : await sourcesArg(args, io);
  const catalogs = many(args, 'catalog');
  return scan(sources, { ...scanOptionsArg(args, io), ...(options.plan ? { plan: { catalogs } } : {}) });
}

/** The --fail-on option, shared by scan and host. */
export const FAIL_ON = { describe: 'Exit 1 on findings at or above: deny, warn, unknown (also any unknown origin), never', choices: ['deny', 'warn', 'unknown', 'never'] as const, default: 'deny' } as const;

export const scanCommand: Command = {
  command: 'scan <paths..>',
  describe: 'Attribute every component to the organisation that controls it, and hold it against origin policies',
  builder: (y) =>
    scanningOptions(y.positional('paths', { describe: 'as for inventory', type: 'string', array: true }), {
      what: 'Report',
      formats: REPORT_FORMATS,
      defaults: 'table on a terminal, json otherwise',
    })
      .option('fail-on', FAIL_ON)
      .option('baseline', { describe: 'An earlier JSON report: only findings it does not have count', type: 'string' })
      .option('catalog', { describe: 'For --format html: a catalog file of your own for the substitution plan; may repeat', type: 'string' })
      .option('columns', COLUMNS),
  run: (args, io) => scanAndReport(args, io),
};

/** Scans, writes every requested report, and returns the exit code (`scan` and `host`). */
export async function scanAndReport(args: Parsed, io: CliIo, made?: MadeDocument): Promise<number> {
  const outputs = outputsArg(args, io, REPORT_FORMATS, 'table', made ? 'cyclonedx' : 'json');
  // The HTML report carries the substitution plan when a policy was held.
  const result = await runScan(args, io, { ...(made ? { made } : {}), plan: outputs.some((o) => o.format === 'html') });
  const quiet = args.quiet === true;
  for (const o of outputs) {
    const options: RenderOptions = { color: o.file === undefined && colorOn(io), toolVersion: pkg.version, ...(quiet ? { quiet } : {}) };
    await emit(await renderFor(result, o.format, options, io, made), o.file, io);
  }
  reportProblems(result.inventory, io, quiet);
  if (result.inventory.errors.length > 0) return EXIT.INPUT;
  if (result.evaluation && fails(result.evaluation, args['fail-on'] as FailOn)) {
    const s = result.report.policies.map((p) => `${p.name}: ${p.findings.deny} deny, ${p.findings.warn} warn${p.new !== undefined ? ` (${p.new} new since the baseline)` : ''}`);
    io.stderr.write(`wherefrom: policy findings at or above --fail-on ${String(args['fail-on'])} (${terminalSafe(s.join('; '))})\n`);
    return EXIT.FINDINGS;
  }
  return EXIT.OK;
}

/**
 * Renders one format. `cyclonedx` gives back the input SBOM enriched when the scan read exactly
 * one CycloneDX JSON document; otherwise a new CycloneDX 1.6 BOM of the inventory.
 */
async function renderFor(result: ScanResult, format: ReportFormat, options: RenderOptions, io: CliIo, made?: MadeDocument): Promise<string> {
  const sources = result.inventory.sources;
  if (format === 'cyclonedx' && sources.length === 1 && sources[0]!.format === 'cyclonedx' && sources[0]!.file !== '-') {
    const file = path.resolve(cwdOf(io), sources[0]!.file);
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
