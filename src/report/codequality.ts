/**
 * GitLab Code Quality report, for the merge request widget, the pipeline's Code Quality tab and
 * the changes view (`artifacts: reports: codequality:`).
 *
 * Format: https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format — a JSON
 * array of issues with `description`, `check_name`, `fingerprint`, `severity` (`info`, `minor`,
 * `major`, `critical`, `blocker`), `location.path` (relative to the repository) and
 * `location.lines.begin`; GitLab ignores the other properties of the Code Climate spec it
 * borrows from, and refuses a file that starts with a byte-order mark.
 *
 * One issue per finding that counts: waived findings, findings the baseline already had and notes
 * never fail a build (see `fails` in src/policy/evaluate.ts), so they are left to the JSON and
 * SARIF reports. An issue points at the component in its SBOM file, at its line when the scan
 * found it (else line 1).
 */
import { createHash } from 'node:crypto';
import { FINDINGS, findingMessage } from '../policy/catalogue.js';
import type { Finding, Severity } from '../policy/types.js';
import type { Renderer } from './index.js';
import { markdownEscape } from './markdown.js';
import { evidenceText } from './scan.js';

/** A Code Quality issue, in the key order it is written. */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number } };
}

/**
 * GitLab's scale has five steps, shown beside each issue. A denied origin is what fails the
 * pipeline (with the default `--fail-on deny`): more than the `major` that linters give an
 * ordinary error, so `critical`; not `blocker`, because whether it blocks a merge is decided by
 * the pipeline's `--fail-on`, not by the finding. A warning asks for a review: `minor`.
 */
const SEVERITY: Record<Exclude<Severity, 'note'>, CodeQualityIssue['severity']> = { deny: 'critical', warn: 'minor' };
const RANK: Record<CodeQualityIssue['severity'], number> = { blocker: 0, critical: 1, major: 2, minor: 3, info: 4 };

/**
 * A file as GitLab wants it: relative to the repository, forward slashes, no leading `./`; stdin
 * (`-`) becomes `stdin`. The path is the one the scan was given (or found under a directory it
 * was given), not a string from the SBOM; an absolute path is kept as it is (GitLab cannot link
 * it, but the issue is still listed).
 */
function issuePath(file: string): string {
  if (file === '-') return 'stdin';
  return file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/**
 * The text of a finding. GitLab shows `description` in the merge request widget, the pipeline's
 * Code Quality tab and the changes view; how each of them treats Markdown and HTML in it has
 * changed between GitLab versions, so every SBOM-derived value (the finding's `args`) is escaped
 * as for Markdown (`markdownEscape`: no link, image, HTML, mention, issue reference, autolink,
 * table cell or heading can come out of it). The catalogue's own words stay as written. The
 * deciding evidence follows, so the widget says why without opening another report.
 */
function description(f: Finding): string {
  const args = Object.fromEntries(Object.entries(f.args).map(([k, v]) => [k, markdownEscape(v)]));
  const evidence = f.evidence[0] ? ` (evidence: ${markdownEscape(evidenceText(f.evidence[0]))})` : '';
  return `${FINDINGS[f.code].title}: ${findingMessage(f.code, args)}${evidence}`;
}

/**
 * The issue's fingerprint: the finding's own (policy, code, package identity without version,
 * rule — stable across upgrades and reordering) together with the SBOM file. GitLab shows issues
 * with one fingerprint as one entry; without the file, a denied package in a second SBOM (a new
 * image, say) would hide behind the first and never show as new in a merge request.
 */
function issueFingerprint(f: Finding, path: string): string {
  return createHash('sha256').update(JSON.stringify(['wherefrom/codequality@1', f.fingerprint, path])).digest('hex').slice(0, 32);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Renders the findings that count as a GitLab Code Quality report (`[]` when there are none).
 * Deterministic: sorted by file, line, severity, check and fingerprint.
 */
export const renderCodeQuality: Renderer = (result) => {
  const issues: CodeQualityIssue[] = [];
  for (const f of result.report.findings) {
    if (f.waived || f.baseline === 'unchanged' || f.severity === 'note') continue;
    // Every finding that counts is about a component (only WAIVER_UNUSED has none, and it is a note).
    const loc = f.component?.location;
    const path = issuePath(loc?.file ?? '');
    issues.push({
      description: description(f),
      check_name: `wherefrom/${f.code}`,
      fingerprint: issueFingerprint(f, path),
      severity: SEVERITY[f.severity],
      location: { path, lines: { begin: loc?.line ?? 1 } },
    });
  }
  issues.sort(
    (a, b) =>
      cmp(a.location.path, b.location.path) ||
      a.location.lines.begin - b.location.lines.begin ||
      RANK[a.severity] - RANK[b.severity] ||
      cmp(a.check_name, b.check_name) ||
      cmp(a.fingerprint, b.fingerprint) ||
      cmp(a.description, b.description),
  );
  return `${JSON.stringify(issues, null, 2)}\n`;
};
