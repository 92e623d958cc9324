/**
 * wherefrom: who controls each part of a system, and from where.
 *
 * The library. {@link scan} runs the whole pipeline in one call; each stage is also a function
 * of its inputs, to use alone: {@link inventory} (read), {@link attribute} (who controls each
 * component), {@link evaluate} (hold it against policies), {@link plan} (replacements from
 * allowed origins) and {@link render} (reports). Nothing here touches the network, prints or
 * exits; bad input is reported, located, never thrown past `inventory`.
 *
 * @packageDocumentation
 */
export { scan } from './scan.js';
export type { ScanOptions, ScanOutcome } from './scan.js';

export { inventory } from './ingest/index.js';
export type { InventoryOptions, InventorySource } from './ingest/index.js';
export type { CsvColumns, CsvField } from './ingest/csv.js';
export { renderInventory, INVENTORY_FORMATS } from './report/inventory.js';
export type { InventoryFormat } from './report/inventory.js';

export { attribute } from './attribute/index.js';
export type { Attribution, AttributeOptions, Confidence, DeclaredOrigin, Evidence, ListRef, OrgRef } from './attribute/index.js';
export type { Maintainer } from './attribute/maintainers.js';
export type { SetAside } from './attribute/parents.js';
export { explain, lookup } from './attribute/explain.js';
export type { Explanation } from './attribute/explain.js';

export { loadDataset } from './dataset/load.js';
export type { LoadOptions } from './dataset/load.js';
export type { Dataset, Membership } from './dataset/index.js';
export type * from './dataset/types.js';
export { validateDataFiles } from './dataset/validate.js';
export type { DataProblem, ValidationReport } from './dataset/validate.js';
export { datasetStats } from './dataset/stats.js';
export type { DatasetStats } from './dataset/stats.js';

export { evaluate, fails } from './policy/evaluate.js';
export type { EvaluateOptions, FailOn } from './policy/evaluate.js';
export { parsePolicy, policyFromFlags, starterPolicy, baselineFingerprints } from './policy/parse.js';
export type { ParsePolicyOptions, PolicyFlags, StarterOptions } from './policy/parse.js';
export { findPolicy, loadPolicies, POLICY_SEARCH_PLACES } from './policy/load.js';
export type { FoundPolicy, PolicySources } from './policy/load.js';
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

export { scanReport, REPORT_SCHEMA } from './report/scan.js';
export type { Report, ReportComponent, ReportPolicy } from './report/scan.js';
export { render, REPORT_FORMATS } from './report/index.js';
export type { RenderOptions, ReportFormat, ScanResult } from './report/index.js';
export { enrichCycloneDx } from './report/cyclonedx.js';

export { hostBom } from './host/index.js';
export type { HostOptions } from './host/index.js';

export { loadCatalog } from './plan/catalog.js';
export type { Catalog, Category, CatalogFile, CategoryMatch, Product } from './plan/catalog.js';
export { plan, PLAN_SCHEMA } from './plan/index.js';
export type { Candidate, Plan, PlanComponent, PlanItem, PlanOptions, PolicyPlan } from './plan/index.js';
export { PLAN_FORMATS, renderPlan } from './plan/render.js';
export type { PlanFormat } from './plan/render.js';
export { validateCatalogFiles, catalogStats } from './plan/validate.js';
export type { CatalogStats } from './plan/validate.js';

export { DatasetError, InputError, PolicyError, UsageError } from './errors.js';
export type { InputErrorCode } from './errors.js';
export { EXIT } from './exit.js';
export type { ExitCode } from './exit.js';
export * from './model.js';
