/**
 * Hosts that are never evidence of control (data/hosts.json): mailbox providers, forwarding
 * aliases, social and profile sites, shared hosting, hosts of personal pages, and registries' and
 * stores' listing pages. Read once, on
 * the first attribution.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ajv2020 } from '../ajv.js';
import { dataDir } from '../dataset/load.js';

/** Why a host is never evidence. */
export type HostKind = 'mail' | 'forwarding' | 'profile' | 'shared-hosting' | 'personal-pages' | 'registry';

interface HostsFile {
  groups: { kind: HostKind; why: string; hosts: string[] }[];
}

let table: Map<string, HostKind> | undefined;

/** Host (or registrable domain) → why it is never evidence. */
export function neverEvidence(): ReadonlyMap<string, HostKind> {
  if (!table) {
    const doc = JSON.parse(readFileSync(path.join(dataDir(), 'hosts.json'), 'utf8')) as HostsFile;
    table = new Map();
    for (const g of doc.groups) for (const h of g.hosts) table.set(h, g.kind);
  }
  return table;
}

/**
 * Why an address on this host (with its registrable domain) is never evidence, if it is not:
 * the whole host first (`people.redhat.com`, `members.fsf.org`), then the domain (`gmail.com`).
 */
export function hostKind(host: string, domain: string | undefined): HostKind | undefined {
  const t = neverEvidence();
  return t.get(host.toLowerCase()) ?? (domain !== undefined ? t.get(domain) : undefined);
}

/**
 * Checks a hosts file against data/schema/hosts.schema.json, and that no host is listed twice.
 * @returns the problems, each with its JSON pointer (none: valid)
 */
export function validateHosts(file: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return [`${file}: ${(e as Error).message}`];
  }
  const schema = JSON.parse(readFileSync(path.join(dataDir(), 'schema', 'hosts.schema.json'), 'utf8')) as object;
  const check = new (ajv2020())({ allErrors: true, strict: true }).compile(schema);
  if (!check(doc)) return (check.errors ?? []).map((e) => `${file}#${e.instancePath}: ${e.message ?? 'is invalid'}`);
  const seen = new Map<string, string>();
  const out: string[] = [];
  (doc as HostsFile).groups.forEach((g, i) =>
    g.hosts.forEach((h, j) => {
      if (seen.has(h)) out.push(`${file}#/groups/${i}/hosts/${j}: ${h} is listed twice (also under ${seen.get(h)})`);
      seen.set(h, g.kind);
    }),
  );
  return out;
}
