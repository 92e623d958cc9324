/**
 * The checks of the small data tables beside the organisations (data/hosts.json,
 * data/parents.json): the file against its schema, then no key listed twice. One reader for all,
 * each table saying only which of its values are keys and where they stand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ajv2020 } from '../ajv.js';
import { dataDir } from './load.js';
import type { DataProblem } from './validate.js';

/** A key of a table, where it stands (JSON pointer) and what it belongs to (for the message). */
export interface TableKey {
  pointer: string;
  key: string;
  owner: string;
}

/**
 * Checks a table file against data/schema/SCHEMA, and that no key is listed twice.
 * @param keys the keys of a document that passed the schema
 * @returns the problems, each with its JSON pointer (none: valid)
 */
export function checkTableFile<T>(file: string, schema: string, keys: (doc: T) => TableKey[]): DataProblem[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return [{ file, pointer: '', message: (e as Error).message }];
  }
  const check = new (ajv2020())({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(path.join(dataDir(), 'schema', schema), 'utf8')) as object);
  if (!check(doc)) return (check.errors ?? []).map((e) => ({ file, pointer: e.instancePath, message: e.message ?? 'is invalid' }));
  const seen = new Map<string, string>();
  const out: DataProblem[] = [];
  for (const k of keys(doc as T)) {
    if (seen.has(k.key)) out.push({ file, pointer: k.pointer, message: `${k.key} is listed twice (also under ${seen.get(k.key)})` });
    seen.set(k.key, k.owner);
  }
  return out;
}

/** A problem in one line: `FILE#/pointer: message`. */
export function problemText(p: DataProblem): string {
  return `${p.file}${p.pointer ? `#${p.pointer}` : ''}: ${p.message}`;
}
