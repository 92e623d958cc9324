/**
 * Loading the dataset: the built-in one (dist/dataset.json, compiled from data/ by
 * scripts/build-data.mjs; or data/ itself when running from source) and user overlays
 * (`--data FILE`) in the same formats, which win over the built-in data.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatasetError, InputError } from '../errors.js';
import { parseJson } from '../ingest/json.js';
import { isObject } from '../ingest/normalize.js';
import { type CompiledKeys, Dataset } from './index.js';
import type { Organisation, Platform, RawDataset, RestrictedList } from './types.js';

/** This module's folder, in the ESM and the CommonJS build alike. */
function here(): string {
  return typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
}

/** The data/ folder: beside dist/ in the package, two levels up from src/dataset/ in the repository. */
export function dataDir(): string {
  const fromDist = path.resolve(here(), '../data');
  return existsSync(path.join(fromDist, 'schema')) ? fromDist : path.resolve(here(), '../../data');
}

function readJson(file: string): unknown {
  try {
    return parseJson(readFileSync(file, 'utf8'), file);
  } catch (e) {
    if (e instanceof InputError) throw new DatasetError(e.message);
    throw new DatasetError(`${file}: cannot read: ${(e as Error).message}`);
  }
}

/** The kind of a data file, told apart by its keys; undefined when it is none of them. */
export function dataFileKind(doc: unknown): 'organisations' | 'platforms' | 'list' | undefined {
  if (!isObject(doc)) return undefined;
  if (Array.isArray(doc.organisations)) return 'organisations';
  if (Array.isArray(doc.platforms)) return 'platforms';
  if (Array.isArray(doc.entries) && typeof doc.id === 'string') return 'list';
  return undefined;
}

/** Adds one data file (organisations, a list, or platforms) to a raw dataset. */
export function addDataFile(raw: RawDataset, file: string, doc: unknown = readJson(file)): void {
  const d = doc as Record<string, unknown>;
  switch (dataFileKind(doc)) {
    case 'organisations':
      raw.organisations.push(...(d.organisations as Organisation[]));
      break;
    case 'platforms':
      raw.platforms.push(...(d.platforms as Platform[]));
      break;
    case 'list': {
      // `$schema` points an editor at the schema; it is not part of the list.
      const { $schema: _schema, ...list } = d;
      raw.lists.push(list as unknown as RestrictedList);
      break;
    }
    default:
      throw new DatasetError(`${file}: not a wherefrom data file (expected "organisations", "platforms", or a list with "id" and "entries")`);
  }
}

/** The data files of a data/ folder, in a stable order: orgs/*.json, lists/*.json, platforms.json. */
export function dataFiles(dir: string): string[] {
  const list = (sub: string) =>
    existsSync(path.join(dir, sub))
      ? readdirSync(path.join(dir, sub))
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => path.join(dir, sub, f))
      : [];
  const platforms = path.join(dir, 'platforms.json');
  return [...list('orgs'), ...list('lists'), ...(existsSync(platforms) ? [platforms] : [])];
}

/** Reads a data/ folder. */
export function readDataDir(dir: string): RawDataset {
  const raw: RawDataset = { organisations: [], platforms: [], lists: [] };
  for (const f of dataFiles(dir)) addDataFile(raw, f);
  return raw;
}

let builtin: RawDataset | undefined;
let builtinKeys: CompiledKeys | undefined;

/** The built-in data: dist/dataset.json next to the built library, else data/ of the repository. */
export function builtinData(): RawDataset {
  if (builtin) return builtin;
  const compiled = path.join(here(), 'dataset.json');
  if (existsSync(compiled)) {
    const doc = readJson(compiled) as RawDataset & { keys?: CompiledKeys };
    builtin = { organisations: doc.organisations, platforms: doc.platforms, lists: doc.lists };
    builtinKeys = doc.keys;
  } else {
    builtin = readDataDir(dataDir());
  }
  return builtin;
}

export interface LoadOptions {
  /** Overlay files (`--data`): organisations, lists or platforms files; they win over the built-in data. */
  overlays?: string[];
}

/**
 * The dataset, compiled into lookup tables.
 * @throws DatasetError when a file is unreadable or the data is inconsistent
 */
export function loadDataset(options: LoadOptions = {}): Dataset {
  const overlays = (options.overlays ?? []).map((f) => {
    const raw: RawDataset = { organisations: [], platforms: [], lists: [] };
    addDataFile(raw, f);
    return raw;
  });
  const base = builtinData();
  return new Dataset(base, overlays, builtinKeys);
}
