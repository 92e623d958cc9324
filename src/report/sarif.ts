/**
 * SARIF 2.1.0 renderer, for GitHub code scanning and other SARIF viewers.
 *
 * Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/sarif-v2.1.0-errata01-os-complete.html
 * GitHub's subset and limits: https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 *
 * One run; one rule per finding code of the catalogue; one result per finding. Waived findings are
 * kept, with an external suppression (the SARIF way to say "known and accepted"); with a baseline,
 * `baselineState` says which findings are new. Rule and result text comes from the catalogue, as
 * plain text (`message.markdown` is never written, so SBOM strings cannot inject Markdown).
 */
import { FINDINGS } from '../policy/catalogue.js';
import type { Finding, FindingCode, Severity } from '../policy/types.js';
import type { Location } from '../model.js';
import { terminalSafe } from './escape.js';
import type { Renderer, ScanResult } from './index.js';
import { findingText } from './scan.js';

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** GitHub code scanning rejects runs with more results, and files larger than this. */
const MAX_RESULTS = 25_000;
const MAX_BYTES = 10_000_000;

/**
 * The level a rule has when no policy says otherwise. A code's real severity comes from the rule
 * that produced the finding, and each result carries its own `level`; this is what viewers show
 * for the rule itself (and what GitHub's `security-severity` is derived from).
 */
const DEFAULT_SEVERITY: Record<FindingCode, Severity> = {
  ORIGIN_DENIED: 'deny',
  ORIGIN_WARNED: 'warn',
  RESTRICTED_LIST: 'deny',
  ORIGIN_UNKNOWN: 'warn',
  COMMUNITY_ORIGIN: 'warn',
  DECLARED_ORIGIN_MISMATCH: 'warn',
  WAIVER_EXPIRED: 'warn',
  WAIVER_UNUSED: 'note',
};

const LEVEL = { deny: 'error', warn: 'warning', note: 'note' } as const;
/** GitHub maps 7.0–8.9 to high, 4.0–6.9 to medium, 0.1–3.9 to low. */
const SECURITY_SEVERITY = { deny: '8.0', warn: '5.0', note: '2.0' } as const;

const CODES = Object.keys(FINDINGS) as FindingCode[];
const RULE_INDEX = new Map(CODES.map((c, i) => [c, i]));

/** `ORIGIN_DENIED` → `OriginDenied` (reportingDescriptor.name). */
function ruleName(code: string): string {
  return code
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/**
 * Plain message text: control and bidirectional-override characters made visible, square
 * brackets and backslashes escaped with a backslash (SARIF §3.11.6, as CodeQL does) so that a
 * name like `[x](https://…)` is not read as an embedded link, and curly brackets doubled
 * (§3.11.5: `{0}` is a placeholder for an argument, `{{` and `}}` are literal brackets) so that
 * a name like `{0}` is not filled in by a viewer.
 */
function messageText(s: string): string {
  return terminalSafe(s)
    .replace(/[\\[\]]/g, (c) => `\\${c}`)
    .replace(/[{}]/g, (c) => `${c}${c}`);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A file as a URI reference: forward slashes, each segment percent-encoded; stdin (`-`) becomes
 * `stdin`; a relative path stays relative (GitHub resolves it against the repository root), an
 * absolute one becomes a `file:` URI.
 */
function fileUri(file: string): string {
  if (file === '-') return 'stdin';
  const p = file.replace(LONE_SURROGATE, '\uFFFD').replace(/\\/g, '/');
  const encode = (segments: string[]) => segments.map(encodeURIComponent).join('/');
  const drive = /^([A-Za-z]):\//.exec(p);
  if (drive) return `file:///${drive[1]}:/${encode(p.slice(3).split('/'))}`;
  if (p.startsWith('/')) return `file://${encode(p.split('/'))}`;
  return encode(p.replace(/^(\.\/)+/, '').split('/'));
}

interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
  logicalLocations?: { fullyQualifiedName: string; kind: string }[];
  message?: { text: string };
}

/** Where a component was found: the file and line, and the JSON pointer or XML element in it. */
function componentLocation(loc: Location): SarifLocation {
  const out: SarifLocation = { physicalLocation: { artifactLocation: { uri: fileUri(loc.file) }, region: { startLine: loc.line ?? 1 } } };
  if (loc.pointer !== undefined) out.logicalLocations = [{ fullyQualifiedName: loc.pointer, kind: 'object' }];
  else if (loc.element !== undefined) out.logicalLocations = [{ fullyQualifiedName: loc.element, kind: 'element' }];
  return out;
}

/** The rule of the policy file that produced a finding. */
function ruleLocation(f: Finding, policyFile: string): SarifLocation {
  return {
    physicalLocation: { artifactLocation: { uri: fileUri(policyFile) }, region: { startLine: 1 } },
    logicalLocations: [{ fullyQualifiedName: f.rule.pointer, kind: f.rule.kind === 'waiver' ? 'object' : 'property' }],
  };
}

interface SarifResult {
  ruleId: FindingCode;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations?: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  baselineState?: 'new' | 'unchanged';
  suppressions?: { kind: 'external'; status: 'accepted'; justification: string; properties: Record<string, string> }[];
  properties: Record<string, unknown>;
}

function toResult(f: Finding, policyFiles: ReadonlyMap<string, string>): SarifResult {
  const policyFile = policyFiles.get(f.policy);
  let locations: SarifLocation[] | undefined;
  let relatedLocations: SarifLocation[] | undefined;
  if (f.component) {
    locations = [componentLocation(f.component.location)];
    if (policyFile !== undefined) {
      relatedLocations = [{ id: 1, ...ruleLocation(f, policyFile), message: { text: messageText(`rule ${f.rule.pointer} of the policy ${f.policy}`) } }];
    }
  } else if (policyFile !== undefined) {
    // A finding about the policy itself (an unused waiver): it is in the policy file.
    locations = [ruleLocation(f, policyFile)];
  }

  const p: Record<string, unknown> = { policy: f.policy, severity: f.severity };
  if (f.component) {
    const c = f.component;
    p.component = { ref: c.ref, name: c.name, ...(c.version !== undefined ? { version: c.version } : {}), ...(c.purl !== undefined ? { purl: c.purl } : {}), type: c.type };
  }
  p.rule = f.rule;
  if (f.org) p.org = f.org.id;
  if (f.controller) p.controller = f.controller.id;
  if (f.country !== undefined) p.country = f.country;
  if (f.lists) p.lists = f.lists.map((l) => l.id);
  p.paths = f.paths;
  p.evidence = f.evidence;

  let suppressions: SarifResult['suppressions'];
  if (f.waived) {
    const w = f.waived;
    const props: Record<string, string> = { waiver: w.id, owner: w.owner, expires: w.expires };
    if (w.ticket !== undefined) props.ticket = w.ticket;
    suppressions = [{ kind: 'external', status: 'accepted', justification: w.reason, properties: props }];
  }
  // The order of the keys is the order of the output.
  return {
    ruleId: f.code,
    ruleIndex: RULE_INDEX.get(f.code)!,
    level: LEVEL[f.severity],
    message: { text: messageText(findingText(f)) },
    ...(locations ? { locations } : {}),
    ...(relatedLocations ? { relatedLocations } : {}),
    partialFingerprints: { 'wherefrom/v1': f.fingerprint },
    ...(f.baseline !== undefined ? { baselineState: f.baseline } : {}),
    ...(suppressions ? { suppressions } : {}),
    properties: p,
  };
}

interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: { driver: Record<string, unknown> };
      results: SarifResult[];
      properties: Record<string, unknown>;
    },
  ];
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * Renders the findings as a SARIF 2.1.0 log. Deterministic: no timestamps, no GUIDs.
 *
 * GitHub's limits are kept: at most 25,000 results, counting findings (not waived, not in the
 * baseline) and the strictest first; and at most 10 MB — pretty-printed when that fits, else
 * compact, else without the `paths` and `evidence` properties, else with the least important
 * results dropped. What was left out is recorded in `run.properties`.
 */
export const renderSarif: Renderer = (result: ScanResult, options) => {
  const { report } = result;
  const policyFiles = new Map<string, string>();
  for (const p of report.policies) if (p.file !== undefined) policyFiles.set(p.name, p.file);

  const driver: Record<string, unknown> = { name: 'wherefrom' };
  if (options.toolVersion !== undefined) driver.version = options.toolVersion;
  driver.rules = CODES.map((code) => {
    const info = FINDINGS[code];
    const sev = DEFAULT_SEVERITY[code];
    return {
      id: code,
      name: ruleName(code),
      shortDescription: { text: info.title },
      fullDescription: { text: info.description },
      help: { text: info.help },
      defaultConfiguration: { level: LEVEL[sev] },
      properties: { tags: ['security', 'supply-chain', 'origin'], 'security-severity': SECURITY_SEVERITY[sev] },
    };
  });

  // Which findings to keep when there are too many: counting ones first, then by severity (the
  // report's order); the kept ones are written in the report's order.
  const SEVERITY_RANK = { deny: 0, warn: 1, note: 2 } as const;
  const counts = (f: Finding) => !f.waived && f.baseline !== 'unchanged';
  const priority = report.findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => Number(counts(b.f)) - Number(counts(a.f)) || SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i);
  const all = report.findings.map((f) => toResult(f, policyFiles));
  const runProperties: Record<string, unknown> = { 'wherefrom/asOf': report.asOf };
  const log: SarifLog = { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [{ tool: { driver }, results: [], properties: runProperties }] };
  const run = log.runs[0];

  const keep = (ranked: { i: number }[]) => {
    const kept = new Set(ranked.map((x) => x.i));
    run.results = all.filter((_, i) => kept.has(i));
    const dropped = all.length - run.results.length;
    if (dropped > 0) runProperties['wherefrom/truncated'] = dropped;
    else delete runProperties['wherefrom/truncated'];
  };
  keep(priority.slice(0, MAX_RESULTS));

  let out = `${JSON.stringify(log, null, 2)}\n`;
  if (bytes(out) <= MAX_BYTES) return out;
  out = `${JSON.stringify(log)}\n`;
  if (bytes(out) <= MAX_BYTES) return out;

  for (const r of all) {
    delete r.properties.paths;
    delete r.properties.evidence;
  }
  runProperties['wherefrom/omittedProperties'] = ['paths', 'evidence'];
  out = `${JSON.stringify(log)}\n`;
  if (bytes(out) <= MAX_BYTES) return out;

  // Still too large: keep the longest prefix of the priority order that fits. Compact JSON of an
  // array is its items joined by commas, so the size is the envelope plus the items plus commas;
  // the envelope is measured with the largest truncation count it could record.
  const ranked = priority.slice(0, MAX_RESULTS);
  run.results = [];
  runProperties['wherefrom/truncated'] = all.length;
  let size = bytes(`${JSON.stringify(log)}\n`);
  let n = 0;
  for (const { i } of ranked) {
    const add = bytes(JSON.stringify(all[i])) + (n > 0 ? 1 : 0);
    if (size + add > MAX_BYTES) break;
    size += add;
    n++;
  }
  keep(ranked.slice(0, n));
  return `${JSON.stringify(log)}\n`;
};
