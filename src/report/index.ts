/**
 * Renderers: one result model (the report, and the inventory it was made from), one function per
 * format behind a name → renderer map. Renderers only read; text for findings comes from the
 * catalogue (src/policy/catalogue.ts). Every SBOM string is escaped for its destination.
 */
import type { Inventory } from '../model.js';
import type { Plan } from '../plan/index.js';
import { renderCodeQuality } from './codequality.js';
import { renderCsv } from './csv.js';
import { renderCycloneDx } from './cyclonedx.js';
import { renderHtml } from './html.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { type Report, renderScanJson, renderScanTable } from './scan.js';

/** What every renderer reads. */
export interface ScanResult {
  report: Report;
  inventory: Inventory;
  /** The substitution plan, when one was made (the HTML report shows it). */
  plan?: Plan;
}

/**
 * Options of {@link render}.
 */
export interface RenderOptions {
  /** ANSI colour (table only; the CLI turns it on for a TTY, unless NO_COLOR; FORCE_COLOR forces it). */
  color?: boolean;
  /** Table only: just the findings that count, one a line (`--quiet`). */
  quiet?: boolean;
  /** The wherefrom version, for tool metadata (SARIF, CycloneDX). */
  toolVersion?: string;
}

export type Renderer = (result: ScanResult, options: RenderOptions) => string;

export const RENDERERS = {
  table: (r, o) => renderScanTable(r.report, { ...(o.color ? { color: true } : {}), ...(o.quiet ? { quiet: true } : {}) }),
  json: (r) => renderScanJson(r.report),
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
  csv: renderCsv,
  cyclonedx: renderCycloneDx,
  html: renderHtml,
  codequality: renderCodeQuality,
} satisfies Record<string, Renderer>;

/**
 * A report format (`table`, `json`, `sarif`, `junit`, `markdown`, `csv`, `cyclonedx`, `html`, `codequality`).
 */
export type ReportFormat = keyof typeof RENDERERS;

/**
 * Every report format `render` writes.
 */
export const REPORT_FORMATS = Object.keys(RENDERERS) as ReportFormat[];

/** Renders a result in one format. */
export function render(result: ScanResult, format: ReportFormat, options: RenderOptions = {}): string {
  return RENDERERS[format](result, options);
}
