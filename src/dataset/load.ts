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
import { type CompiledIndex, type CompiledKeys, Dataset } from './index.js';
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

/** A data file's JSON; a syntax or read error as a DatasetError naming the file. */
export function readJson(file: string): unknown {
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

/**
 * The compiled built-in data (dist/dataset.json): the records with only what an attribution
 * shows (id, name, country, parent, ownership), the lists, the platforms, and the lookup tables.
 * The rest (aliases, identifiers, sources, notes, the names' normalised keys) is in
 * dist/dataset-details.json, read only by `lookup` and when an overlay forces the tables to be
 * rebuilt: it is most of the bytes, and parsing it is most of the load time.
 */
export interface CompiledData extends RawDataset {
  index: CompiledIndex;
}

type OrgDetails = Pick<Organisation, 'aliases' | 'identifiers' | 'sources' | 'notes'>;

/** What dist/dataset.json leaves out, by record id (dist/dataset-details.json). */
export interface DataDetails {
  organisations: Record<string, OrgDetails>;
  platforms: Record<string, Pick<Platform, 'sources'>>;
  /** Lists whole: their sources, and every entry with its citation. */
  lists: Record<string, Pick<RestrictedList, 'sources' | 'entries'>>;
  keys: CompiledKeys;
}

const NO_SOURCES: Organisation['sources'] = Object.freeze([]) as unknown as Organisation['sources'];

let builtin: { raw: RawDataset; index?: CompiledIndex; keys?: CompiledKeys; details: boolean } | undefined;

/** Splits the curated data into dist/dataset.json and dist/dataset-details.json (at build time). */
export function splitDetails(raw: RawDataset): { slim: RawDataset; details: DataDetails } {
  const details: DataDetails = { organisations: {}, platforms: {}, lists: {}, keys: Dataset.compileKeys(raw) };
  const organisations = raw.organisations.map(({ aliases, identifiers, sources, notes, ...o }) => {
    const d: OrgDetails = { sources };
    if (aliases !== undefined) d.aliases = aliases;
    if (identifiers !== undefined) d.identifiers = identifiers;
    if (notes !== undefined) d.notes = notes;
    details.organisations[o.id] = d;
    return o as Organisation;
  });
  const platforms = raw.platforms.map(({ sources, ...p }) => {
    details.platforms[p.id] = { sources };
    return p as Platform;
  });
  // Of a list, attribution needs the entries that name an organisation, without their citations.
  const lists = raw.lists.map(({ sources, entries, ...l }) => {
    details.lists[l.id] = { sources, entries };
    const named = entries.filter((e) => e.org !== undefined).map(({ citation: _c, ...e }) => e);
    return { ...l, entries: named } as RestrictedList;
  });
  return { slim: { organisations, platforms, lists }, details };
}

/**
 * The built-in data: dist/dataset.json next to the built library, else data/ of the repository.
 * @param details with the records' aliases, identifiers, sources and notes
 *   (dist/dataset-details.json); without, their `sources` are empty
 */
export function builtinData(details = false): RawDataset {
  if (builtin && (builtin.details || !details)) return builtin.raw;
  const compiled = path.join(here(), 'dataset.json');
  if (existsSync(compiled)) {
    const doc = readJson(compiled) as CompiledData;
    const raw: RawDataset = { organisations: doc.organisations, platforms: doc.platforms, lists: doc.lists };
    let keys: CompiledKeys | undefined;
    if (details) {
      const more = readJson(path.join(here(), 'dataset-details.json')) as DataDetails;
      for (const o of raw.organisations) Object.assign(o, more.organisations[o.id]);
      for (const p of raw.platforms) Object.assign(p, more.platforms[p.id]);
      for (const l of raw.lists) Object.assign(l, more.lists[l.id]);
      keys = more.keys;
    } else {
      for (const o of raw.organisations) o.sources = NO_SOURCES;
      for (const p of raw.platforms) p.sources = NO_SOURCES;
      for (const l of raw.lists) l.sources = NO_SOURCES;
    }
    builtin = { raw, index: doc.index, keys, details };
  } else {
    builtin = { raw: readDataDir(dataDir()), details: true };
  }
  return builtin.raw;
}

/**
 * Options of {@link loadDataset}.
 */
export interface LoadOptions {
  /** Overlay files (`--data`): organisations, lists or platforms files; they win over the built-in data. */
  overlays?: string[];
  /** Also load the records' sources and notes (for `lookup`; attribution does not need them). */
  details?: boolean;
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
  // An overlay can take an identifier or a name from a built-in record: the tables are rebuilt
  // from the records' identifiers, which are in the details.
  const base = builtinData(options.details === true || overlays.length > 0);
  return new Dataset(base, overlays, builtin?.keys, builtin?.index);
}
