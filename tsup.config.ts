import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM and CommonJS, with type declarations for both.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
    // Bundled so its JSON locale is inlined, not resolved at run time.
    noExternal: ['i18n-iso-countries'],
  },
  {
    // The command line: ESM only (yargs 18 is ESM-only), a thin shell over the library.
    entry: { cli: 'cli/bin.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
