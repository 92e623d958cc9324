/**
 * Markdown (GitHub-flavoured), for pull-request comments and `$GITHUB_STEP_SUMMARY`. Every string
 * from a bill of materials goes through `markdownEscape`: it cannot open a link, an image, HTML,
 * a heading or a table cell, nor mention a user.
 */
import { FINDINGS } from '../policy/catalogue.js';
import type { Finding } from '../policy/types.js';
import type { Renderer } from './index.js';
import { evidenceText, findingText, unknownText } from './scan.js';

const MAX_ROWS = 200;
/** Characters of findings table at most (GitHub's comment limit is 65,536). */
const TABLE_BUDGET = 40_000;
const MAX_LEN = 200;

/**
 * Escapes text for Markdown inline content and table cells: backslash before every Markdown
 * punctuation character (`$` too: GitHub renders `$…$` as math), `<` and `&` as entities, line
 * breaks as spaces, control characters removed, and the length capped. A zero-width joiner
 * follows every `@` and `#` and splits `://`: GitHub makes mentions, issue cross-references
 * (`#1`, `owner/repo#1`) and autolinks from the rendered text, after backslash escapes are undone.
 */
export function markdownEscape(s: string, max = MAX_LEN): string {
  let t = s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g, ' ');
  if ([...t].length > max) t = `${[...t].slice(0, max - 1).join('')}…`;
  return t
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/:\/\//g, ':\u200d//')
    .replace(/[\\`*_{}[\]()#+\-.!|~$]/g, (c) => `\\${c}`)
    .replace(/[@#]/g, '$&\u200d');
}

const ICON = { deny: '❌', warn: '⚠️', note: 'ℹ️' } as const;

export const renderMarkdown: Renderer = (result) => {
  const r = result.report;
  const out: string[] = ['## wherefrom: origin report', ''];
  const s = r.summary;
  out.push(`${s.components} components: ${s.attributed} attributed (${s.community} community projects), ${unknownText(s)}. Judged on ${r.asOf}.`, '');
  for (const p of r.policies) {
    // What counts: with a baseline, findings it already had do not (as in `fails`).
    const own = r.findings.filter((f) => f.policy === p.name && !f.waived && f.baseline !== 'unchanged');
    const deny = own.filter((f) => f.severity === 'deny').length;
    const warn = own.filter((f) => f.severity === 'warn').length;
    const icon = deny > 0 ? '❌' : warn > 0 ? '⚠️' : '✅';
    const unchanged = r.findings.filter((f) => f.policy === p.name && f.baseline === 'unchanged').length;
    const extra = [p.findings.waived ? `${p.findings.waived} waived` : '', p.new !== undefined ? `${p.new} new since the baseline, ${unchanged} unchanged` : ''].filter(Boolean).join(', ');
    out.push(`- ${icon} **${markdownEscape(p.name)}**: ${deny} deny, ${warn} warn${extra ? ` (${extra})` : ''}`);
  }
  if (r.policies.length > 0) out.push('');
  const live = r.findings.filter((f) => !f.waived && f.baseline !== 'unchanged' && f.severity !== 'note');
  if (live.length > 0) {
    out.push('| | finding | component | controller | evidence | rule | via |', '|---|---|---|---|---|---|---|');
    // GitHub refuses comments over 65,536 characters: the table stops at a budget well under it.
    let shown = 0;
    let size = 0;
    for (const f of live) {
      const line = row(f);
      if (shown >= MAX_ROWS || size + line.length > TABLE_BUDGET) break;
      out.push(line);
      size += line.length + 1;
      shown++;
    }
    if (live.length > shown) out.push('', `… and ${live.length - shown} more (see the JSON or SARIF report).`);
    out.push('');
  } else if (r.policies.length > 0) out.push('No findings count against the policies.', '');
  const waived = r.findings.filter((f) => f.waived);
  if (waived.length > 0) {
    out.push('<details><summary>Waived findings</summary>', '', '| finding | component | waiver | reason | owner | expires |', '|---|---|---|---|---|---|');
    for (const f of waived.slice(0, MAX_ROWS)) {
      const w = f.waived!;
      out.push(`| ${FINDINGS[f.code].title} | ${cell(component(f))} | ${cell(w.id)} | ${cell(w.reason)} | ${cell(w.owner)} | ${w.expires} |`);
    }
    out.push('', '</details>', '');
  }
  const counts = (title: string, m: Record<string, number>, n = 15) => {
    const rows = Object.entries(m).slice(0, n);
    if (rows.length === 0) return;
    out.push(`| ${title} | components |`, '|---|---|', ...rows.map(([k, v]) => `| ${cell(k)} | ${v} |`), '');
  };
  out.push('<details><summary>Summary</summary>', '');
  counts('country', s.byCountry);
  counts('controller', s.byController);
  if (r.policies.length > 0) counts('verdict', s.byVerdict);
  counts('restricted list', s.byList);
  out.push('</details>', '');
  return `${out.join('\n')}`;
};

function cell(s: string): string {
  return markdownEscape(s);
}

function component(f: Finding): string {
  const c = f.component;
  return c ? (c.version !== undefined ? `${c.name}@${c.version}` : c.name) : '';
}

function row(f: Finding): string {
  const controller = f.controller ? `${f.controller.name} (${f.country ?? 'community'})` : '';
  const via = f.paths[0] && f.paths[0].length > 1 ? f.paths[0].slice(0, -1).join(' > ') : '';
  const rule = f.rule.key !== undefined ? `${f.rule.kind} ${f.rule.key}` : f.rule.kind;
  return `| ${ICON[f.severity]} | ${FINDINGS[f.code].title} | ${cell(component(f))} | ${cell(controller)} | ${cell(evidenceText(f.evidence[0]))} | ${cell(rule)} | ${cell(via)} |`;
}

/** The one-line message, escaped (for callers composing their own Markdown). */
export function markdownFinding(f: Finding): string {
  return markdownEscape(findingText(f), 1000);
}
