/**
 * The plan as JSON (`wherefrom/plan@1`), Markdown (for a pull request or an issue) and CSV (for a
 * procurement spreadsheet: one row per candidate). HTML is the report's own renderer, which shows
 * the plan beside the summary and the component table.
 */
import { csvRow } from '../report/escape.js';
import { markdownEscape } from '../report/markdown.js';
import type { Plan, PlanItem, PolicyPlan } from './index.js';

/**
 * The formats a plan is written in.
 */
export const PLAN_FORMATS = ['json', 'markdown', 'csv', 'html'] as const;
/**
 * A plan format.
 */
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

const label = (x: { name: string; version?: string }) => (x.version !== undefined ? `${x.name}@${x.version}` : x.name);
const cell = (s: string) => markdownEscape(s).replace(/\n/g, ' ');

export function renderPlanMarkdown(plan: Plan): string {
  const s = plan.summary;
  const out = [
    '## wherefrom: substitution plan',
    '',
    `${s.items} replacement${s.items === 1 ? '' : 's'} to make: ${s.withCandidates} with candidates the policy allows, ${s.noAllowedCandidate} with none allowed in the catalog, ${s.noCategory} whose kind of product the catalog does not cover. Judged on ${plan.asOf}.`,
    '',
  ];
  for (const p of plan.policies) {
    out.push(`### Policy ${cell(p.policy)}`, '');
    if (p.unknown > 0) out.push(markdownEscape(planUnknownText(p)), '');
    if (p.items.length === 0) {
      out.push('Nothing to replace.', '');
      continue;
    }
    out.push('| replace | because of | category | candidates (best first) |', '|---|---|---|---|');
    for (const item of p.items) out.push(row(item));
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

/**
 * The components whose origin the plan could not weigh: `unknown: 40 (of which 31 declare only
 * individual maintainers); they are in the plan only where the policy flags unknown origins.`
 */
export function planUnknownText(p: PolicyPlan): string {
  return `Unknown origin: ${p.unknown}${p.individual > 0 ? ` (of which ${p.individual} declare only individual maintainers)` : ''}; they are in the plan only where the policy flags unknown origins.`;
}

function row(item: PlanItem): string {
  const target = `${cell(label(item.target))}${item.depth === 'direct-dependency' ? ` (direct dependency${item.brings ? `, brings ${item.brings} package${item.brings === 1 ? '' : 's'}` : ''})` : ''}`;
  const flagged = item.flagged.map((f) => `${f.severity === 'deny' ? '❌' : '⚠️'} ${cell(label(f))}${f.controller ? ` (${cell(f.controller)}, ${f.country ?? 'community'})` : ''}`).join('<br>');
  const category = item.category ? cell(item.category.name) : '_not in the catalog_';
  const cands =
    item.candidates.length > 0
      ? item.candidates.map((c, i) => `${i + 1}. **${cell(c.product.name)}** (${cell(c.controller.name)}, ${c.country ?? 'community'}; ${cell(c.product.license)})`).join('<br>')
      : item.gap === 'no-allowed-candidate'
        ? '_no candidate the policy allows_'
        : '–';
  return `| ${target} | ${flagged} | ${category} | ${cands} |`;
}

const CSV_HEADER = ['policy', 'replace', 'depth', 'flagged', 'category', 'rank', 'candidate', 'organisation', 'controller', 'country', 'licence', 'maturity', 'verdict', 'score', 'reasons', 'gap'];

/** One row per candidate; an item without candidates gets one row that says why. */
export function renderPlanCsv(plan: Plan): string {
  const rows = [csvRow(CSV_HEADER)];
  for (const p of plan.policies) {
    for (const item of p.items) {
      const base = [p.policy, label(item.target), item.depth, item.flagged.map(label).join('; '), item.category?.name ?? ''];
      if (item.candidates.length === 0) rows.push(csvRow([...base, '', '', '', '', '', '', '', '', '', '', item.gap ?? '']));
      item.candidates.forEach((c, i) => {
        rows.push(
          csvRow([...base, String(i + 1), c.product.name, c.org.name, c.controller.name, c.country ?? 'community', c.product.license, c.product.maturity, c.verdict, String(c.score), c.reasons.join('; '), '']),
        );
      });
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}

/**
 * Renders a plan as JSON (`wherefrom/plan@1`), Markdown or CSV. (The HTML plan is part of the
 * HTML report: `render(result, 'html')` with `result.plan` set.)
 */
export function renderPlan(plan: Plan, format: Exclude<PlanFormat, 'html'>): string {
  return format === 'markdown' ? renderPlanMarkdown(plan) : format === 'csv' ? renderPlanCsv(plan) : renderPlanJson(plan);
}
