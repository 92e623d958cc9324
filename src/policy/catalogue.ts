/**
 * The catalogue of finding codes: one table every renderer reads (SARIF rules, Markdown
 * headings, JUnit failure types, table labels). `{name}` in a message is filled from the finding's
 * `args`.
 */
import type { FindingCode } from './types.js';

/**
 * A finding code's entry in {@link FINDINGS}.
 */
export interface FindingInfo {
  title: string;
  /** One line, with `{args}`. */
  message: string;
  description: string;
  help: string;
}

/**
 * The one catalogue of finding codes: title, description and help of each, read by every renderer.
 */
export const FINDINGS: Record<FindingCode, FindingInfo> = {
  ORIGIN_DENIED: {
    title: 'Origin denied by policy',
    message: '{component} is controlled by {controller} ({country}); the policy {policy} {verb} it by {rule}',
    description: 'The organisation that controls the component, its country or its ownership kind is denied by the policy.',
    help: 'Replace the component with one from an allowed origin (`wherefrom plan`), or, if the use is accepted, add a waiver with a reason, an owner and an expiry date.',
  },
  ORIGIN_WARNED: {
    title: 'Origin flagged by policy',
    message: '{component} is controlled by {controller} ({country}); the policy {policy} {verb} it by {rule}',
    description: 'The organisation that controls the component, its country or its ownership kind is one the policy asks to review.',
    help: 'Review the component; record the decision as a waiver, or replace it.',
  },
  RESTRICTED_LIST: {
    title: 'Controller on a restricted list',
    message: '{component} is controlled by {controller}, which is on {lists}; the policy {policy} {verb} it by {rule}',
    description: 'The organisation (or a parent whose listing covers subsidiaries) is on a government restricted list in force on the evaluation date.',
    help: 'Check what the list forbids for your organisation (procurement, import, contracts) with its official text; replace the component or record a waiver.',
  },
  ORIGIN_UNKNOWN: {
    title: 'Origin unknown',
    message: '{component}: nothing in the bill of materials ties it to an organisation{why}',
    description: 'No evidence (purl namespace, CPE vendor, supplier or manufacturer name, domain) matched the dataset, or the match was below the policy\'s minimum confidence.',
    help: 'Add the supplier to the SBOM, or curate the organisation in an overlay file (`--data`); `wherefrom explain` shows what was looked up.',
  },
  COMMUNITY_ORIGIN: {
    title: 'Community project',
    message: '{component} is community work ({org}), controlled by no organisation; the policy {policy} {verb} community origins',
    description: 'The component is an open-source project that no company or foundation controls; it has no country.',
    help: 'Allow community origins in the policy, or review the project.',
  },
  DECLARED_ORIGIN_MISMATCH: {
    title: 'Declared origin differs from the dataset',
    message: '{component}: the SBOM declares {declared} for {party}, the dataset says {controller} is in {country}',
    description: 'The bill of materials states a country (CycloneDX address.country) that is not the country of the controller the dataset gives.',
    help: 'Check which is right: a subsidiary\'s address is not its controller\'s country; fix the SBOM or curate the organisation.',
  },
  WAIVER_EXPIRED: {
    title: 'Waiver expired',
    message: 'waiver {waiver} of the policy {policy} expired on {expires} (owner {owner}); it no longer waives {component}',
    description: 'A waiver past its expiry date stops waiving; the findings it covered count again.',
    help: 'Renew the waiver with a new expiry date and a reason, or replace the component.',
  },
  WAIVER_UNUSED: {
    title: 'Waiver matches nothing',
    message: 'waiver {waiver} of the policy {policy} (owner {owner}) matched no finding',
    description: 'The waiver matches no component with a finding: the component is gone, or the pattern is wrong.',
    help: 'Remove the waiver, or correct its purl or organisation.',
  },
};

/** A catalogue message with its `{args}` filled in. */
export function findingMessage(code: FindingCode, args: Record<string, string>): string {
  return FINDINGS[code].message.replace(/\{(\w+)\}/g, (m, k: string) => (Object.hasOwn(args, k) ? args[k]! : m));
}
