/**
 * What the commands share of the outside world: the injected stdio, the terminal conventions
 * (NO_COLOR, FORCE_COLOR, --quiet, progress only on a terminal), writing reports atomically, and
 * the stderr summary of what could not be read.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { formatLocation, terminalSafe, UsageError, type Inventory } from '../src/internal.js';

/** What the CLI may touch of the outside world. */
export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  /** Standard input, for the `-` path; absent when there is none. */
  stdin?: AsyncIterable<Uint8Array | string>;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  cwd?: string;
  /** The environment (NO_COLOR, FORCE_COLOR); default: none of it, so tests are hermetic. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Parsed arguments, as yargs gives them. */
export type Parsed = { _: (string | number)[]; help?: boolean; version?: boolean; quiet?: boolean; [k: string]: unknown };

/** yargs drops a bare `-`; it stands for stdin, so it is carried through parsing under this name. */
export const STDIN = '\u0000stdin';

/** Every value of a repeatable option, in order. */
export function many(args: Parsed, key: string): string[] {
  const v = args[key];
  return v === undefined ? [] : ([v].flat() as unknown[]).map(String);
}

/** The working directory of a run. */
export function cwdOf(io: CliIo): string {
  return io.cwd ?? process.cwd();
}

/**
 * Whether output to stdout is coloured: FORCE_COLOR (any value but `0` or `false`) forces it on
 * and `FORCE_COLOR=0` off, as Node and chalk read it; otherwise NO_COLOR (any non-empty value,
 * no-color.org) turns it off; otherwise colour exactly when stdout is a terminal.
 */
export function colorOn(io: CliIo): boolean {
  const force = io.env?.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if ((io.env?.NO_COLOR ?? '') !== '') return false;
  return io.stdoutIsTTY === true;
}

/** The file operations {@link writeAtomic} uses (replaceable in tests, to fail one of them). */
export const fileOps = { open, rename, unlink };

/**
 * Writes a file atomically: the text goes to a temporary file in the same directory (so the
 * rename stays on one file system), flushed, then renamed over the target. A run killed half-way
 * never leaves half a report for the next pipeline step to read: the target is the old file or
 * the whole new one.
 * @throws UsageError when the file cannot be written (no such directory, no permission)
 */
export async function writeAtomic(file: string, text: string, ops = fileOps): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const cannot = (e: unknown) => new UsageError(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : (e as Error).message}`);
  let handle;
  try {
    handle = await ops.open(tmp, 'wx', 0o644);
  } catch (e) {
    throw cannot(e);
  }
  try {
    await handle.writeFile(text);
    await handle.sync();
    await handle.close();
    await ops.rename(tmp, file);
  } catch (e) {
    await handle.close().catch(() => undefined);
    await ops.unlink(tmp).catch(() => undefined);
    throw cannot(e);
  }
}

/** Writes a rendered report to its --output file (atomically), or to stdout. */
export async function emit(text: string, file: string | undefined, io: CliIo): Promise<void> {
  if (file !== undefined) await writeAtomic(path.resolve(cwdOf(io), file), text);
  else io.stdout.write(text);
}

/** Progress on stderr, only when stderr is a terminal and the run is not quiet. */
export function progressFor(args: Parsed, io: CliIo) {
  if (!io.stderrIsTTY || args.quiet === true) return undefined;
  return ({ done, total, file }: { done: number; total: number; file: string }) => {
    if (total > 1) io.stderr.write(`\r\u001b[K[${done}/${total}] ${terminalSafe(file)}`);
    if (done === total && total > 1) io.stderr.write('\r\u001b[K');
  };
}

/**
 * Lists unreadable files (all of them) on stderr, and, unless quiet, the warnings as one line
 * per kind: how many, and the first one (all of them are in the JSON output).
 */
export function reportProblems(inv: Inventory, io: CliIo, quiet = false): void {
  const byCode = new Map<string, { count: number; first: (typeof inv.diagnostics)[number] }>();
  for (const d of quiet ? [] : inv.diagnostics) {
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
  }
}
