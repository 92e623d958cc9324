/**
 * Markdown beyond markdown-csv.test.ts: a real corpus result with a waiver, the row cap, the
 * verdict line with a baseline, and GitHub's post-render features (references, autolinks, math).
 */
import { describe, expect, it } from 'vitest';
import { markdownEscape, renderMarkdown } from '../../src/report/markdown.js';
import { corpus, resultFor } from './result.js';

const DROPWIZARD = corpus('cyclonedx-bom-examples/SBOM__dropwizard-1.3.15__bom.json');
const POLICY = {
  countries: { US: 'warn' as const },
  unknown: 'warn' as const,
  waivers: [{ purl: 'pkg:maven/com.google.guava/guava', reason: 'Core library, reviewed', owner: 'platform-team', expires: '2027-06-30' }],
};

describe('markdown report', () => {
  it('a real result: verdict line, findings table, waived section with reason, owner and expiry; byte-identical twice', async () => {
    const r = await resultFor([DROPWIZARD], [POLICY]);
    const warn = r.report.findings.filter((f) => f.severity === 'warn' && !f.waived).length;
    expect(warn).toBeGreaterThan(0);
    const md = renderMarkdown(r, {});
    expect(md.startsWith('## wherefrom: origin report\n')).toBe(true);
    expect(md).toContain(`- ⚠️ **policy\\-1**: 0 deny, ${warn} warn (1 waived)`);
    expect(md).toContain('| ⚠️ | Origin flagged by policy | com\\.google\\.j2objc/j2objc\\-annotations@\u200d1\\.1 | Alphabet Inc\\. \\(US\\) | purl maven:com\\.google | country US |');
    expect(md).toContain('| Origin flagged by policy | com\\.google\\.guava/guava@\u200d24\\.1\\.1\\-jre | waivers\\[0\\] | Core library, reviewed | platform\\-team | 2027-06-30 |');
    expect(renderMarkdown(await resultFor([DROPWIZARD], [POLICY]), {})).toBe(md);
  });

  it('the findings table stops at 200 rows and says how many more', async () => {
    const r = await resultFor([corpus('cyclonedx-node-npm/juice-shop__flat__bom.1.6.json')], [{ unknown: 'warn', default: 'warn' }]);
    const live = r.report.findings.filter((f) => !f.waived && f.severity !== 'note').length;
    expect(live).toBeGreaterThan(200);
    const md = renderMarkdown(r, {});
    expect(md.split('\n').filter((l) => /^\| (⚠️|❌) \|/.test(l))).toHaveLength(200);
    expect(md).toContain(`… and ${live - 200} more (see the JSON or SARIF report).`);
  });

  it('with a baseline that has every finding, nothing counts: ✅ and 0 new', async () => {
    const first = await resultFor([DROPWIZARD], [POLICY]);
    const again = await resultFor([DROPWIZARD], [POLICY], new Set(first.report.findings.map((f) => f.fingerprint)));
    const md = renderMarkdown(again, {});
    // New and unchanged split all the findings, waived ones included (as the report's `new` does).
    expect(md).toContain(`- ✅ **policy\\-1**: 0 deny, 0 warn (1 waived, 0 new since the baseline, ${first.report.findings.length} unchanged)`);
    expect(md).toContain('No findings count against the policies.');
  });

  it('no policy: components by origin only', async () => {
    const md = renderMarkdown(await resultFor([DROPWIZARD]), {});
    expect(md).toContain('| country | components |');
    expect(md).toContain('| alphabet | 4 |');
    expect(md).not.toContain('| finding |');
  });

  it('GitHub features applied after rendering cannot fire: mentions, e-mail links, issue references, autolinks, math', () => {
    const out = markdownEscape('@admin a@b.io #12 org/repo#3 http://evil.example $x$');
    expect(out).not.toMatch(/@[a-z]/);
    expect(out).not.toMatch(/#\d/);
    expect(out).not.toContain('://');
    expect(out).toContain('\\$x\\$');
  });
});
