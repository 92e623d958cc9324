/**
 * Validation of data files: each against its JSON Schema (data/schema/), then what a schema
 * cannot say: ids unique across files, parents that exist and form no cycle, list entries that
 * name known organisations, names two organisations both claim.
 */
import listSchema from '../../data/schema/list.schema.json' with { type: 'json' };
import organisationsSchema from '../../data/schema/organisations.schema.json' with { type: 'json' };
import platformsSchema from '../../data/schema/platforms.schema.json' with { type: 'json' };
import { ajv2020 } from '../ajv.js';
import { DatasetError } from '../errors.js';
import { parseJson } from '../ingest/json.js';
import { isObject } from '../ingest/normalize.js';
import { readFileSync } from 'node:fs';
import { Dataset } from './index.js';
import { addDataFile, dataFileKind } from './load.js';
import type { Organisation, RawDataset } from './types.js';


/**
 * A problem in a data file: the file, the JSON pointer and what is wrong.
 */
export interface DataProblem {
  file: string;
  pointer: string;
  message: string;
}

/**
 * What `validateDataFiles` found.
 */
export interface ValidationReport {
  files: number;
  problems: DataProblem[];
}

/** A data file's JSON, or undefined with the reason added to `problems`. */
export function readDataJson(file: string, problems: DataProblem[]): unknown {
  try {
    return parseJson(readFileSync(file, 'utf8'), file);
  } catch (e) {
    problems.push({ file, pointer: '', message: (e as Error).message });
    return undefined;
  }
}

/** The errors of a failed schema check, as problems. */
export function schemaProblems(file: string, errors: readonly { instancePath: string; message?: string; params?: unknown }[] | null | undefined, problems: DataProblem[]): void {
  for (const e of errors ?? []) problems.push({ file, pointer: e.instancePath, message: `${e.message ?? 'invalid'}${e.params ? ` ${JSON.stringify(e.params)}` : ''}` });
}

/** Validates data files (organisations, lists, platforms) together. */
export function validateDataFiles(files: readonly string[]): ValidationReport {
  // strictRequired off: the schemas require `checked` in an if/then on `established`.
  const ajv = new (ajv2020())({ allErrors: true, strict: true, strictRequired: false });
  ajv.addSchema(organisationsSchema, 'organisations.schema.json');
  const checkOrgs = ajv.getSchema('organisations.schema.json')!;
  const checkList = ajv.compile(listSchema);
  const checkPlatforms = ajv.compile(platformsSchema);

  const problems: DataProblem[] = [];
  const raw: RawDataset = { organisations: [], platforms: [], lists: [] };
  const where = new Map<string, string>();
  for (const file of files) {
    const doc = readDataJson(file, problems);
    if (doc === undefined) continue;
    if (!isObject(doc)) {
      problems.push({ file, pointer: '', message: 'not a JSON object' });
      continue;
    }
    // Anything that is neither organisations nor platforms is checked as a list, so that its
    // problems are reported against the list schema, field by field.
    const kind = dataFileKind(doc);
    const check = kind === 'organisations' ? checkOrgs : kind === 'platforms' ? checkPlatforms : checkList;
    if (!check(doc)) {
      schemaProblems(file, check.errors, problems);
      continue;
    }
    if (kind === 'organisations') {
      (doc.organisations as Organisation[]).forEach((o, i) => {
        const prior = where.get(o.id);
        if (prior !== undefined) problems.push({ file, pointer: `/organisations/${i}/id`, message: `id ${o.id} is also defined in ${prior}` });
        else where.set(o.id, file);
      });
    }
    addDataFile(raw, file, doc);
  }
  if (problems.length === 0) {
    try {
      const dataset = new Dataset(raw);
      for (const name of dataset.ambiguousNames) {
        problems.push({ file: '(all files)', pointer: '', message: `the name "${name}" (normalised) is claimed by more than one organisation, so it matches none` });
      }
    } catch (e) {
      if (!(e instanceof DatasetError)) throw e;
      problems.push({ file: '(all files)', pointer: '', message: e.message });
    }
  }
  return { files: files.length, problems };
}
