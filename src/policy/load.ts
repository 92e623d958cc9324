/**
 * Finding and reading policy files: the ones a user names, and the one a project keeps beside
 * its code, found without flags as ESLint and Prettier users expect (`wherefrom.policy.json`,
 * `.wherefrom/policy.json`, or a `"wherefrom"` key in `package.json`), searched upward from the
 * working directory to the repository root with lilconfig.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lilconfigSync } from 'lilconfig';
import type { Dataset } from '../dataset/index.js';
import { PolicyError } from '../errors.js';
import { parseJson } from '../ingest/json.js';
import { parsePolicy, policyFromFlags, type PolicyFlags } from './parse.js';
import type { LoadedPolicy } from './types.js';

/** Where a project's policy is looked for in each directory, in this order. */
export const POLICY_SEARCH_PLACES = ['wherefrom.policy.json', '.wherefrom/policy.json', 'package.json'] as const;

/** A policy file found in the project. */
export interface FoundPolicy {
  /** Its absolute path. */
  path: string;
  /** Its text. */
  text: string;
  /** JSON pointer of the policy inside the file: `''`, or `/wherefrom` in a package.json. */
  pointer: string;
}

/**
 * The directory where the upward search stops: the nearest one at or above `cwd` holding `.git`
 * (a folder, or a file in a worktree or submodule). Outside a repository the search looks in
 * `cwd` alone, so a stray policy in a parent folder (a home directory, /tmp) is never picked up.
 */
export function searchRoot(cwd: string): string {
  let dir = path.resolve(cwd);
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(cwd);
    dir = parent;
  }
}

/**
 * Looks for the project's policy from `cwd` up to the repository root (see `searchRoot`).
 * @returns the first policy file found, nearest directory first; undefined when there is none
 * @throws PolicyError when a package.json on the way is not valid JSON
 */
export function findPolicy(cwd: string): FoundPolicy | undefined {
  const raw = (_file: string, content: string) => ({ text: content });
  const found = lilconfigSync('wherefrom', {
    searchPlaces: [...POLICY_SEARCH_PLACES],
    stopDir: searchRoot(cwd),
    cache: false,
    loaders: {
      '.json': (file, content) => {
        if (path.basename(file) !== 'package.json') return raw(file, content);
        try {
          return parseJson(content, file);
        } catch (e) {
          throw new PolicyError(`looking for a policy: ${(e as Error).message}`);
        }
      },
    },
  }).search(cwd);
  if (!found) return undefined;
  if (path.basename(found.filepath) === 'package.json') {
    return { path: found.filepath, text: readFileSync(found.filepath, 'utf8'), pointer: '/wherefrom' };
  }
  return { path: found.filepath, text: (found.config as { text: string } | undefined)?.text ?? '', pointer: '' };
}

/** What {@link loadPolicies} reads. */
export interface PolicySources {
  /** Directory relative paths are resolved against, and where discovery starts (default `process.cwd()`). */
  cwd?: string;
  /** Policy files (`--policy`); when there are any, no policy is discovered. */
  files?: readonly string[];
  /** Command-line shortcuts, held as one more policy named `command-line`. */
  flags?: PolicyFlags;
  /** Files of waivers applied to every policy (`--waivers`). */
  waivers?: readonly string[];
  /**
   * Look for the project's policy (see {@link findPolicy}) when no file is named (flags are held
   * beside it). Default false in the library; the CLI turns it on unless `--no-config`.
   */
  discover?: boolean;
}

function readPolicyText(file: string, cwd: string): string {
  try {
    return readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new PolicyError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/**
 * The policies of a run: each named file (or, with none and `discover`, the project's policy
 * file), then the flags as one more policy. Waiver files are added to every policy.
 * @throws PolicyError for an unreadable or invalid file (file:line:column and JSON pointer), or flags the dataset does not know
 * @throws UsageError-like PolicyError when waivers are given without a policy, or two policies share a name
 */
export function loadPolicies(sources: PolicySources, dataset?: Dataset): LoadedPolicy[] {
  const cwd = sources.cwd ?? process.cwd();
  const policies: LoadedPolicy[] = [];
  for (const f of sources.files ?? []) policies.push(parsePolicy(readPolicyText(f, cwd), f, dataset));
  if (policies.length === 0 && sources.discover) {
    const found = findPolicy(cwd);
    if (found) {
      const shown = path.relative(cwd, found.path).split(path.sep).join('/') || path.basename(found.path);
      const loaded = parsePolicy(found.text, shown, dataset, { pointer: found.pointer });
      loaded.discovered = true;
      policies.push(loaded);
    }
  }
  const flags = sources.flags ? policyFromFlags(sources.flags, dataset) : undefined;
  if (flags) policies.push(flags);
  const waivers = (sources.waivers ?? []).flatMap((f) => parsePolicy(readPolicyText(f, cwd), f, dataset).policy.waivers ?? []);
  if (waivers.length > 0) {
    if (policies.length === 0) throw new PolicyError('--waivers needs a policy to waive findings of (--policy FILE, a project policy file, or --deny-country ...)');
    for (const p of policies) p.policy = { ...p.policy, waivers: [...(p.policy.waivers ?? []), ...waivers] };
  }
  const names = new Set<string>();
  for (const p of policies) {
    if (names.has(p.name)) throw new PolicyError(`two policies are named ${JSON.stringify(p.name)}: give one a different "name"`);
    names.add(p.name);
  }
  return policies;
}
