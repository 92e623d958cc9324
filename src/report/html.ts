/**
 * The HTML report: one self-contained file (inline CSS, inline SVG charts, a little inline
 * JavaScript; a Content-Security-Policy that forbids loading anything), for a procurement board.
 * The summary (charts by controller country, verdict and ownership kind; top organisations;
 * restricted-list hits) is static HTML and SVG, so it reads with JavaScript off; the component
 * table sorts and filters with it on; each component's evidence sits in a <details>; the
 * substitution plan follows when there is one. Every SBOM string is escaped.
 */
import { maintainerText } from '../attribute/maintainers.js';
import { FINDINGS } from '../policy/catalogue.js';
import type { Plan, PlanItem } from '../plan/index.js';
import { planUnknownText } from '../plan/render.js';
import type { RenderOptions, ScanResult } from './index.js';
import type { ReportComponent } from './scan.js';
import { terminalSafe } from './escape.js';
import { evidenceText, setAsideText, unattributedText } from './scan.js';

/**
 * Escapes text for HTML element content and double-quoted attribute values. Control characters
 * and bidirectional overrides become visible `\uXXXX` first (`terminalSafe`): a browser would
 * drop an escape sequence, but the file is also read in terminals, and an override would reorder
 * the text around it on the page.
 */
export function htmlEscape(s: string): string {
  return terminalSafe(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = htmlEscape;

/** Rows per page of the component table. */
const PAGE = 100;

const CSS = `
:root{--fg:#1d2330;--muted:#5b6478;--line:#d9dee8;--bg:#fff;--deny:#c62828;--warn:#b26a00;--allow:#2e7d32;--none:#78849e;--bar:#3f63b5}
*{box-sizing:border-box}body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0;padding:24px 32px;max-width:1400px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:16px 0 6px}
.muted{color:var(--muted)}.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}.card{border:1px solid var(--line);border-radius:6px;padding:10px 14px;min-width:130px}
.card b{display:block;font-size:22px}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:16px 32px}
figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}svg text{font:12px system-ui,sans-serif;fill:var(--fg)}
table{border-collapse:collapse;width:100%}svg.chart{max-width:560px;height:auto;display:block}
#components{table-layout:fixed}#components col.c-v{width:70px}#components col.c-name{width:22%}#components col.c-ver{width:10%}#components col.c-type{width:80px}#components col.c-org{width:20%}#components col.c-country{width:80px}#components col.c-lists{width:10%}
#components td{overflow-wrap:anywhere}#pager{margin-left:auto}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f4f6fa;white-space:nowrap}#components th{position:sticky;top:0;cursor:pointer;user-select:none}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
.v-deny{color:var(--deny);font-weight:600}.v-warn{color:var(--warn);font-weight:600}.v-allow{color:var(--allow)}.v-none{color:var(--none)}
details summary{cursor:pointer;color:var(--muted)}details ul{margin:4px 0;padding-left:18px}code{font-size:12px;word-break:break-all}
.filters{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}.filters input,.filters select{font:inherit;padding:3px 6px}
.plan td ul{margin:0;padding-left:16px}.gap{color:var(--warn)}
`;

/**
 * Client side: the component table is paged (100 rows at a time) from the data embedded in the
 * page, and sorts and filters over all of it; rows are built with textContent, so no SBOM string
 * is ever parsed as HTML. Without JavaScript the first page is there as static HTML.
 */
const JS = `
(function(){
var data=JSON.parse(document.getElementById('component-data').textContent);var t=document.getElementById('components');var body=t.tBodies[0];
var q=document.getElementById('q'),fv=document.getElementById('f-verdict'),fc=document.getElementById('f-country'),n=document.getElementById('shown'),pg=document.getElementById('page');
var PAGE=100,page=0,view=data.slice(),sortCol=-1,dir=1;var RANK={deny:0,warn:1,allow:2,none:3};
function el(tag,text,cls){var x=document.createElement(tag);if(text!=null)x.textContent=text;if(cls)x.className=cls;return x}
function row(d){var tr=document.createElement('tr');tr.appendChild(el('td',d[0]==='none'?'\\u2013':d[0],'v-'+d[0]));for(var i=1;i<7;i++)tr.appendChild(el('td',d[i]));
var td=document.createElement('td');if(d[8].length){var det=document.createElement('details');det.appendChild(el('summary',(d[7]?d[7]+': ':'')+d[8][0]));var ul=document.createElement('ul');
for(var j=0;j<d[8].length;j++){var li=document.createElement('li');li.appendChild(el('code',d[8][j]));ul.appendChild(li)}det.appendChild(ul);td.appendChild(det)}else td.appendChild(el('span','no evidence','muted'));tr.appendChild(td);return tr}
function draw(){var pages=Math.max(1,Math.ceil(view.length/PAGE));if(page>=pages)page=pages-1;var f=document.createDocumentFragment();
for(var i=page*PAGE;i<Math.min(view.length,(page+1)*PAGE);i++)f.appendChild(row(view[i]));body.textContent='';body.appendChild(f);
n.textContent=view.length;pg.textContent='page '+(page+1)+' of '+pages}
function apply(){var s=q.value.toLowerCase(),v=fv.value,c=fc.value;view=data.filter(function(d){return(!s||d[9].indexOf(s)>=0)&&(!v||d[0]===v)&&(!c||d[5]===c)});sortView();page=0;draw()}
function key(d){return sortCol===0?RANK[d[0]]:d[sortCol]}
function sortView(){if(sortCol<0)return;view.sort(function(a,b){var x=key(a),y=key(b);return x<y?-dir:x>y?dir:0})}
q.addEventListener('input',apply);fv.addEventListener('change',apply);fc.addEventListener('change',apply);
document.getElementById('prev').addEventListener('click',function(){if(page>0){page--;draw()}});document.getElementById('next').addEventListener('click',function(){page++;draw()});
var ths=t.tHead.rows[0].cells;for(var j=0;j<7;j++)(function(j){ths[j].addEventListener('click',function(){dir=sortCol===j?-dir:1;sortCol=j;
for(var m=0;m<ths.length;m++)ths[m].removeAttribute('aria-sort');ths[j].setAttribute('aria-sort',dir>0?'ascending':'descending');sortView();page=0;draw()})})(j);
document.getElementById('pager').hidden=false;draw();document.documentElement.setAttribute('data-js','on')})();
`;

/** A horizontal bar chart as inline SVG (readable without JavaScript). */
function barChart(title: string, data: [string, number][], id: string): string {
  const rows = data.slice(0, 12);
  const rest = data.slice(12).reduce((n, [, v]) => n + v, 0);
  if (rest > 0) rows.push([`${data.length - 12} more`, rest]);
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const h = 22;
  const label = 200;
  const width = 560;
  const bars = rows
    .map(([k, v], i) => {
      const w = Math.max(1, Math.round(((width - label - 60) * v) / max));
      const y = i * h;
      return `<g><title>${e(k)}: ${v}</title><text x="${label - 6}" y="${y + 15}" text-anchor="end">${e(k.length > 27 ? `${k.slice(0, 26)}…` : k)}</text><rect x="${label}" y="${y + 4}" width="${w}" height="${h - 8}" fill="${barColour(k)}"/><text x="${label + w + 6}" y="${y + 15}">${v}</text></g>`;
    })
    .join('');
  return `<figure id="${id}"><figcaption>${e(title)}</figcaption><svg class="chart" role="img" aria-label="${e(title)}" width="100%" viewBox="0 0 ${width} ${Math.max(h, rows.length * h)}">${bars}</svg></figure>`;
}

function barColour(k: string): string {
  return k === 'deny' ? 'var(--deny)' : k === 'warn' ? 'var(--warn)' : k === 'allow' ? 'var(--allow)' : k === 'none' || k === 'unknown' ? 'var(--none)' : 'var(--bar)';
}

const entries = (r: Record<string, number>): [string, number][] => Object.entries(r);

function count(values: string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** A component as the table shows it: verdict, name, version, type, organisation, country, lists, confidence, evidence lines, search text. */
type Row = [string, string, string, string, string, string, string, string, string[], string];

function componentData(c: ReportComponent): Row {
  const a = c.attribution;
  const verdict = c.verdict ?? 'none';
  const country = a ? (a.country ?? 'community') : c.layer ? 'image layer' : 'unknown';
  const who = a ? (a.controller.id === a.org.id ? a.org.name : `${a.org.name} (${a.controller.name})`) : unattributedText(c);
  const lists = a ? [...new Set(a.lists.map((l) => l.id))].join(', ') : '';
  const evidence = a
    ? [
        ...a.evidence.map((x) => `${evidenceText(x)} → ${x.record}`),
        ...a.conflicts.map((x) => `conflicting: ${evidenceText(x)} → ${x.record}`),
        ...a.declared.map((d) => `declared ${d.role} country ${d.country}${d.differs ? ' (differs from the dataset)' : ''}`),
        ...(a.ignored ?? []).map((x) => `set aside, ${setAsideText(x)}`),
      ]
    : [...(c.maintainers ?? []).map((m) => `declared maintainer: ${maintainerText(m)}`), ...(c.ignored ?? []).map((x) => `set aside, ${setAsideText(x)}`)];
  const text = [c.name, c.version ?? '', c.purl ?? '', who, country, lists].join(' ').toLowerCase();
  return [verdict, c.name, c.version ?? '', c.type, who, country, lists, a?.confidence ?? '', evidence, text];
}

/** The same row as static HTML (the first page, for a browser without JavaScript). */
function staticRow(d: Row): string {
  const ev = d[8].length > 0 ? `<details><summary>${d[7] ? `${e(d[7])}: ` : ''}${e(d[8][0]!)}</summary><ul>${d[8].map((x) => `<li><code>${e(x)}</code></li>`).join('')}</ul></details>` : '<span class="muted">no evidence</span>';
  return `<tr><td class="v-${d[0]}">${d[0] === 'none' ? '–' : d[0]}</td>${d.slice(1, 7).map((x) => `<td>${e(x as string)}</td>`).join('')}<td>${ev}</td></tr>`;
}

/** JSON inside a <script> element: `<` escaped so no string can close the element. */
function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function planSection(plan: Plan): string {
  const out = [`<section id="plan"><h2>Substitution plan</h2><p class="muted">${plan.summary.items} replacement${plan.summary.items === 1 ? '' : 's'} to make: ${plan.summary.withCandidates} with candidates the policy allows, ${plan.summary.noAllowedCandidate} with none allowed in the catalog, ${plan.summary.noCategory} whose kind of product the catalog does not cover.</p>`];
  for (const p of plan.policies) {
    out.push(`<h3>Policy ${e(p.policy)}</h3>`);
    if (p.unknown > 0) out.push(`<p class="muted">${e(planUnknownText(p))}</p>`);
    if (p.items.length === 0) {
      out.push('<p class="muted">Nothing to replace.</p>');
      continue;
    }
    // Items the catalog covers get a row each; the others are listed compactly (there can be
    // thousands: every unknown package of a large SBOM under a deny-unknown policy).
    const covered = p.items.filter((i) => i.category);
    const uncovered = p.items.filter((i) => !i.category);
    if (covered.length > 0) {
      out.push('<table class="plan"><thead><tr><th>replace</th><th>because of</th><th>category</th><th>candidates (best first)</th></tr></thead><tbody>');
      for (const item of covered.slice(0, 1000)) out.push(planRow(item));
      out.push('</tbody></table>');
      if (covered.length > 1000) out.push(`<p class="muted">… and ${covered.length - 1000} more (see <code>wherefrom plan --format json</code>).</p>`);
    }
    if (uncovered.length > 0) {
      const names = uncovered.slice(0, 500).map((i) => e(i.target.version !== undefined ? `${i.target.name}@${i.target.version}` : i.target.name));
      out.push(
        `<details class="gap"><summary>${uncovered.length} to replace whose kind of product the catalog does not cover</summary><p>${names.join(', ')}${uncovered.length > 500 ? `, … and ${uncovered.length - 500} more` : ''}</p></details>`,
      );
    }
  }
  out.push('</section>');
  return out.join('\n');
}

function planRow(item: PlanItem): string {
  const label = (x: { name: string; version?: string }) => (x.version !== undefined ? `${x.name}@${x.version}` : x.name);
  const target = `${e(label(item.target))}${item.depth === 'direct-dependency' ? `<br><span class="muted">direct dependency${item.brings ? `, brings ${item.brings} package${item.brings === 1 ? '' : 's'}` : ''}</span>` : ''}`;
  const flagged = `<ul>${item.flagged.map((f) => `<li><span class="v-${f.severity}">${f.severity}</span> ${e(label(f))}${f.controller ? ` <span class="muted">(${e(f.controller)}, ${e(f.country ?? 'community')})</span>` : ''}</li>`).join('')}</ul>`;
  const category = item.category ? `${e(item.category.name)}<br><span class="muted">${e(item.category.by)}</span>` : '<span class="gap">not in the catalog</span>';
  const cands =
    item.candidates.length > 0
      ? `<ol>${item.candidates.map((c) => `<li><b>${e(c.product.name)}</b> — ${e(c.controller.id === c.org.id ? c.org.name : `${c.org.name} (${c.controller.name})`)}, ${e(c.country ?? 'community')}${c.verdict === 'warn' ? ' <span class="v-warn">warn</span>' : ''}<br><span class="muted">${e(c.reasons.join('; '))}</span></li>`).join('')}</ol>`
      : `<span class="gap">${item.gap === 'no-allowed-candidate' ? 'no candidate in the catalog that the policy allows' : '–'}</span>`;
  return `<tr><td>${target}</td><td>${flagged}</td><td>${category}</td><td>${cands}</td></tr>`;
}

/** Renders the HTML report; with `plan`, the substitution plan too. */
export function renderHtml(result: ScanResult & { plan?: Plan }, options: RenderOptions = {}): string {
  const r = result.report;
  const s = r.summary;
  const comps = r.components;
  const ownership = count(comps.filter((c) => !c.layer).map((c) => (c.attribution ? (c.attribution.community ? 'community' : c.attribution.controller.ownership) : c.maintainers ? 'individual maintainers' : 'unknown')));
  const names = new Map<string, string>();
  for (const c of comps) if (c.attribution) names.set(c.attribution.controller.id, c.attribution.controller.name);
  const top = entries(s.byController)
    .slice(0, 10)
    .map(([id, n]) => [names.get(id) ?? id, n] as [string, number]);
  const listHits = entries(s.byList);
  const countries = [...new Set(comps.map((c) => (c.attribution ? (c.attribution.country ?? 'community') : c.layer ? 'image layer' : 'unknown')))].sort();
  const findings = r.findings.filter((f) => !f.waived);
  const rows = comps.map(componentData);
  const sources = [...new Set(result.inventory.sources.map((x) => x.file))];
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>wherefrom: origin report${sources.length === 1 ? ` of ${e(sources[0]!)}` : ''}</title>`,
    `<style>${CSS}</style></head><body>`,
    `<header><h1>Who controls it, and from where</h1><p class="muted">wherefrom${options.toolVersion ? ` ${e(options.toolVersion)}` : ''} · judged on ${e(r.asOf)} · ${sources.length} source${sources.length === 1 ? '' : 's'}: ${sources.slice(0, 5).map(e).join(', ')}${sources.length > 5 ? ' …' : ''}</p></header>`,
    '<section id="summary"><h2>Summary</h2><div class="cards">',
    `<div class="card"><b>${s.components}</b>components</div>`,
    `<div class="card"><b>${s.attributed - s.community}</b>attributed to an organisation</div>`,
    `<div class="card"><b>${s.community}</b>community projects</div>`,
    `<div class="card"><b>${s.unknown}</b>unknown origin${s.individual > 0 ? `<br><span class="muted">of which ${s.individual} declare only individual maintainers</span>` : ''}</div>`,
    ...(s.layers > 0 ? [`<div class="card"><b>${s.layers}</b>image layers</div>`] : []),
    ...(r.policies.length > 0 ? [`<div class="card"><b class="v-deny">${s.byVerdict.deny ?? 0}</b>denied</div>`, `<div class="card"><b class="v-warn">${s.byVerdict.warn ?? 0}</b>warned</div>`] : []),
    '</div><div class="charts">',
    barChart('Components by controller country', entries(s.byCountry), 'chart-country'),
    barChart('Components by verdict', entries(s.byVerdict), 'chart-verdict'),
    barChart('Components by ownership of the controller', ownership, 'chart-ownership'),
    barChart('Top organisations (controllers)', top, 'chart-orgs'),
    '</div>',
    '<h3>Restricted-list hits</h3>',
    listHits.length > 0
      ? `<table id="lists"><thead><tr><th>list</th><th>components</th></tr></thead><tbody>${listHits.map(([id, n]) => `<tr><td>${e(id)}</td><td>${n}</td></tr>`).join('')}</tbody></table>`
      : '<p class="muted">No component is controlled by an organisation on a restricted list in force.</p>',
    ...(r.policies.length > 0
      ? [
          '<h3>Policies</h3><ul>',
          ...r.policies.map((p) => `<li><b>${e(p.name)}</b>: ${p.findings.deny} deny, ${p.findings.warn} warn, ${p.findings.note} note${p.findings.waived ? `, ${p.findings.waived} waived` : ''}</li>`),
          '</ul>',
        ]
      : []),
    '</section>',
    '<section id="table"><h2>Components</h2>',
    `<div class="filters"><input id="q" type="search" placeholder="filter: name, organisation, country…" aria-label="filter"><select id="f-verdict" aria-label="verdict"><option value="">any verdict</option><option>deny</option><option>warn</option><option>allow</option><option value="none">none</option></select><select id="f-country" aria-label="country"><option value="">any country</option>${countries.map((c) => `<option>${e(c)}</option>`).join('')}</select><span class="muted"><span id="shown">${comps.length}</span> of ${comps.length} shown</span><span id="pager" hidden><button id="prev" type="button">‹ previous</button> <span id="page"></span> <button id="next" type="button">next ›</button></span></div>`,
    `<noscript><p class="muted">Without JavaScript the table shows its first ${Math.min(PAGE, comps.length)} components; the JSON report (<code>--format json</code>) has them all.</p></noscript>`,
    '<table id="components"><colgroup><col class="c-v"><col class="c-name"><col class="c-ver"><col class="c-type"><col class="c-org"><col class="c-country"><col class="c-lists"><col></colgroup><thead><tr><th>verdict</th><th>name</th><th>version</th><th>type</th><th>organisation (controller)</th><th>country</th><th>lists</th><th>evidence</th></tr></thead><tbody>',
    ...rows.slice(0, PAGE).map(staticRow),
    '</tbody></table>',
    `<script type="application/json" id="component-data">${scriptJson(rows)}</script>`,
    '</section>',
    ...(findings.length > 0
      ? [
          `<section id="findings"><h2>Findings</h2><p class="muted">${findings.length} finding${findings.length === 1 ? '' : 's'}; codes from one catalogue.</p><ul>`,
          ...findings.slice(0, 2000).map((f) => `<li><span class="v-${f.severity === 'note' ? 'none' : f.severity}">${f.severity}</span> <b>${e(FINDINGS[f.code].title)}</b> [${e(f.policy)}] ${e(f.component ? f.component.name : '')}${f.paths[0] && f.paths[0].length > 1 ? ` <span class="muted">via ${e(f.paths[0].slice(0, -1).map((id) => id.slice(id.indexOf('#') + 1)).join(' › '))}</span>` : ''}</li>`),
          findings.length > 2000 ? `<li class="muted">… and ${findings.length - 2000} more (see the JSON report)</li>` : '',
          '</ul></section>',
        ]
      : []),
    ...(result.plan ? [planSection(result.plan)] : []),
    `<script>${JS}</script>`,
    '</body></html>',
  ];
  return `${html.join('\n')}\n`;
}
