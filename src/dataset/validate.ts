/**
 * Validation of data files: each against its JSON Schema (data/schema/), then what a schema
 * cannot say: ids unique across files, parents that exist and form no cycle, list entries that
 * name known organisations, names two organisations both claim; and the quality gates: an
 * identifier claimed by organisations of different controllers, a domain on a shared host (a
 * person's or a project's space there is not the host's), a Maven or code-host Go prefix too short
 * to name anyone.
 */
import listSchema from '../../data/schema/list.schema.json' with { type: 'json' };
import organisationsSchema from '../../data/schema/organisations.schema.json' with { type: 'json' };
import platformsSchema from '../../data/schema/platforms.schema.json' with { type: 'json' };
import { ajv2020 } from '../ajv.js';
import { DatasetError } from '../errors.js';
import { parseJson } from '../ingest/json.js';
import { isObject } from '../ingest/normalize.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { neverEvidence } from '../attribute/hosts.js';
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
  const records: { file: string; index: number; org: Organisation }[] = [];
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
        records.push({ file, index: i, org: o });
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
      problems.push(...qualityProblems(records, (id) => dataset.controllerOf(dataset.organisations.get(id)!).id));
    } catch (e) {
      if (!(e instanceof DatasetError)) throw e;
      problems.push({ file: '(all files)', pointer: '', message: e.message });
    }
  }
  return { files: files.length, problems };
}

/** Code-hosting sites: a Go prefix there names someone only with its owner (`github.com/google/`). */
const CODE_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'gitee.com', 'codeberg.org', 'gopkg.in', 'go.googlesource.com']);

/** The gates a schema cannot express, over every organisation record of the files. */
function qualityProblems(records: readonly { file: string; index: number; org: Organisation }[], controllerOf: (id: string) => string): DataProblem[] {
  const problems: DataProblem[] = [];
  const claims = new Map<string, { id: string; file: string; pointer: string }>();
  const shared = [...neverEvidence()].filter(([, kind]) => kind === 'shared-hosting' || kind === 'personal-pages').map(([host]) => host);
  for (const { file, index, org } of records) {
    for (const [kind, values] of Object.entries(org.identifiers ?? {}) as [string, string[]][]) {
      values.forEach((v, j) => {
        const pointer = `/organisations/${index}/identifiers/${kind}/${j}`;
        const key = `${kind}\0${v.toLowerCase()}`;
        const prior = claims.get(key);
        if (prior && prior.id !== org.id && controllerOf(prior.id) !== controllerOf(org.id)) {
          problems.push({ file, pointer, message: `${kind} "${v}" is also claimed by ${prior.id} (${path.basename(prior.file)}#${prior.pointer}), of another controller: it would say two things` });
        } else if (!prior) claims.set(key, { id: org.id, file, pointer });
        if (kind === 'domains') {
          const host = shared.find((h) => v === h || v.endsWith(`.${h}`));
          if (host) problems.push({ file, pointer, message: `domain "${v}" is on ${host}, which data/hosts.json says is shared hosting or personal pages, never evidence: a space there is not the host's` });
        }
        if (kind === 'mavenGroups' && !v.includes('.')) problems.push({ file, pointer, message: `Maven groupId prefix "${v}" has one segment: it would take in every group under it` });
        if (kind === 'goModules') {
          const segments = v.split('/').filter(Boolean);
          if (CODE_HOSTS.has(segments[0]!) && segments.length < 2) problems.push({ file, pointer, message: `Go module prefix "${v}" names a code host without its owner (github.com/OWNER/)` });
        }
      });
    }
  }
  return problems;
}
