/**
 * What "unknown" is. A component nothing attributes is either one whose only parties are people
 * (an npm author, a PyPI maintainer) or whose repository lives under a code-hosting account the
 * dataset has no record of (`github.com/someone/tool`, a Go module `github.com/someone/x`), or
 * one of which nothing at all is known. The first kind stays unattributed (a person is never an
 * organisation, and no country is guessed), but the report says who declared it: its
 * maintainers, as declared.
 */
import { isLayer } from '../distro/index.js';
import { urlParts } from '../ingest/normalize.js';
import type { Component, Party } from '../model.js';

/** A maintainer as the bill of materials declares it: a person, or a code-hosting account. */
export interface Maintainer {
  /** The person's name as written. */
  name?: string;
  email?: string;
  /** A code-hosting account: `github.com/sindresorhus`. */
  account?: string;
}

/**
 * Whether a party's own fields are a person's: an e-mail address or URL of a person says where
 * that person works or posts, not who controls the package. CycloneDX and npm authors written as
 * one string are people.
 */
export function personal(p: Party): boolean {
  return p.kind === 'person' || (p.kind === 'unspecified' && p.role === 'author');
}

/** Code-hosting sites whose first path segment is an account (a person's or an organisation's). */
const ACCOUNT_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org']);

/** purl types whose namespace is a code-hosting account. */
const ACCOUNT_PURLS: Record<string, string> = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org' };

/**
 * Distribution packages: their people are the distribution's packagers, never the upstream's
 * maintainers (a Debian package's originator is its Debian maintainer).
 */
const DISTRIBUTION_PURLS = new Set(['deb', 'rpm', 'apk', 'alpm', 'alpine', 'ebuild', 'opkg']);

function account(url: string): string | undefined {
  const parts = urlParts(url);
  if (!parts || !ACCOUNT_HOSTS.has(parts.host) || parts.first === '' || parts.first.startsWith('~')) return undefined;
  return `${parts.host}/${parts.first}`;
}

/**
 * The individual maintainers of a component that nothing attributes: its people and the
 * code-hosting accounts of its repository, when it names no organisation at all. Undefined when
 * it names an organisation (a supplier the dataset does not know), when nothing is declared, for
 * hardware, for image layers, and for distribution packages (whose people are packagers).
 */
export function individualMaintainers(c: Component): Maintainer[] | undefined {
  if (c.hardware || isLayer(c)) return undefined;
  const type = c.purlParts?.type;
  if (type !== undefined && DISTRIBUTION_PURLS.has(type)) return undefined;
  const out: Maintainer[] = [];
  const seen = new Set<string>();
  const push = (m: Maintainer) => {
    const key = `${m.name ?? ''}\0${m.email ?? ''}\0${m.account ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(m);
  };
  for (const p of c.parties) {
    if (p.kind === 'tool') continue;
    if (!personal(p)) return undefined;
    if (p.name === undefined && p.email === undefined) continue;
    const m: Maintainer = {};
    if (p.name !== undefined) m.name = p.name;
    if (p.email !== undefined) m.email = p.email;
    push(m);
  }
  const accounts: string[] = [];
  const p = c.purlParts;
  if (p?.namespace) {
    if (type === 'golang') {
      const [host, owner] = p.namespace.split('/');
      if (host && owner && ACCOUNT_HOSTS.has(host)) accounts.push(`${host}/${owner}`);
    } else if (type !== undefined && Object.hasOwn(ACCOUNT_PURLS, type)) accounts.push(`${ACCOUNT_PURLS[type]}/${p.namespace.split('/')[0]}`);
  }
  for (const r of c.externalReferences) {
    if (r.type !== 'vcs' && r.type !== 'website') continue;
    const a = account(r.url);
    if (a) accounts.push(a);
  }
  for (const a of accounts) {
    const lower = a.toLowerCase();
    if (!out.some((m) => m.account?.toLowerCase() === lower)) push({ account: a });
  }
  return out.length > 0 ? out : undefined;
}

/** A maintainer in one line: `Jane Doe <jane@example.org>`, `github.com/jane`. */
export function maintainerText(m: Maintainer): string {
  if (m.account !== undefined) return m.account;
  return m.email !== undefined ? (m.name !== undefined ? `${m.name} <${m.email}>` : m.email) : (m.name ?? '');
}
