/**
 * References inherited from a parent POM are not evidence of the child's control: the table of
 * data/parents.json (validated, with sources) and the `*-parent` rule, on hand-made components
 * and on the corpus, where six Maven components had been Sonatype's through oss-parent's SCM.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attribute } from '../../src/attribute/index.js';
import { inheritedReference, referenceKey, validateParents } from '../../src/attribute/parents.js';
import { loadDataset } from '../../src/dataset/load.js';
import { inventory } from '../../src/ingest/index.js';
import type { Component } from '../../src/model.js';
import { renderScanTable, scanReport } from '../../src/report/scan.js';
import { cli, ROOT } from '../helpers.js';

const dataset = loadDataset();

async function scanOne(c: Record<string, unknown>) {
  const doc = { bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', ...c }] };
  const inv = await inventory([{ file: 'one.json', content: JSON.stringify(doc) }]);
  const at = attribute(inv, dataset, { asOf: '2026-11-28' });
  return { c: inv.components[0]!, a: at[0]!, report: scanReport(inv, at, undefined, '2026-11-28') };
}

const maven = (group: string, name: string, vcs: string) => ({ group, name, version: '1.0', purl: `pkg:maven/${group}/${name}@1.0`, externalReferences: [{ type: 'vcs', url: vcs }] });

describe('inherited references', () => {
  it.each([
    ['jzlib (JCraft) under Sonatype\'s oss-parent', maven('com.jcraft', 'jzlib', 'http://svn.sonatype.org/spice/tags/oss-parent-7'), 'inherited from org.sonatype.oss:oss-parent'],
    ['a WildFly module under the JBoss parent', maven('org.wildfly', 'wildfly-ee', 'http://github.com/jboss/jboss-parent-pom/wildfly-ee'), 'inherited from org.jboss:jboss-parent'],
    ['xalan under the Apache parent, as scm:git:', maven('xalan', 'xalan', 'scm:git:https://gitbox.apache.org/repos/asf/maven-apache-parent.git'), 'inherited from org.apache:apache'],
    ['an application under the Spring Boot starter parent', maven('com.example', 'shop', 'https://github.com/spring-projects/spring-boot/spring-boot-starter-parent/shop'), 'inherited from org.springframework.boot:spring-boot-starter-parent'],
    ['a parent named in the reference, unrelated to the component', maven('javax.enterprise', 'cdi-api', 'http://fisheye.jboss.org/browse/Weld/api/tags/1.0/build/tags/weld-parent-6/weld-api-bom'), 'names the parent project weld-parent-6, not the component'],
    ['Sonatype\'s own artifact keeps oss-parent', maven('org.sonatype.plexus', 'plexus-cipher', 'http://svn.sonatype.org/spice/tags/oss-parent-6'), undefined],
    ['a project\'s own parent (ehcache-parent for ehcache)', maven('net.sf.ehcache', 'ehcache', 'http://svn.terracotta.org/svn/ehcache/tags/ehcache-parent-2.18'), undefined],
    ['animal-sniffer-parent for animal-sniffer-annotations', maven('org.codehaus.mojo', 'animal-sniffer-annotations', 'http://fisheye.codehaus.org/browse/mojo/tags/animal-sniffer-parent-1.14'), undefined],
    ['not Maven: npm\'s glob-parent is a package\'s own name', { name: 'glob-parent', purl: 'pkg:npm/glob-parent@5.1.2', externalReferences: [{ type: 'vcs', url: 'git+https://github.com/gulpjs/glob-parent.git' }] }, undefined],
    ['a repository whose path only looks alike (oss-parents-tools)', maven('com.jcraft', 'jzlib', 'https://github.com/sonatype/oss-parents-tools'), undefined],
  ])('%s', async (_what, comp, reason) => {
    const { c } = await scanOne(comp);
    expect(inheritedReference(c as Component, c.externalReferences[0]!.url)).toBe(reason);
  });

  it('references are keyed without scheme, scm prefix, credentials, .git and trailing slash', () => {
    expect(referenceKey('scm:git:git@github.com:jboss/jboss-parent-pom.git')).toBe('github.com:jboss/jboss-parent-pom');
    expect(referenceKey('git+https://user@GitHub.com/jboss/jboss-parent-pom.git/')).toBe('github.com/jboss/jboss-parent-pom');
    expect(referenceKey('http://www.svn.sonatype.org/spice/tags/oss-parent-7?x#y')).toBe('svn.sonatype.org/spice/tags/oss-parent-7');
  });

  it('set aside, the component says why: unknown, with the reference and the reason; attributed, beside its evidence', async () => {
    const jzlib = await scanOne(maven('com.jcraft', 'jzlib', 'http://svn.sonatype.org/spice/tags/oss-parent-7'));
    expect(jzlib.a).toBeNull();
    const rc = jzlib.report.components[0]!;
    expect(rc.ignored).toEqual([{ field: 'externalReferences.vcs', value: 'http://svn.sonatype.org/spice/tags/oss-parent-7', reason: 'inherited from org.sonatype.oss:oss-parent' }]);
    expect(renderScanTable(jzlib.report)).toMatch(/^com\.jcraft\/jzlib\s+1\.0\s+unknown\s+\?\s+set aside, inherited from org\.sonatype\.oss:oss-parent: externalReferences\.vcs http/m);
    const fabric8 = await scanOne(maven('io.fabric8', 'kubernetes-client', 'http://github.com/jboss/jboss-parent-pom/kubernetes-client'));
    expect(fabric8.a?.org.id).toBe('red-hat');
    expect(fabric8.a?.evidence.map((e) => e.field)).toEqual(['purl']);
    expect(fabric8.a?.ignored).toEqual([{ field: 'externalReferences.vcs', value: 'http://github.com/jboss/jboss-parent-pom/kubernetes-client', reason: 'inherited from org.jboss:jboss-parent' }]);
    // Nothing set aside: no key (the report is as before).
    const plain = await scanOne(maven('io.fabric8', 'kubernetes-client', 'https://github.com/fabric8io/kubernetes-client'));
    expect(plain.a).not.toHaveProperty('ignored');
  });

  it('on the corpus: no attribution rests on an inherited parent reference; the six that did are unknown and say why', async () => {
    const inv = await inventory([path.join(ROOT, 'fixtures/corpus')]);
    const at = attribute(inv, dataset, { asOf: '2026-11-28' });
    const report = scanReport(inv, at, undefined, '2026-11-28');
    for (const [i, a] of at.entries()) {
      if (!a) continue;
      for (const e of a.evidence) if (e.field.startsWith('externalReferences.')) expect(inheritedReference(inv.components[i]!, e.value), `${inv.components[i]!.name} ${e.value}`).toBeUndefined();
    }
    const sonatype = report.components.filter((c) => c.ignored?.some((x) => x.reason === 'inherited from org.sonatype.oss:oss-parent'));
    expect(sonatype.map((c) => c.name).sort()).toEqual(['com.googlecode.javaewah/JavaEWAH', 'com.jcraft/jzlib', 'com.papertrail/profiler', 'net.jodah/expiringmap', 'ognl', 'org.webbitserver/webbit']);
    expect(sonatype.every((c) => c.attribution === null)).toBe(true);
    // None of them is Sonatype's any more; Sonatype's own artifacts (org.sonatype.*) still are.
    const sonatypes = inv.components.filter((_, i) => at[i]?.controller.id === 'sonatype').map((c) => c.purlParts?.name);
    expect(sonatypes).toContain('plexus-cipher');
    expect(sonatypes.filter((n) => ['jzlib', 'expiringmap', 'JavaEWAH', 'webbit', 'profiler'].includes(n!))).toEqual([]);
  });

  it('the table is data, checked against its schema by data validate; a bad entry is a located problem', async () => {
    expect(validateParents(path.join(ROOT, 'data/parents.json'))).toEqual([]);
    mkdirSync(path.join(ROOT, 'test/out'), { recursive: true });
    const bad = path.join(ROOT, 'test/out/bad-parents.json');
    writeFileSync(bad, JSON.stringify({ parents: [{ coordinates: 'no-colon', name: 'x parent', references: ['HTTP://Upper.case'], sources: [{ url: 'https://x.org', established: 'confirmed' }] }] }));
    const problems = validateParents(bad).join('\n');
    expect(problems).toMatch(/#\/parents\/0\/coordinates: must match pattern/);
    expect(problems).toMatch(/#\/parents\/0\/references\/0: must match pattern/);
    expect(problems).toMatch(/#\/parents\/0\/sources\/0: must have required property 'checked'/);
    const r = await cli(['data', 'validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ data files checked, 0 problems$/m);
  });
});
