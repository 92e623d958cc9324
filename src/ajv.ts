/**
 * ajv, loaded on first use: it takes ≈ 60 ms to load, and only `data validate` and policy
 * files need it, so no other command pays for it.
 */
import { createRequire } from 'node:module';
import type Ajv2020Module from 'ajv/dist/2020.js';

type Ajv2020 = typeof Ajv2020Module.default;
let ctor: Ajv2020 | undefined;

/** The ajv class for JSON Schema 2020-12. */
export function ajv2020(): Ajv2020 {
  if (!ctor) {
    const mod = createRequire(import.meta.url)('ajv/dist/2020.js') as { default?: Ajv2020 } & Ajv2020;
    // ajv is CommonJS with `exports.default`.
    ctor = mod.default ?? mod;
  }
  return ctor;
}
