/**
 * Ingest: from whatever the user has (files, directories, npm projects, stdin) to one inventory.
 * Each file is recognised by its content; a directory is walked and the bills of materials in it
 * are picked out by sniffing; npm projects are found by their lockfile. A file that cannot be read
 * is listed in `errors` and the others still go through.
 */
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import { INVENTORY_SCHEMA, type InputIssue, type Inventory } from '../model.js';
import type { CsvColumns } from './csv.js';
import { decodeText } from './decode.js';
import { Diagnostics } from './normalize.js';
import { isNpmProject, readNpmProject } from './npm.js';
import { detectReader, readerForHeadTail, SNIFF_BYTES } from './registry.js';
import type { DocumentInput, DocumentReader, DocumentResult } from './types.js';

/** A source: a path (file or directory), or content given directly (stdin, a library caller's buffer). */
export type InventorySource = string | { file: string; content: string | Uint8Array };

/**
 * Options of {@link inventory}.
 */
export interface InventoryOptions {
  /** Directory relative paths are resolved against (default: `process.cwd()`). */
  cwd?: string;
  /** Called after each document is read (or fails), for progress display. */
  onProgress?: (event: { done: number; total: number; file: string }) => void;
  /** Header names of CSV asset-list columns, where they are not the usual ones (`{ manufacturer: 'Make' }`). */
  csvColumns?: CsvColumns;
}

/** One unit of work found in the sources. */
type Job =
  | { kind: 'content'; file: string; content: string | Uint8Array }
  | { kind: 'file'; file: string; abs: string; explicit: boolean }
  | { kind: 'npm'; file: string; abs: string };

const LOCKFILES = ['package-lock.json', 'npm-shrinkwrap.json'];

/** Shows a path with forward slashes, as the user would write it. */
function display(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Reads every source into one inventory.
 *
 * Never throws for bad input: a file that cannot be read becomes an entry of `errors` (with file,
 * location and what was expected) and the rest is read. Throws only for a bug (an internal error).
 */
export async function inventory(sources: readonly InventorySource[], options: InventoryOptions = {}): Promise<Inventory> {
  const cwd = options.cwd ?? process.cwd();
  const errors: InputIssue[] = [];
  const jobs: Job[] = [];

  for (const src of sources) {
    if (typeof src !== 'string') {
      jobs.push({ kind: 'content', file: src.file, content: src.content });
      continue;
    }
    const abs = path.resolve(cwd, src);
    const st = await stat(abs).catch(() => undefined);
    if (!st) {
      errors.push(new InputError('NOT_FOUND', 'no such file or directory', { file: src }, 'an existing file or directory').toIssue());
    } else if (st.isDirectory()) {
      pushAll(jobs, await walk(abs, src));
    } else if (LOCKFILES.includes(path.basename(abs)) || path.basename(abs) === 'package.json') {
      // A lockfile or package.json named directly stands for its project.
      jobs.push({ kind: 'npm', file: src, abs: path.dirname(abs) });
    } else {
      jobs.push({ kind: 'file', file: src, abs, explicit: true });
    }
  }

  const inv: Inventory = {
    schema: INVENTORY_SCHEMA,
    sources: [],
    components: [],
    services: [],
    dependencies: [],
    diagnostics: [],
    errors,
  };
  // A file named twice, or named and also inside a named directory, is read once (ids stay unique).
  const seen = new Set<string>();
  const unique = jobs.filter((job) => {
    if (job.kind === 'content') return true;
    if (seen.has(job.abs)) return false;
    seen.add(job.abs);
    return true;
  });
  let done = 0;
  for (const job of unique) {
    const diagnostics = new Diagnostics();
    const sourceIndex = inv.sources.length;
    try {
      const result = await runJob(job, sourceIndex, diagnostics, options.csvColumns);
      if (result) {
        if (result.issues) pushAll(errors, result.issues);
        inv.sources.push(result.source);
        pushAll(inv.components, result.components);
        pushAll(inv.services, result.services);
        pushAll(inv.dependencies, result.dependencies);
        pushAll(inv.diagnostics, diagnostics.items);
      }
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors.push(e.toIssue());
    }
    done++;
    options.onProgress?.({ done, total: unique.length, file: job.file });
  }
  return inv;
}

/** `push(...items)` overflows the stack past ~100k items; this does not. */
function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

async function runJob(job: Job, sourceIndex: number, diagnostics: Diagnostics, csvColumns?: CsvColumns): Promise<DocumentResult | undefined> {
  const ctx = csvColumns ? { sourceIndex, diagnostics, csvColumns } : { sourceIndex, diagnostics };
  if (job.kind === 'npm') {
    return readNpmProject(job.abs, { ...ctx, file: job.file });
  }
  // A file found while walking a directory is read only if its head or tail looks like a bill of
  // materials; anything else there (sources, images, configuration) is skipped unread.
  const sniffed = job.kind === 'file' && !job.explicit ? await sniffFile(job.abs, csvColumns) : undefined;
  if (job.kind === 'file' && !job.explicit && !sniffed) return undefined;
  let bytes: Uint8Array | string | undefined;
  if (job.kind === 'content') bytes = job.content;
  else {
    try {
      bytes = await readFile(job.abs);
    } catch (e) {
      throw new InputError('UNREADABLE', `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: job.file }, 'a readable file');
    }
  }
  const input: DocumentInput = { file: job.file, text: decodeText(bytes, job.file) };
  // Only `input` holds the text from here on, and a JSON reader lets it go once parsed: on a big
  // document neither the bytes nor the text stay alive beside the parse tree and the model.
  bytes = undefined;
  const reader = sniffed ?? detectReader(input.text, job.file, csvColumns);
  return reader.read(input, ctx);
}

/** The reader a file's head and tail point to, without reading the whole file; undefined for binary files. */
async function sniffFile(abs: string, csvColumns?: CsvColumns): Promise<DocumentReader | undefined> {
  const fh = await open(abs, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    await fh.read(head, 0, head.length, 0);
    let tail = Buffer.alloc(0);
    if (size > SNIFF_BYTES) {
      tail = Buffer.alloc(SNIFF_BYTES);
      await fh.read(tail, 0, SNIFF_BYTES, size - SNIFF_BYTES);
    }
    const utf16 = head[0] === 0xff && head[1] === 0xfe ? 'utf16le' : undefined;
    if (!utf16 && head.subarray(0, 8192).includes(0)) return undefined;
    const dec = (b: Buffer) => (utf16 ? b.toString('utf16le') : b.toString('utf8'));
    return readerForHeadTail(dec(head), dec(tail), csvColumns);
  } finally {
    await fh.close();
  }
}

/**
 * Walks a directory: npm projects (a package.json with a lockfile or node_modules) and the files
 * whose content looks like a bill of materials. `node_modules` and `.git` are not descended into.
 */
async function walk(absDir: string, shown: string): Promise<Job[]> {
  // Loaded on first use: a run over files alone does not pay for it at start-up.
  const { default: fg } = await import('fast-glob');
  const entries = await fg('**/*', {
    cwd: absDir,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: ['**/node_modules/**', '**/.git/**'],
    suppressErrors: true,
  });
  entries.sort();
  const present = new Set(entries);
  const lockOf = (dir: string) => LOCKFILES.find((l) => present.has(dir === '.' ? l : `${dir}/${l}`));
  const jobs: Job[] = [];
  const projects: string[] = [];
  for (const rel of entries) {
    const base = path.posix.basename(rel);
    if (base !== 'package.json') continue;
    const dir = path.posix.dirname(rel);
    // A workspace member inside a project already found is part of that project.
    if (projects.some((p) => p === '.' || dir === p || dir.startsWith(`${p}/`))) {
      if (!lockOf(dir)) continue;
    }
    const absProject = path.join(absDir, dir);
    const kind = await isNpmProject(absProject);
    if (!kind) continue;
    projects.push(dir);
    const lock = lockOf(dir);
    const shownDir = display(path.join(shown, dir));
    jobs.push({ kind: 'npm', file: kind === 'lockfile' && lock ? `${shownDir}/${lock}` : shownDir, abs: absProject });
  }
  for (const rel of entries) {
    const base = path.posix.basename(rel);
    if (LOCKFILES.includes(base) || base === 'package.json') continue;
    jobs.push({ kind: 'file', file: display(path.join(shown, rel)), abs: path.join(absDir, rel), explicit: false });
  }
  return jobs;
}
