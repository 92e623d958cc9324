/**
 * The policy parser (`parsePolicy`): generated valid policies, written as JSON with comments,
 * read back to the same policy; and hostile policy files (truncated, wrong types, markup and
 * comments spliced in, deep nesting, `__proto__` keys) end in a policy or a PolicyError that names
 * file:line:column — never another exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/dataset/load.js';
import { PolicyError } from '../../src/errors.js';
import { parsePolicy } from '../../src/policy/parse.js';
import type { Policy } from '../../src/policy/types.js';
import { jsonPaths, replaceAt, wrongValue } from './gen.js';
import { fuzz } from './seed.js';

const dataset = loadDataset();
const orgIds = [...dataset.organisations.keys()].sort().slice(0, 50);
const listIds = dataset.lists.map((l) => l.id).sort();

const effect = fc.constantFrom('deny', 'warn', 'allow');
const rules = <K extends string>(keys: fc.Arbitrary<K>) => fc.dictionary(keys, effect, { maxKeys: 4 });
const date = fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const text = fc.string({ minLength: 1, maxLength: 12 });

const policy: fc.Arbitrary<Policy> = fc.record(
  {
    name: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,10}$/),
    description: fc.string({ maxLength: 20 }),
    default: effect,
    organisations: rules(fc.constantFrom(...orgIds)),
    lists: rules(fc.constantFrom('*', ...listIds)),
    countries: rules(fc.stringMatching(/^[A-Z]{2}$/)),
    ownership: rules(fc.constantFrom('public', 'private', 'state', 'nonprofit', 'foundation', 'government')),
    community: effect,
    unknown: effect,
    declaredMismatch: effect,
    minConfidence: fc.constantFrom('low', 'medium', 'high'),
    scope: fc.record({ dev: fc.boolean(), optional: fc.boolean(), kinds: fc.uniqueArray(fc.constantFrom('software', 'hardware'), { minLength: 1 }) }, { requiredKeys: [] }),
    waivers: fc.array(
      fc.oneof(
        fc.record({ purl: fc.constantFrom('pkg:npm/lodash', 'pkg:npm/lodash@^4.17.0', 'pkg:maven/com.alibaba/fastjson@>=1.2.83 <2'), reason: text, owner: text, expires: date }),
        fc.record({ org: fc.constantFrom(...orgIds), reason: text, owner: text, expires: date, ticket: fc.string({ maxLength: 6 }) }),
      ),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Policy>;

/** JSON with comments between the members, as people write policy files. */
function withComments(p: Policy): string {
  return JSON.stringify(p, null, 2)
    .split('\n')
    .map((line, i) => (i % 3 === 1 ? `${line} // note ${i}` : i % 5 === 2 ? `/* block\n ${i} */ ${line}` : line))
    .join('\n');
}

/** Parses, and returns the policy or the PolicyError's message; any other exception fails the property. */
function attempt(src: string, file = 'policy.json'): { policy?: Policy; error?: string } {
  try {
    return { policy: parsePolicy(src, file, dataset).policy };
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    return { error: e.message };
  }
}

/** A PolicyError names the file with a line and column (with the JSON pointer for schema problems). */
const LOCATED = /policy\.json:\d+:\d+/;

describe('policy files', () => {
  it('a generated policy, written as JSON with comments (and a BOM, CRLF), reads back the same', async () => {
    fc.assert(
      fc.property(policy, fc.boolean(), fc.boolean(), (p, bom, crlf) => {
        let src = withComments(p);
        if (crlf) src = src.replace(/\n/g, '\r\n');
        if (bom) src = `\uFEFF${src}`;
        const read = attempt(src);
        expect(read.error).toBeUndefined();
        expect(read.policy).toEqual(p);
      }),
      fuzz('policyRoundTrip'),
    );
  });

  it('truncated, a wrong type anywhere, or markup spliced in: a policy or a located PolicyError', async () => {
    const splices = ['{', '}', '[', ']', '"', ',', ':', '//', '/*', '*/', '\\', '\u0000', '\uFEFF', '"__proto__": {"polluted": 1},', '"constructor": 1,', '1e400', '9007199254740993'];
    fc.assert(
      fc.property(
        policy,
        fc.nat(2),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        wrongValue,
        fc.constantFrom(...splices),
        (p, how, pick, at, value, snippet) => {
          let src = withComments(p);
          if (how === 0) src = src.slice(0, Math.floor(src.length * at));
          else if (how === 1) {
            const paths = jsonPaths(p);
            src = JSON.stringify(replaceAt(p, paths[pick % paths.length]!, value), null, 2);
          } else {
            const i = Math.floor(src.length * at);
            src = src.slice(0, i) + snippet + src.slice(i);
          }
          const read = attempt(src);
          if (read.error !== undefined) expect(read.error).toMatch(LOCATED);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      fuzz('policyHostile'),
    );
  });

  it('deep nesting and huge values are refused with a location, quickly', () => {
    const cases: [string, boolean][] = [
      [`{"countries": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`, false],
      [`{"description": ${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`, false],
      [`{"countries": {"${'A'.repeat(1_000_000)}": "deny"}}`, false],
      // A long name is still a name: a policy is the user's own file, not hostile input.
      [`{"name": "${'x'.repeat(5_000_000)}"}`, true],
    ];
    for (const [src, valid] of cases) {
      const t0 = performance.now();
      const read = attempt(src);
      if (valid) expect(read.error).toBeUndefined();
      else expect(read.error).toMatch(LOCATED);
      expect(performance.now() - t0).toBeLessThan(5_000);
    }
  });
});
