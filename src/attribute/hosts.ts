/**
 * Hosts that are never evidence of control (data/hosts.json): mailbox providers, forwarding
 * aliases, social and profile sites, shared hosting, hosts of personal pages, and registries' and
 * stores' listing pages. Read once, on
 * the first attribution.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '../dataset/load.js';
import { checkTableFile, problemText } from '../dataset/table.js';
import type { DataProblem } from '../dataset/validate.js';

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
export function hostsProblems(file: string): DataProblem[] {
  return checkTableFile<HostsFile>(file, 'hosts.schema.json', (doc) => doc.groups.flatMap((g, i) => g.hosts.map((h, j) => ({ pointer: `/groups/${i}/hosts/${j}`, key: h, owner: g.kind }))));
}

/** {@link hostsProblems} as lines: `FILE#/pointer: message`. */
export function validateHosts(file: string): string[] {
  return hostsProblems(file).map(problemText);
}
