import { defineConfig } from 'tsup';

/**
 * Bundled into dist rather than resolved at run time: i18n-iso-countries so that only its
 * English locale is inlined, and the small dependencies so that start-up does not resolve and
 * load a few hundred files (yargs alone is 150 ms unbundled). @npmcli/arborist stays external:
 * it is loaded only when an npm project is read.
 */
const noExternal = ['i18n-iso-countries', 'yargs', 'fast-glob', 'packageurl-js', 'spdx-expression-parse', 'saxes', 'tldts'];

/** Bundled CommonJS dependencies call require(); an ES module has none, so give it one. */
const esmRequire = "import { createRequire as __wfCreateRequire } from 'node:module'; const require = __wfCreateRequire(import.meta.url);";

export default defineConfig([
  {
    // The library as ESM: the public entry, and the internal one the CLI and scripts use (a
    // superset); code they share goes to chunks, so the CLI loads one copy.
    entry: { index: 'src/index.ts', internal: 'src/internal.ts' },
    format: ['esm'],
    dts: { entry: { index: 'src/index.ts' } },
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    noExternal,
    // __dirname in ESM, for finding dist/dataset.json.
    shims: true,
    banner: { js: esmRequire },
  },
  {
    // The library as CommonJS, with its type declarations: the public entry only.
    entry: { index: 'src/index.ts' },
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    noExternal,
    // import.meta.url in CommonJS, for finding dist/dataset.json.
    shims: true,
  },
  {
    // The command line: ESM only (yargs 18 is ESM-only), a thin shell over the built library,
    // which it imports from ./internal.js rather than bundling a second copy.
    entry: { cli: 'cli/bin.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    platform: 'node',
    banner: { js: `#!/usr/bin/env node\n${esmRequire}` },
    noExternal,
    esbuildPlugins: [
      {
        name: 'library-from-dist',
        setup(build) {
          build.onResolve({ filter: /^(\.\.\/)+src\/internal\.js$/ }, () => ({ path: './internal.js', external: true }));
        },
      },
    ],
  },
]);
