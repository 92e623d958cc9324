/**
 * Policies and what evaluating them gives: verdicts per component and findings, as data (codes
 * from one catalogue, see catalogue.ts). Text is made by the renderers.
 */
import type { Evidence, ListRef, OrgRef } from '../attribute/index.js';
import type { Location } from '../model.js';

/**
 * What a policy rule does: deny, warn or allow.
 */
export type Effect = 'deny' | 'warn' | 'allow';
export type Ownership = 'public' | 'private' | 'state' | 'nonprofit' | 'foundation' | 'government';

/**
 * An accepted exception: a purl (with a semver range) or an organisation, a reason, an owner and an expiry date.
 */
export interface Waiver {
  id?: string;
  /** A purl without version (any version), or whose version is a semver range. */
  purl?: string;
  /** An organisation id (its subsidiaries included). */
  org?: string;
  reason: string;
  owner: string;
  /** Last day it applies (YYYY-MM-DD). */
  expires: string;
  ticket?: string;
}

/** A policy as written (data/schema/policy.schema.json). */
export interface Policy {
  name?: string;
  description?: string;
  default?: Effect;
  organisations?: Record<string, Effect>;
  lists?: Record<string, Effect>;
  countries?: Record<string, Effect>;
  ownership?: Partial<Record<Ownership, Effect>>;
  community?: Effect;
  unknown?: Effect;
  /**
   * Components nothing attributes that declare only individual maintainers (people, or a
   * code-hosting account the dataset does not know). Default: what `unknown` says.
   */
  individual?: Effect;
  declaredMismatch?: Effect;
  minConfidence?: 'low' | 'medium' | 'high';
  scope?: { dev?: boolean; optional?: boolean; kinds?: ('software' | 'hardware')[] };
  waivers?: Waiver[];
}

/** A policy ready to evaluate: named, with where it came from. */
export interface LoadedPolicy {
  name: string;
  /** The file it was read from; absent for a policy made of command-line flags. */
  file?: string;
  /** True when the file was found in the project (`wherefrom.policy.json`...) rather than named. */
  discovered?: boolean;
  policy: Policy;
}

/**
 * A policy's verdict on a component.
 */
export type Verdict = 'deny' | 'warn' | 'allow';

/** The rule that decided: its kind, its key and its effect (`default` has no key). */
export interface RuleRef {
  kind: 'organisation' | 'list' | 'country' | 'ownership' | 'community' | 'unknown' | 'individual' | 'default' | 'declared-mismatch' | 'waiver';
  key?: string;
  effect: Effect;
  /** JSON pointer of the rule in the policy file (`/countries/CN`). */
  pointer: string;
}

/**
 * The code of a finding (see {@link FINDINGS}).
 */
export type FindingCode =
  | 'ORIGIN_DENIED'
  | 'ORIGIN_WARNED'
  | 'RESTRICTED_LIST'
  | 'ORIGIN_UNKNOWN'
  | 'COMMUNITY_ORIGIN'
  | 'DECLARED_ORIGIN_MISMATCH'
  | 'WAIVER_EXPIRED'
  | 'WAIVER_UNUSED';

/** How a finding counts: `deny` and `warn` as the rule says; `note` never fails a build. */
export type Severity = 'deny' | 'warn' | 'note';

/** The component a finding is about (absent for findings about the policy itself, e.g. an unused waiver). */
export interface FindingComponent {
  ref: string;
  name: string;
  version?: string;
  purl?: string;
  type: string;
  location: Location;
}

/**
 * One finding: a code from the catalogue, its severity, policy, component, rule, evidence and fingerprint.
 */
export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** The policy's name. */
  policy: string;
  component?: FindingComponent;
  rule: RuleRef;
  /** What the rule matched on: the organisation, its controller, the country, the lists. */
  org?: OrgRef;
  controller?: OrgRef;
  country?: string | null;
  lists?: ListRef[];
  evidence: Evidence[];
  /** Dependency paths that bring the component in, as names (`direct-dep@1.0.0 > … > this@2.0.0`). */
  paths: string[][];
  /** Values for the catalogue's message (`{country}`, `{org}`, `{waiver}`...). */
  args: Record<string, string>;
  /** A waiver that suppresses it (the finding then does not count). */
  waived?: { id: string; reason: string; owner: string; expires: string; ticket?: string };
  /** Stable across runs, list order and versions: policy, code, component identity, rule. */
  fingerprint: string;
  /** With a baseline: whether the baseline had it. */
  baseline?: 'new' | 'unchanged';
}

/** The outcome of one policy. */
export interface PolicyEvaluation {
  policy: string;
  file?: string;
  /** The policy file was found in the project, not named on the command line. */
  discovered?: boolean;
  /** Verdict per component, in inventory order (null: out of the policy's scope). */
  verdicts: (Verdict | null)[];
  findings: Finding[];
  /** Components in scope whose origin is unknown (nothing matched, or below the minimum confidence). */
  unknown: number;
  /** Of those, the ones that declare only individual maintainers. */
  individual: number;
}

/**
 * The outcome of holding an inventory against policies.
 */
export interface Evaluation {
  /** The date list membership and waiver expiry were judged on. */
  asOf: string;
  policies: PolicyEvaluation[];
}
