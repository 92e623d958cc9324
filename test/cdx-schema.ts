/**
 * The official CycloneDX JSON schemas (1.4, 1.5, 1.6, with the SPDX licence-id and JSF schemas
 * they reference; fixtures/schemas/SOURCES.md), compiled once for the tests that validate output.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv';
import { ROOT } from './helpers.js';

// ajv is CommonJS with `exports.default`; under NodeNext the default import is the module object.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule.default }).default ?? AjvModule;

const SCHEMAS = path.join(ROOT, 'fixtures/schemas/cyclonedx');
const schema = (name: string) => JSON.parse(readFileSync(path.join(SCHEMAS, name), 'utf8')) as { $id: string };
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(schema('spdx.schema.json'));
ajv.addSchema(schema('jsf-0.82.schema.json'));
const validators = Object.fromEntries(['1.4', '1.5', '1.6'].map((v) => [v, ajv.compile(schema(`bom-${v}.schema.json`))]));

/** Validates a document against the schema of its own specVersion; the errors, for a readable failure. */
export function schemaErrors(doc: unknown): unknown[] {
  const v = validators[(doc as { specVersion: string }).specVersion];
  if (!v) throw new Error(`no schema for ${(doc as { specVersion: string }).specVersion}`);
  return v(doc) ? [] : (v.errors ?? []).slice(0, 10);
}
