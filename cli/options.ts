/**
 * Options several commands share, and how their values become the library's options: the
 * policy flags, --format/--output pairs, --as-of, --data, --columns and the paths (with `-`).
 */
import path from 'node:path';
import type { Argv } from 'yargs';
import { loadDataset, parseCsvColumns, UsageError, type CsvColumns, type InventorySource, type PolicyFlags, type ScanOptions } from '../src/internal.js';
import { type CliIo, cwdOf, many, type Parsed, progressFor, STDIN } from './io.js';

/** The policy options of `scan`, `host` and `plan`. */
export function policyOptions<T>(y: Argv<T>) {
  const list = (describe: string) => ({ describe: `${describe} (comma-separated; may repeat)`, type: 'string' as const });
  return y
    .option('policy', { alias: 'p', describe: 'A policy file (JSON, see data/schema/policy.schema.json); may repeat: each gives its own findings. Without it (and without the flags below), wherefrom.policy.json, .wherefrom/policy.json or "wherefrom" in package.json is looked for from here up to the repository root', type: 'string' })
    .option('config', { describe: 'Look for the project\'s policy file when none is named (--no-config: do not)', type: 'boolean', default: true })
    .option('waivers', { describe: 'A file of waivers ({"waivers": [...]}) applied to every policy; may repeat', type: 'string' })
    .option('deny-country', list('Deny components whose controller is in these countries (ISO 3166-1 alpha-2)'))
    .option('warn-country', list('Warn on these countries'))
    .option('deny-org', list('Deny these organisations (ids, see lookup) and their subsidiaries'))
    .option('warn-org', list('Warn on these organisations'))
    .option('deny-list', list('Deny organisations on these restricted lists (ids, see data stats; * for any)'))
    .option('warn-list', list('Warn on these restricted lists'))
    .option('warn-unknown', { describe: 'Warn on components of unknown origin', type: 'boolean' })
    .option('deny-unknown', { describe: 'Deny components of unknown origin', type: 'boolean' })
    .option('individual', {
      describe: 'The effect on unknown components that declare only individual maintainers (people, or a code-hosting account the dataset does not know); default: as for unknown',
      choices: ['allow', 'warn', 'deny'] as const,
    })
    .group(['policy', 'config', 'waivers', 'deny-country', 'warn-country', 'deny-org', 'warn-org', 'deny-list', 'warn-list', 'warn-unknown', 'deny-unknown', 'individual'], 'Policy:');
}

/**
 * The options of the commands that scan (`scan`, `plan`, `host`): --format and --output pairs,
 * --data overlays, --as-of, and the policy options.
 * @param o what the command writes (`Report`, `Plan`), its formats, and what the default format is
 */
export function scanningOptions<T>(y: Argv<T>, o: { what: string; formats: readonly string[]; defaults: string }) {
  return policyOptions(
    y
      .option('format', { alias: 'f', describe: `${o.what} format, may repeat (${o.formats.join(', ')}; default: ${o.defaults})`, type: 'string' })
      .option('output', { alias: 'o', describe: `Write the ${o.what.toLowerCase()} to FILE (atomically); may repeat: the Nth --output takes the Nth --format, a format without one goes to stdout`, type: 'string' })
      .option('data', { describe: 'An overlay data file (organisations, list or platforms) that wins over the built-in data; may repeat', type: 'string' })
      .option('as-of', { describe: 'Judge restricted-list membership and waivers on this date (YYYY-MM-DD; default today)', type: 'string' }),
  );
}

/** The --columns option of the commands that read CSV asset lists. */
export const COLUMNS = {
  describe: 'CSV asset lists: the header names of columns wherefrom does not recognise, as FIELD=HEADER,... (fields: manufacturer, model, partNumber, serial, quantity, location, name, type, version, supplier, mac)',
  type: 'string',
} as const;

/** --as-of, checked. */
export function asOfArg(args: Parsed): string | undefined {
  const asOf = args['as-of'] as string | undefined;
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError(`--as-of takes a date as YYYY-MM-DD, not ${JSON.stringify(asOf)}`);
  return asOf;
}

/** The --data overlay files, resolved. A repeated --data gives an array (`array: true` would also swallow the paths after it). */
export function dataArg(args: Parsed, io: CliIo): string[] {
  return many(args, 'data').map((f) => path.resolve(cwdOf(io), f));
}

/** The dataset with the --data overlays. */
export function datasetArg(args: Parsed, io: CliIo, details = false) {
  return loadDataset({ overlays: dataArg(args, io), details });
}

/** --columns as the library's CSV column names. */
export function columnsArg(args: Parsed): CsvColumns | undefined {
  if (args.columns === undefined) return undefined;
  try {
    return Object.assign({}, ...many(args, 'columns').map(parseCsvColumns)) as CsvColumns;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function readAll(stream: AsyncIterable<Uint8Array | string>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : Buffer.from(c));
  return Buffer.concat(chunks);
}

/** The paths of a command as the library's sources (`-` read from stdin). */
export async function sourcesArg(args: Parsed, io: CliIo): Promise<InventorySource[]> {
  const sources: InventorySource[] = [];
  for (const p of (args.paths as string[] | undefined) ?? []) {
    if (p === STDIN) {
      if (!io.stdin) throw new UsageError('"-" names standard input, but there is none');
      sources.push({ file: '-', content: await readAll(io.stdin) });
    } else sources.push(p);
  }
  return sources;
}

/** The policy flags of a command. */
export function flagsArg(args: Parsed): PolicyFlags {
  return {
    denyCountry: many(args, 'deny-country'),
    warnCountry: many(args, 'warn-country'),
    denyOrg: many(args, 'deny-org'),
    warnOrg: many(args, 'warn-org'),
    denyList: many(args, 'deny-list'),
    warnList: many(args, 'warn-list'),
    warnUnknown: args['warn-unknown'] === true,
    denyUnknown: args['deny-unknown'] === true,
    ...(args.individual !== undefined ? { individual: args.individual as 'allow' | 'warn' | 'deny' } : {}),
  };
}

/** The library's scan options from a command's arguments. */
export function scanOptionsArg(args: Parsed, io: CliIo): ScanOptions {
  const progress = progressFor(args, io);
  const columns = columnsArg(args);
  const asOf = asOfArg(args);
  return {
    cwd: cwdOf(io),
    data: dataArg(args, io),
    policies: many(args, 'policy'),
    flags: flagsArg(args),
    waivers: many(args, 'waivers'),
    discoverPolicy: args.config !== false,
    ...(args.baseline !== undefined ? { baseline: String(args.baseline) } : {}),
    ...(asOf !== undefined ? { asOf } : {}),
    ...(progress ? { onProgress: progress } : {}),
    ...(columns ? { csvColumns: columns } : {}),
  };
}

/**
 * Pairs each --format with its --output (the Nth with the Nth); the rest go to stdout, at most
 * one. Without --format: `terminal` on a terminal (and no --output), `piped` otherwise.
 */
export function outputsArg<F extends string>(args: Parsed, io: CliIo, allowed: readonly F[], terminal: F, piped: F): { format: F; file?: string }[] {
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
