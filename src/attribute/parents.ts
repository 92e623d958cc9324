/**
 * References a component inherited rather than declared. A Maven project that declares no `scm`
 * or `url` of its own carries its parent POM's in the effective POM, so jzlib by JCraft says
 * `http://svn.sonatype.org/spice/tags/oss-parent-7`: who wrote the parent, not who controls the
 * child. Such references are set aside, and the component says so. Two rules: the parents of
 * data/parents.json (validated, with sources), and a reference that names a `*-parent` project
 * unrelated to the component. Read once, on first use.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from '../dataset/load.js';
import { checkTableFile, problemText } from '../dataset/table.js';
import type { DataProblem } from '../dataset/validate.js';
import type { Component } from '../model.js';

/** Evidence considered and set aside, with why. */
export interface SetAside {
  field: string;
  value: string;
  /** `inherited from org.sonatype.oss:oss-parent` */
  reason: string;
}

interface ParentsFile {
  parents: { coordinates: string; name: string; references: string[] }[];
}

let table: { group: string; coordinates: string; references: string[] }[] | undefined;
/** Whether a URL can be inherited at all: one test for the common case, a reference that cannot. */
let maybe: RegExp | undefined;

function parents() {
  if (!table) {
    table = (JSON.parse(readFileSync(path.join(dataDir(), 'parents.json'), 'utf8')) as ParentsFile).parents.map((p) => ({
      group: p.coordinates.split(':')[0]!.toLowerCase(),
      coordinates: p.coordinates,
      references: p.references,
    }));
    const needles = table.flatMap((p) => p.references.map((r) => r.split('/').pop()!.replace(/-$/, '')));
    maybe = new RegExp([...new Set([...needles, '-parent'])].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
  }
  return table;
}

/** A reference as the table keys it: no scheme, `scm:git:` or `git+` prefix, credentials, `.git` or trailing slash; lower case. */
export function referenceKey(url: string): string {
  return url
    .trim()
    .replace(/^scm:[a-z]+:/i, '')
    .replace(/^git\+/i, '')
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^[^@/]*@/, '')
    .replace(/^www\./i, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .replace(/\/+$/, '')
    .toLowerCase();
}

/** Words of a Maven project's coordinates (`org.jboss.logging:jboss-logging` → org, jboss, logging). */
function words(c: Component): Set<string> {
  const group = c.purlParts?.type === 'maven' ? (c.purlParts.namespace ?? '') : (c.group ?? '');
  return new Set(`${group}.${c.purlParts?.name ?? c.name}`.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 3));
}

/** Words that name no project in a parent's name (`oss-parent`, `maven-parent-pom`). */
const GENERIC = new Set(['oss', 'maven', 'parent', 'parents', 'pom', 'poms', 'project', 'projects', 'base', 'root', 'build', 'common', 'commons', 'master', 'super']);

/**
 * Why a reference of a component is inherited, if it is: `inherited from org.sonatype.oss:oss-parent`
 * (a parent of data/parents.json, the component not of that parent's groupId), or `names the
 * parent project oss-parent-7` (a Maven component's reference to a `*-parent` no word of whose
 * name is in the component's coordinates).
 */
export function inheritedReference(c: Component, url: string): string | undefined {
  // Only Maven projects inherit a parent's scm and url (a component with a groupId and no purl may be one).
  const type = c.purlParts?.type;
  if (type !== undefined ? type !== 'maven' : c.group === undefined) return undefined;
  const table = parents();
  if (!maybe!.test(url)) return undefined;
  const key = referenceKey(url);
  if (key === '') return undefined;
  const group = (c.purlParts?.type === 'maven' ? c.purlParts.namespace : c.group)?.toLowerCase() ?? '';
  for (const p of table) {
    // On a segment boundary; a reference ending in `-` takes any version after it (oss-parent-7).
    if (!p.references.some((r) => key === r || key.startsWith(r.endsWith('-') ? r : `${r}/`))) continue;
    // The parent's own organisation's artifacts (org.sonatype.* for org.sonatype.oss, org.jboss.*) keep it.
    const family = p.group.split('.').slice(0, 2).join('.');
    if (group === family || group.startsWith(`${family}.`)) return undefined;
    return `inherited from ${p.coordinates}`;
  }
  for (const segment of key.split('/').slice(1)) {
    const m = /^([a-z0-9][a-z0-9.-]*?)-parent(?:-poms?)?(?:-[0-9][0-9.]*)?$/.exec(segment);
    if (!m) continue;
    const own = words(c);
    const named = m[1]!.split(/[^a-z0-9]+/).filter((w) => w.length >= 3 && !GENERIC.has(w));
    if (named.some((w) => own.has(w))) return undefined;
    return `names the parent project ${segment}, not the component`;
  }
  return undefined;
}

/** The references of a component that are set aside as inherited (website and vcs, the ones attribution reads). */
export function setAsideReferences(c: Component): SetAside[] {
  const out: SetAside[] = [];
  for (const r of c.externalReferences) {
    if (r.type !== 'website' && r.type !== 'vcs') continue;
    const reason = inheritedReference(c, r.url);
    if (reason !== undefined) out.push({ field: `externalReferences.${r.type}`, value: r.url, reason });
  }
  return out;
}

/**
 * Checks a parents file against data/schema/parents.schema.json, and that no reference is listed
 * twice. @returns the problems, each with its JSON pointer (none: valid)
 */
export function parentsProblems(file: string): DataProblem[] {
  return checkTableFile<ParentsFile>(file, 'parents.schema.json', (doc) =>
    doc.parents.flatMap((p, i) => p.references.map((r, j) => ({ pointer: `/parents/${i}/references/${j}`, key: r, owner: p.coordinates }))),
  );
}

/** {@link parentsProblems} as lines: `FILE#/pointer: message`. */
export function validateParents(file: string): string[] {
  return parentsProblems(file).map(problemText);
}
