/**
 * JUnit XML renderer, for CI test-report views (Jenkins, GitLab, Azure DevOps...).
 *
 * There is no official JUnit XML standard; this follows the de-facto schema the Jenkins JUnit
 * plugin reads (https://github.com/jenkinsci/junit-plugin/blob/master/src/main/resources/hudson/tasks/junit/JUnit.xsd)
 * and GitLab documents (https://docs.gitlab.com/ci/testing/unit_test_reports/). XML 1.0:
 * https://www.w3.org/TR/xml/#charsets
 *
 * `testsuites` > one `testsuite` per policy > one `testcase` per component the policy checked
 * (components outside its scope are not tests). A counting deny or warn finding is a `failure`
 * (its `type` is the finding code); a finding waived or in the baseline makes the test `skipped`
 * when nothing else fails it; notes go to `system-out`. Without policies: one suite `wherefrom`,
 * one passing test per component, with its origin in `system-out`.
 */
import { maintainerText } from '../attribute/maintainers.js';
import { FINDINGS } from '../policy/catalogue.js';
import type { Finding } from '../policy/types.js';
import type { Renderer, ScanResult } from './index.js';
import type { ReportComponent } from './scan.js';
import { evidenceText, findingText } from './scan.js';

/** Characters XML 1.0 does not allow (C0 controls but tab, LF, CR; lone surrogates; U+FFFE/U+FFFF). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Character data: characters XML cannot hold are dropped, markup escaped (`>` too, so `]]>` cannot
 * occur), and CR written as a reference so that end-of-line normalisation does not turn it into LF.
 */
function xmlText(s: string): string {
  return s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** An attribute value (double-quoted); tab and LF as references, which attribute-value normalisation keeps. */
function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

function element(name: string, attrs: [string, string | number][], body?: string): string {
  const a = attrs.map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`).join('');
  return body === undefined ? `<${name}${a}/>` : `<${name}${a}>${body}</${name}>`;
}

const label = (c: { name: string; version?: string }) => (c.version !== undefined ? `${c.name}@${c.version}` : c.name);

/** The component's origin, one line. */
function origin(c: ReportComponent): string {
  const a = c.attribution;
  if (!a) return c.layer ? 'an image layer' : c.maintainers ? `origin: unknown; declares only individual maintainers: ${c.maintainers.map(maintainerText).join(', ')}` : 'origin: unknown';
  const who = a.controller.id === a.org.id ? a.org.name : `${a.org.name} (controlled by ${a.controller.name})`;
  const lists = a.lists.length > 0 ? `; on ${[...new Set(a.lists.map((l) => l.id))].join(', ')}` : '';
  return `origin: ${who}, ${a.country ?? 'community'}, ${a.confidence} confidence${lists}; evidence: ${evidenceText(a.evidence[0])}`;
}

function details(f: Finding): string {
  const lines = [`${f.code}: ${FINDINGS[f.code].title}`, findingText(f), `policy: ${f.policy} (rule ${f.rule.pointer})`];
  if (f.evidence[0]) lines.push(`evidence: ${evidenceText(f.evidence[0])}`);
  for (const p of f.paths) if (p.length > 1) lines.push(`via: ${p.slice(0, -1).join(' > ')}`);
  lines.push(`help: ${FINDINGS[f.code].help}`);
  return lines.join('\n');
}

interface Case {
  classname: string;
  name: string;
  failures: Finding[];
  skips: Finding[];
  out: string[];
}

function testcase(c: Case): string {
  const body: string[] = [];
  for (const f of c.failures) body.push(element('failure', [['message', `${f.severity}: ${findingText(f)}`], ['type', f.code]], xmlText(details(f))));
  if (c.failures.length === 0 && c.skips.length > 0) {
    const why = c.skips.map((f) => (f.waived ? `waived: ${f.waived.reason} (${f.waived.id}, until ${f.waived.expires}) — ${f.code}` : `in the baseline — ${f.code}`));
    body.push(element('skipped', [['message', why.join('; ')]]));
  }
  if (c.out.length > 0) body.push(element('system-out', [], xmlText(c.out.join('\n'))));
  const attrs: [string, string][] = [
    ['classname', c.classname],
    ['name', c.name],
  ];
  return body.length === 0 ? `    ${element('testcase', attrs)}` : `    ${element('testcase', attrs, `\n      ${body.join('\n      ')}\n    `)}`;
}

function suite(name: string, cases: Case[], out: string[]): { xml: string; tests: number; failures: number; skipped: number } {
  const tests = cases.length;
  const failures = cases.filter((c) => c.failures.length > 0).length;
  const skipped = cases.filter((c) => c.failures.length === 0 && c.skips.length > 0).length;
  const attrs: [string, string | number][] = [
    ['name', name],
    ['tests', tests],
    ['failures', failures],
    ['errors', 0],
    ['skipped', skipped],
  ];
  const body = [...cases.map(testcase)];
  if (out.length > 0) body.push(`    ${element('system-out', [], xmlText(out.join('\n')))}`);
  const xml = body.length === 0 ? `  ${element('testsuite', attrs)}` : `  ${element('testsuite', attrs, `\n${body.join('\n')}\n  `)}`;
  return { xml, tests, failures, skipped };
}

/**
 * Renders the scan as JUnit XML: a test per component and policy; deny and warn findings fail
 * it. SBOM strings are escaped, and characters XML 1.0 cannot hold are dropped.
 */
export const renderJunit: Renderer = (result: ScanResult) => {
  const { report, inventory } = result;
  const fileOf = (i: number) => {
    const f = inventory.components[i]?.location.file ?? '';
    return f === '-' ? 'stdin' : f;
  };
  const suites: ReturnType<typeof suite>[] = [];
  if (report.policies.length === 0) {
    suites.push(suite('wherefrom', report.components.map((c, i) => ({ classname: fileOf(i), name: label(c), failures: [], skips: [], out: [origin(c)] })), []));
  } else {
    const single = report.policies.length === 1;
    for (const p of report.policies) {
      const findings = report.findings.filter((f) => f.policy === p.name);
      const byRef = new Map<string, Finding[]>();
      const general: string[] = [];
      for (const f of findings) {
        if (!f.component) {
          general.push(`${f.severity} ${f.code}: ${findingText(f)}`);
          continue;
        }
        const list = byRef.get(f.component.ref) ?? [];
        list.push(f);
        byRef.set(f.component.ref, list);
      }
      const cases: Case[] = [];
      report.components.forEach((c, i) => {
        const verdict = single ? c.verdict : (c.verdicts?.[p.name] ?? null);
        if (verdict === null) return;
        const mine = byRef.get(c.ref) ?? [];
        const counting = (f: Finding) => !f.waived && f.baseline !== 'unchanged';
        const failures = mine.filter((f) => counting(f) && f.severity !== 'note');
        const skips = mine.filter((f) => !counting(f));
        const out = [origin(c), ...mine.filter((f) => counting(f) && f.severity === 'note').map((f) => `note ${f.code}: ${findingText(f)}`)];
        // A failing test cannot also be skipped: what is waived goes to its output instead.
        if (failures.length > 0) for (const f of skips) out.push(`${f.waived ? `waived (${f.waived.id})` : 'in the baseline'} ${f.code}: ${findingText(f)}`);
        cases.push({ classname: fileOf(i), name: label(c), failures, skips, out });
      });
      suites.push(suite(p.name, cases, general));
    }
  }
  const total = (k: 'tests' | 'failures' | 'skipped') => suites.reduce((n, s) => n + s[k], 0);
  const attrs: [string, number | string][] = [
    ['name', 'wherefrom'],
    ['tests', total('tests')],
    ['failures', total('failures')],
    ['errors', 0],
    ['skipped', total('skipped')],
  ];
  const body = suites.length === 0 ? '' : `\n${suites.map((s) => s.xml).join('\n')}\n`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('testsuites', attrs, body)}\n`;
};
