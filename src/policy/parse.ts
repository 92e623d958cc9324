/**
 * Reading policies: JSON (comments allowed, as editors do for JSON with a schema) checked
 * strictly against data/schema/policy.schema.json, then against the dataset (organisation and
 * list ids it names must exist). Every problem names the file, line and JSON pointer.
 * Also: policies made of command-line flags, and the starter policy `wherefrom init` writes.
 */
import path from 'node:path';
import semver from 'semver';
import policySchema from '../../data/schema/policy.schema.json' with { type: 'json' };
import type { Dataset } from '../dataset/index.js';
import { ajv2020 } from '../ajv.js';
import { PolicyError } from '../errors.js';
import { lineColumn, parseJson } from '../ingest/json.js';
import { isObject } from '../ingest/normalize.js';
import { parseWaiverPurl } from './evaluate.js';
import type { Effect, LoadedPolicy, Policy } from './types.js';

let check: ReturnType<InstanceType<ReturnType<typeof ajv2020>>['compile']> | undefined;

/**
 * Replaces `//` and `/* *\/` comments outside strings with spaces, so offsets, lines and
 * columns stay those of the file.
 */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  let from = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote.
      i++;
      while (i < n && text.charCodeAt(i) !== 0x22) i += text.charCodeAt(i) === 0x5c ? 2 : 1;
      i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      out += text.slice(from, i) + ' '.repeat(stop - i);
      i = from = stop;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      out += text.slice(from, i) + text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = from = stop;
    } else i++;
  }
  return out + text.slice(from);
}

/**
 * The offset in a (valid) JSON text of the value a JSON pointer names, or of the nearest
 * ancestor that exists. Walks only along the pointer; other values are skipped iteratively.
 */
export function locatePointer(text: string, pointer: string): number {
  const tokens = pointer === '' ? [] : pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let i = skipWs(text, 0);
  for (const token of tokens) {
    const open = text[i];
    if (open === '{') {
      i = skipWs(text, i + 1);
      let found = false;
      while (text[i] === '"') {
        const end = stringEnd(text, i);
        const key = JSON.parse(text.slice(i, end)) as string;
        i = skipWs(text, skipWs(text, end) + 1); // past ':'
        if (key === token) {
          found = true;
          break;
        }
        i = skipWs(text, skipValue(text, i));
        if (text[i] === ',') i = skipWs(text, i + 1);
      }
      if (!found) return i;
    } else if (open === '[') {
      i = skipWs(text, i + 1);
      const index = Number(token);
      for (let k = 0; k < index && text[i] !== ']'; k++) {
        i = skipWs(text, skipValue(text, i));
        if (text[i] === ',') i = skipWs(text, i + 1);
      }
    } else return i;
  }
  return i;
}

function skipWs(s: string, i: number): number {
  while (i < s.length && (s[i] === ' ' || s[i] === '\n' || s[i] === '\r' || s[i] === '\t')) i++;
  return i;
}

function stringEnd(s: string, i: number): number {
  i++;
  while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
  return i + 1;
}

function skipValue(s: string, i: number): number {
  if (s[i] === '"') return stringEnd(s, i);
  if (s[i] !== '{' && s[i] !== '[') {
    while (i < s.length && !/[,}\]\s]/.test(s[i]!)) i++;
    return i;
  }
  let depth = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '"') {
      i = stringEnd(s, i);
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return i;
}

/** Options of {@link parsePolicy}. */
export interface ParsePolicyOptions {
  /**
   * JSON pointer of the policy inside the document (`/wherefrom` for the `"wherefrom"` key of a
   * package.json); messages then point into the whole file. Default: the whole document.
   */
  pointer?: string;
}

/**
 * Parses a policy file's text.
 * @param file the name used in messages (and, without extension, the default policy name)
 * @param dataset when given, the organisation and list ids the policy names must exist in it
 * @throws PolicyError naming file:line:column and the JSON pointer of the first problems, and what was expected
 */
export function parsePolicy(text: string, file: string, dataset?: Dataset, options: ParsePolicyOptions = {}): LoadedPolicy {
  const clean = stripJsonComments(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const base = options.pointer ?? '';
  let doc: unknown;
  try {
    doc = parseJson(clean, file);
  } catch (e) {
    throw new PolicyError(`policy ${(e as Error).message}`);
  }
  for (const token of base === '' ? [] : base.slice(1).split('/')) {
    doc = isObject(doc) && Object.hasOwn(doc, token) ? doc[token] : undefined;
  }
  const at = (pointer: string) => {
    const { line, column } = lineColumn(clean, locatePointer(clean, base + pointer));
    return `${file}:${line}:${column} (#${base + pointer || '/'})`;
  };
  // strictRequired off: a waiver's anyOf requires one of two properties defined beside it.
  check ??= new (ajv2020())({ allErrors: true, strict: true, strictRequired: false }).compile(policySchema);
  if (!check(doc)) {
    const problems = (check.errors ?? [])
      // The `anyOf` of a waiver repeats its branches' `required` errors: say it once.
      .filter((e) => e.keyword !== 'required' || !e.schemaPath.includes('anyOf'))
      // A bad key gives a `propertyNames` error and its cause (with `propertyName` set): keep one.
      .filter((e) => (e as { propertyName?: string }).propertyName === undefined)
      .slice(0, 10)
      .map((e) => {
        let what = e.message ?? 'is invalid';
        const esc = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1');
        if (e.keyword === 'enum') what = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
        if (e.keyword === 'anyOf') what = 'a waiver needs "purl" or "org"';
        let pointer = e.instancePath;
        if (e.keyword === 'additionalProperties') {
          const key = (e.params as { additionalProperty: string }).additionalProperty;
          what = `unknown key ${JSON.stringify(key)}`;
          pointer = `${e.instancePath}/${esc(key)}`;
        }
        if (e.keyword === 'propertyNames') {
          const key = (e.params as { propertyName: string }).propertyName;
          what = `key ${JSON.stringify(key)} is not allowed here${/countries/.test(e.instancePath) ? ' (expected an ISO 3166-1 alpha-2 code in capitals, e.g. "CN")' : ''}`;
          pointer = `${e.instancePath}/${esc(key)}`;
        }
        return `${at(pointer)}: ${what}`;
      });
    throw new PolicyError(`invalid policy:\n  ${[...new Set(problems)].join('\n  ')}`);
  }
  const policy = doc as Policy;
  const problems: string[] = [];
  policy.waivers?.forEach((w, i) => {
    if (w.purl === undefined) return;
    const p = parseWaiverPurl(w.purl);
    if (!p) problems.push(`${at(`/waivers/${i}/purl`)}: not a package URL: ${JSON.stringify(w.purl)}`);
    else if (p.range !== undefined && semver.validRange(p.range) === null) {
      problems.push(`${at(`/waivers/${i}/purl`)}: the version ${JSON.stringify(p.range)} is not a semver range (expected e.g. ^1.2.0, >=1.2.83 <2, 4.17.21)`);
    }
  });
  if (dataset) {
    for (const id of Object.keys(policy.organisations ?? {})) {
      if (!dataset.organisations.has(id)) problems.push(`${at(`/organisations/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`)}: no organisation "${id}" in the dataset (\`wherefrom lookup NAME\` gives ids)`);
    }
    policy.waivers?.forEach((w, i) => {
      if (w.org !== undefined && !dataset.organisations.has(w.org)) problems.push(`${at(`/waivers/${i}/org`)}: no organisation "${w.org}" in the dataset`);
    });
    const lists = new Set(dataset.lists.map((l) => l.id));
    for (const id of Object.keys(policy.lists ?? {})) {
      if (id !== '*' && !lists.has(id)) problems.push(`${at(`/lists/${id}`)}: no restricted list "${id}" in the dataset (known: ${[...lists].sort().join(', ')})`);
    }
  }
  if (problems.length > 0) throw new PolicyError(`invalid policy:\n  ${problems.join('\n  ')}`);
  const name = policy.name ?? (base !== '' ? 'wherefrom' : path.basename(file).replace(/\.(jsonc?|policy)$/i, '').replace(/\.policy$/i, ''));
  return { name, file, policy };
}

/** The command-line shortcuts for a policy without a file. */
export interface PolicyFlags {
  denyCountry?: string[];
  warnCountry?: string[];
  denyOrg?: string[];
  warnOrg?: string[];
  denyList?: string[];
  warnList?: string[];
  warnUnknown?: boolean;
  denyUnknown?: boolean;
  /** The effect on components that declare only individual maintainers (default: as unknown). */
  individual?: Effect;
}

/**
 * A policy made of command-line flags (`--deny-country CN,RU --deny-list us-fcc-covered`), named
 * `command-line`; undefined when no flag is given.
 * @throws PolicyError on a country that is not two letters, or an organisation or list the dataset does not know
 */
export function policyFromFlags(flags: PolicyFlags, dataset?: Dataset): LoadedPolicy | undefined {
  const policy: Policy = {};
  const put = (key: 'countries' | 'organisations' | 'lists', values: string[] | undefined, effect: Effect) => {
    for (const raw of values ?? []) {
      for (const v0 of raw.split(',')) {
        const v = key === 'countries' ? v0.trim().toUpperCase() : v0.trim();
        if (v === '') continue;
        if (key === 'countries' && !/^[A-Z]{2}$/.test(v)) throw new PolicyError(`--${effect}-country takes ISO 3166-1 alpha-2 codes (CN,RU), not ${JSON.stringify(v0)}`);
        if (key === 'organisations' && dataset && !dataset.organisations.has(v)) {
          throw new PolicyError(`--${effect}-org: no organisation "${v}" in the dataset (\`wherefrom lookup NAME\` gives ids)`);
        }
        if (key === 'lists' && dataset && v !== '*' && !dataset.lists.some((l) => l.id === v)) {
          throw new PolicyError(`--${effect}-list: no restricted list "${v}" (known: ${dataset.lists.map((l) => l.id).sort().join(', ')})`);
        }
        const map = (policy[key] ??= {});
        // deny wins over warn when a value is given both ways.
        if (map[v] !== 'deny') map[v] = effect;
      }
    }
  };
  put('countries', flags.warnCountry, 'warn');
  put('countries', flags.denyCountry, 'deny');
  put('organisations', flags.warnOrg, 'warn');
  put('organisations', flags.denyOrg, 'deny');
  put('lists', flags.warnList, 'warn');
  put('lists', flags.denyList, 'deny');
  if (flags.warnUnknown) policy.unknown = 'warn';
  if (flags.denyUnknown) policy.unknown = 'deny';
  if (flags.individual !== undefined) policy.individual = flags.individual;
  if (Object.keys(policy).length === 0) return undefined;
  return { name: 'command-line', policy };
}

/** Options of `wherefrom init`. */
export interface StarterOptions {
  denyCountry?: string[];
  warnCountry?: string[];
  /** The user's own country: allowed; other origins are warned about by default. */
  home?: string;
}

/**
 * The starter policy `wherefrom init` writes: JSON with comments explaining each key, the
 * schema linked for editors. Jurisdiction-neutral: nothing is denied unless asked.
 */
export function starterPolicy(options: StarterOptions = {}, schemaRef = './node_modules/wherefrom/data/schema/policy.schema.json'): string {
  const codes = (l: string[] | undefined) => (l ?? []).flatMap((s) => s.split(',')).map((s) => s.trim().toUpperCase()).filter(Boolean);
  const countries: Record<string, Effect> = {};
  const home = options.home?.trim().toUpperCase();
  for (const c of [...codes(options.warnCountry), ...codes(options.denyCountry), ...(home ? [home] : [])]) {
    if (!/^[A-Z]{2}$/.test(c)) throw new PolicyError(`a country is an ISO 3166-1 alpha-2 code (DE, JP, BR), not ${JSON.stringify(c)}`);
  }
  for (const c of codes(options.warnCountry)) countries[c] = 'warn';
  for (const c of codes(options.denyCountry)) countries[c] = 'deny';
  if (home) countries[home] = 'allow';
  const entries = Object.entries(countries).sort(([a], [b]) => (a < b ? -1 : 1));
  const countryLines = entries.length
    ? entries.map(([c, e], i) => `    ${JSON.stringify(c)}: ${JSON.stringify(e)}${i < entries.length - 1 ? ',' : ''}`).join('\n')
    : '    // "XX": "deny"   (ISO 3166-1 alpha-2 of the controller\'s country)';
  return `{
  // wherefrom origin policy. Schema: ${schemaRef.replace(/^\.\//, '')}
  // The most specific rule wins: organisations > lists > countries > ownership > default.
  // Effects: "deny" (fails the build with --fail-on deny, the default), "warn", "allow".
  "$schema": ${JSON.stringify(schemaRef)},
  "name": "origin-policy",

  // Effect for an attributed component no rule below matches.
  "default": ${JSON.stringify(home ? 'warn' : 'allow')},

  // By the controller's country.
  "countries": {
${countryLines}
  },

  // By organisation id (\`wherefrom lookup NAME\` shows ids); a rule covers subsidiaries.
  "organisations": {
  },

  // By restricted list (\`wherefrom data stats\` lists them); "*" is any list in force.
  "lists": {
    "*": "warn"
  },

  // By the controller's ownership: public, private, state, nonprofit, foundation, government.
  "ownership": {
  },

  // Open-source projects no organisation controls, and components nothing attributes.
  "community": "allow",
  "unknown": "warn",
  // Of those, components whose only maintainers are people (or an account the dataset does not
  // know); without this key they are treated as "unknown" says.
  // "individual": "allow",

  // When the SBOM declares a country the dataset contradicts.
  "declaredMismatch": "warn",

  // Attributions below this confidence count as unknown: "low", "medium" or "high".
  "minConfidence": "low",

  // What is checked: "dev": false skips development dependencies; "kinds": ["hardware"] only devices.
  "scope": {
    "dev": true
  },

  // Accepted exceptions: a purl (a semver range as version) or an organisation id, with a reason,
  // an owner and an expiry date, after which the waiver stops waiving and is reported.
  "waivers": [
    // { "purl": "pkg:npm/example@^1.0.0", "reason": "…", "owner": "team", "expires": "2027-06-30", "ticket": "ABC-1" }
  ]
}
`;
}

/** Reads the fingerprints of an earlier JSON report's findings (`--baseline`). */
export function baselineFingerprints(doc: unknown, file: string): Set<string> {
  if (!isObject(doc) || doc.schema !== 'wherefrom/report@1' || !Array.isArray(doc.findings)) {
    throw new PolicyError(`${file}: not a wherefrom JSON report (expected "schema": "wherefrom/report@1" with "findings"; write one with --format json)`);
  }
  const out = new Set<string>();
  doc.findings.forEach((f, i) => {
    if (!isObject(f) || typeof f.fingerprint !== 'string') throw new PolicyError(`${file}#/findings/${i}: a finding without a "fingerprint"`);
    out.add(f.fingerprint);
  });
  return out;
}
