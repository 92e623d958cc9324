/**
 * Everything the command line, the scripts and the benchmarks use, public or not: the public
 * surface (./index.ts) plus the helpers it keeps out of the library's API (escaping, JSON and
 * CSV parsing, the data directory's files, text renderers of statistics). Not a stable API: it is
 * not in the package's `exports`, and may change in any release.
 */
export * from './index.js';
export { inventory } from './ingest/index.js';
export type { InventoryOptions, InventorySource } from './ingest/index.js';
export { documentReaders } from './ingest/registry.js';
export type { DocumentInput, DocumentReader, DocumentResult, ReadContext } from './ingest/types.js';
export { renderInventory, INVENTORY_FORMATS } from './report/inventory.js';
export type { InventoryFormat } from './report/inventory.js';
export { csvField, terminalSafe } from './report/escape.js';
export { attribute, Attributor, cpeVendor, todayUtc } from './attribute/index.js';
export { explain, lookup } from './attribute/explain.js';
export type { Explanation } from './attribute/explain.js';
export type { Attribution, AttributeOptions, Confidence, DeclaredOrigin, Evidence, ListRef, OrgRef } from './attribute/index.js';
export { Dataset, IDENTIFIER_KINDS, registrableDomain, pypiName } from './dataset/index.js';
export type { CompiledIndex, CompiledKeys, Hit, Membership } from './dataset/index.js';
export { addDataFile, dataDir, dataFileKind, dataFiles, loadDataset, readDataDir, readJson, builtinData, splitDetails } from './dataset/load.js';
export type { CompiledData, DataDetails } from './dataset/load.js';
export type { LoadOptions } from './dataset/load.js';
export { normalizeName } from './dataset/names.js';
export { datasetStats, renderStats } from './dataset/stats.js';
export type { DatasetStats } from './dataset/stats.js';
export { validateDataFiles } from './dataset/validate.js';
export type { DataProblem, ValidationReport } from './dataset/validate.js';
export type * from './dataset/types.js';
export { evaluate, decide, fails, HARDWARE_TYPES } from './policy/evaluate.js';
export type { EvaluateOptions, FailOn } from './policy/evaluate.js';
export { parsePolicy, policyFromFlags, starterPolicy, baselineFingerprints, stripJsonComments } from './policy/parse.js';
export type { PolicyFlags, StarterOptions } from './policy/parse.js';
export { FINDINGS, findingMessage } from './policy/catalogue.js';
export type { FindingInfo } from './policy/catalogue.js';
export type {
  Effect,
  Evaluation,
  Finding,
  FindingCode,
  FindingComponent,
  LoadedPolicy,
  Policy,
  PolicyEvaluation,
  RuleRef,
  Severity,
  Verdict,
  Waiver,
} from './policy/types.js';
export { scanReport, renderScanJson, renderScanTable, findingText, REPORT_SCHEMA } from './report/scan.js';
export type { Report, ReportComponent, ReportPolicy } from './report/scan.js';
export { render, RENDERERS, REPORT_FORMATS } from './report/index.js';
export { addLines, pointerLines } from './report/locate.js';
export { enrichCycloneDx, renderCycloneDx } from './report/cyclonedx.js';
export { renderSarif } from './report/sarif.js';
export { renderJunit } from './report/junit.js';
export { markdownEscape, renderMarkdown } from './report/markdown.js';
export { renderCsv } from './report/csv.js';
export type { Renderer, RenderOptions, ReportFormat, ScanResult } from './report/index.js';
export { parseJson } from './ingest/json.js';
export { parseCsv, sniffSeparator } from './ingest/csv-parse.js';
export { CSV_FIELDS, csvAssetReader, parseCsvColumns, readAssetList, sniffAssetList } from './ingest/csv.js';
export type { CsvColumns, CsvField } from './ingest/csv.js';
export { HW, hardwareFromProperties, hardwareProperties, isHardwareProperty } from './ingest/hardware.js';
export { hostBom } from './host/index.js';
export { Catalog, catalogFiles, isCatalogDoc, loadCatalog, purlKey } from './plan/catalog.js';
export type { Category, CatalogFile, CategoryMatch, Product } from './plan/catalog.js';
export { plan, PLAN_SCHEMA } from './plan/index.js';
export type { Candidate, Plan, PlanComponent, PlanItem, PlanOptions, PolicyPlan } from './plan/index.js';
export { PLAN_FORMATS, renderPlanCsv, renderPlanJson, renderPlanMarkdown } from './plan/render.js';
export { catalogStats, renderCatalogStats, validateCatalogFiles } from './plan/validate.js';
export type { CatalogStats } from './plan/validate.js';
export type { PlanFormat } from './plan/render.js';
export { htmlEscape, renderHtml } from './report/html.js';
export type { HostOptions } from './host/index.js';
export { macIsLocal, macRegistrant, pciName, registrySources, usbName } from './hwids/index.js';
export type { RegistryName, RegistrySource } from './hwids/index.js';
export type { CsvParse, CsvProblem, CsvRecord } from './ingest/csv-parse.js';
export { DatasetError, InputError, PolicyError, UsageError, formatLocation } from './errors.js';
export type { InputErrorCode } from './errors.js';
export { EXIT } from './exit.js';
export type { ExitCode } from './exit.js';
export * from './model.js';
export { scan } from './scan.js';
export type { ScanOptions, ScanOutcome } from './scan.js';
export { findPolicy, loadPolicies, POLICY_SEARCH_PLACES, searchRoot } from './policy/load.js';
export type { FoundPolicy, PolicySources } from './policy/load.js';
export type { ParsePolicyOptions } from './policy/parse.js';
export { renderPlan } from './plan/render.js';
