/**
 * Normalisation shared by every reader: package URLs, licences, hashes, countries, registries and
 * the plain-string hygiene that keeps hostile input (huge strings, control characters) in check.
 */
// The plain entry (the package's Node entry registers all 70+ locales; only English names are read).
import countries from 'i18n-iso-countries/index.js';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { PackageURL } from 'packageurl-js';
import parseSpdx from 'spdx-expression-parse';
import type { Diagnostic, Hash, License, Location, PurlParts } from '../model.js';
import { MAX_STRING } from './limits.js';

countries.registerLocale(en);

/** Longest string kept from an input field (./limits.ts); longer values are cut and reported. */
export { MAX_STRING };

/** Collects non-fatal diagnostics for one document. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  add(code: Diagnostic['code'], message: string, location: Location): void {
    this.items.push({ code, message, location });
  }
}

/**
 * A trimmed, non-empty string, or undefined. Numbers and booleans are turned into text (some
 * generators write `"version": 1`); objects and arrays are not strings and give undefined.
 */
export function text(value: unknown, loc?: Location, diags?: Diagnostics): string | undefined {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (typeof value === 'number' || typeof value === 'boolean') s = String(value);
  else return undefined;
  s = s.trim();
  if (s === '') return undefined;
  if (s.length > MAX_STRING) {
    if (diags && loc) diags.add('TRUNCATED_VALUE', `value of ${s.length} characters cut to ${MAX_STRING}`, loc);
    s = s.slice(0, MAX_STRING);
  }
  return s;
}

/** The SPDX "no information" markers. */
export function isNoAssertion(s: string | undefined): boolean {
  return s === undefined || s === 'NOASSERTION' || s === 'NONE';
}

// ---------------------------------------------------------------------------------------------
// Package URLs

export interface NormalizedPurl {
  purl: string;
  parts: PurlParts;
}

/**
 * Parses and normalises a package URL with packageurl-js (type and namespace case rules,
 * percent-encoding, qualifier order). An invalid purl gives undefined and a diagnostic; the raw
 * text is then kept in a property by the caller's choice, never silently "fixed".
 */
export function normalizePurl(raw: string, loc: Location, diags: Diagnostics): NormalizedPurl | undefined {
  let p: PackageURL;
  try {
    p = PackageURL.fromString(raw);
  } catch (e) {
    diags.add('INVALID_PURL', `not a valid package URL: ${JSON.stringify(clip(raw))} (${(e as Error).message})`, loc);
    return undefined;
  }
  const parts: PurlParts = { type: p.type, name: p.name };
  if (p.namespace) parts.namespace = p.namespace;
  if (p.version) parts.version = p.version;
  if (p.qualifiers && Object.keys(p.qualifiers).length > 0) {
    // Object.fromEntries defines own properties: a `__proto__` qualifier stays data.
    parts.qualifiers = Object.fromEntries(
      Object.keys(p.qualifiers)
        .sort()
        .map((k) => [k, String(p.qualifiers![k])]),
    );
  }
  if (p.subpath) parts.subpath = p.subpath;
  return { purl: p.toString(), parts };
}

function clip(s: string, n = 200): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

// ---------------------------------------------------------------------------------------------
// Licences

const licenseCache = new Map<string, { valid: boolean; ids: string[] }>();

type SpdxNode = ReturnType<typeof parseSpdx>;

function collectIds(node: SpdxNode, out: Set<string>): void {
  if ('license' in node) {
    out.add(node.license);
    if (node.exception) out.add(node.exception);
  } else {
    collectIds(node.left, out);
    collectIds(node.right, out);
  }
}

/** Parses an SPDX expression (cached: real SBOMs repeat a few dozen expressions thousands of times). */
export function analyzeExpression(value: string): { valid: boolean; ids: string[] } {
  let r = licenseCache.get(value);
  if (r === undefined) {
    try {
      const ids = new Set<string>();
      collectIds(parseSpdx(value), ids);
      r = { valid: true, ids: [...ids].sort() };
    } catch {
      r = { valid: false, ids: [] };
    }
    if (licenseCache.size < 10_000) licenseCache.set(value, r);
  }
  return r;
}

/**
 * One licence statement. `id` and `expression` are checked with spdx-expression-parse; the raw
 * text is always kept, and an invalid one is reported, not dropped.
 */
export function makeLicense(
  kind: License['kind'],
  value: string,
  loc: Location,
  diags: Diagnostics,
  acknowledgement?: License['acknowledgement'],
): License {
  let lic: License;
  if (kind === 'name') lic = { kind, value, valid: false, ids: [] };
  else {
    const { valid, ids } = analyzeExpression(value);
    lic = { kind, value, valid, ids };
  }
  if (kind !== 'name' && !lic.valid) {
    diags.add('INVALID_LICENSE', `not a valid SPDX ${kind === 'id' ? 'licence id' : 'licence expression'}: ${JSON.stringify(clip(value))}`, loc);
  }
  if (acknowledgement) lic.acknowledgement = acknowledgement;
  return lic;
}

// ---------------------------------------------------------------------------------------------
// Hashes

const HASH_NAMES: Record<string, string> = {
  MD5: 'MD5',
  SHA1: 'SHA-1',
  SHA224: 'SHA-224',
  SHA256: 'SHA-256',
  SHA384: 'SHA-384',
  SHA512: 'SHA-512',
  SHA3256: 'SHA3-256',
  SHA3384: 'SHA3-384',
  SHA3512: 'SHA3-512',
  BLAKE2B256: 'BLAKE2b-256',
  BLAKE2B384: 'BLAKE2b-384',
  BLAKE2B512: 'BLAKE2b-512',
  BLAKE3: 'BLAKE3',
  MD2: 'MD2',
  MD4: 'MD4',
  MD6: 'MD6',
  ADLER32: 'ADLER32',
};

/** Normalises a hash algorithm name across CycloneDX (`SHA-256`), SPDX 2 (`SHA256`) and SPDX 3 (`sha256`). */
export function hashAlg(alg: string): string {
  const key = alg.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return Object.hasOwn(HASH_NAMES, key) ? HASH_NAMES[key]! : alg;
}

export function makeHash(alg: string, value: string): Hash {
  const v = /^[0-9a-fA-F]+$/.test(value) ? value.toLowerCase() : value;
  return { alg: hashAlg(alg), value: v };
}

// ---------------------------------------------------------------------------------------------
// Countries

const COUNTRY_ALIASES: Record<string, string> = {
  UK: 'GB',
  'GREAT BRITAIN': 'GB',
  ENGLAND: 'GB',
  SCOTLAND: 'GB',
  WALES: 'GB',
  'NORTHERN IRELAND': 'GB',
  USA: 'US',
  'U.S.': 'US',
  'U.S.A.': 'US',
  'UNITED STATES OF AMERICA': 'US',
  'PEOPLES REPUBLIC OF CHINA': 'CN',
  "PEOPLE'S REPUBLIC OF CHINA": 'CN',
  PRC: 'CN',
  'REPUBLIC OF KOREA': 'KR',
  'SOUTH KOREA': 'KR',
  'NORTH KOREA': 'KP',
  'RUSSIAN FEDERATION': 'RU',
  HOLLAND: 'NL',
  'THE NETHERLANDS': 'NL',
  'REPUBLIC OF CHINA': 'TW',
  'HONG KONG SAR': 'HK',
  UAE: 'AE',
};

/**
 * Turns a declared country (an ISO 3166-1 alpha-2 or alpha-3 code, or an English name, as
 * CycloneDX 1.6 `address.country` allows) into an alpha-2 code; undefined when it is not one.
 * Never guesses from partial names.
 */
export function countryCode(raw: string): string | undefined {
  const s = raw.trim();
  if (s === '') return undefined;
  const upper = s.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper)) return countries.isValid(upper) ? upper : undefined;
  if (/^[A-Z]{3}$/.test(upper)) {
    const a2 = countries.alpha3ToAlpha2(upper);
    if (a2) return a2;
  }
  if (Object.hasOwn(COUNTRY_ALIASES, upper)) return COUNTRY_ALIASES[upper];
  return countries.getAlpha2Code(s, 'en') ?? undefined;
}

// ---------------------------------------------------------------------------------------------
// URLs and registries

/** A URL's host (without credentials or port) and its path's first segment: `git+https://u@github.com:443/OWNER/repo`. */
const URL_PARTS = /^(?:git\+)?(?:[a-z][a-z0-9+.-]*:)?\/\/(?:[^@/?#]*@)?([^/:?#]+)(?::[^/?#]*)?(?:\/([^/?#]*))?/i;

/**
 * The host of a URL (lower case) and its path's first segment (`''` when none: the owner on a
 * code host, `~user` for a person's page), in one pass; undefined when it is not an absolute URL.
 */
export function urlParts(url: string): { host: string; first: string } | undefined {
  const m = URL_PARTS.exec(url);
  return m ? { host: m[1]!.toLowerCase(), first: m[2] ?? '' } : undefined;
}

/** The host of a URL (lower case), or undefined when it is not an absolute http(s)/git URL. */
export function urlHost(url: string): string | undefined {
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/(?:[^@/?#]*@)?([^/:?#]+)/i.exec(url);
  return m ? m[1]!.toLowerCase() : undefined;
}

// ---------------------------------------------------------------------------------------------
// JSON pointers

/** Escapes one reference token of an RFC 6901 JSON pointer. */
export function pointerToken(token: string | number): string {
  return typeof token === 'number' ? String(token) : token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Whether a value is a plain JSON object (not null, not an array). */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own property of a parsed JSON object (never the prototype chain: `__proto__` keys are data). */
export function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** The elements of an array, or an empty array for anything else. */
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
