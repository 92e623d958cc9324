/**
 * Real results for renderer tests: corpus SBOMs read, attributed with the built-in dataset and
 * held against policies (as the CLI does).
 */
import path from 'node:path';
import { attribute } from '../../src/attribute/index.js';
import { loadDataset } from '../../src/dataset/load.js';
import { inventory } from '../../src/ingest/index.js';
import { evaluate } from '../../src/policy/evaluate.js';
import type { LoadedPolicy, Policy } from '../../src/policy/types.js';
import type { ScanResult } from '../../src/report/index.js';
import { scanReport } from '../../src/report/scan.js';
import { ROOT } from '../helpers.js';

export const AS_OF = '2026-11-28';

/** Reads files (relative to the repository root) and evaluates the policies on AS_OF. */
export async function resultFor(files: string[], policies: (Policy | LoadedPolicy)[] = [], baseline?: Set<string>): Promise<ScanResult> {
  const inv = await inventory(files, { cwd: ROOT });
  const attributions = attribute(inv, loadDataset(), { asOf: AS_OF });
  const loaded = policies.map((p, i) => ('policy' in p && typeof p.policy === 'object' ? (p as LoadedPolicy) : { name: (p as Policy).name ?? `policy-${i + 1}`, policy: p as Policy }));
  const evaluation = loaded.length > 0 ? evaluate(inv, attributions, loaded, baseline ? { asOf: AS_OF, baseline } : { asOf: AS_OF }) : undefined;
  return { report: scanReport(inv, attributions, evaluation, AS_OF), inventory: inv };
}

/** A corpus fixture's path. */
export const corpus = (p: string) => path.join('fixtures/corpus', p);

/** RFC 4180: quoted fields, "" escapes, CRLF records, line breaks inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') rows.push([...row, field]), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}
