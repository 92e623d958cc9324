import { defineConfig } from 'tsup';

/** Bundled so that only its English locale is inlined and nothing is resolved at run time. */
const noExternal = ['i18n-iso-countries'];

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
    noExternal,
  },
  {
    // The command line: ESM only (yargs 18 is ESM-only), a thin shell over the built library,
    // which it imports from ./index.js rather than bundling a second copy.
    entry: { cli: 'cli/bin.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    noExternal,
    esbuildPlugins: [
      {
        name: 'library-from-dist',
        setup(build) {
          build.onResolve({ filter: /^\.\.\/src\/index\.js$/ }, () => ({ path: './index.js', external: true }));
        },
      },
    ],
  },
]);
