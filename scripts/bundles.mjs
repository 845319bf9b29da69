// The two bundles, defined once: `npm run build` writes them, `npm run bench` and the size test measure them.
import { fileURLToPath } from 'node:url';

/** Both bundles must stay under this (test/tooling/bundle-size.test.ts). */
export const MAX_BUNDLE_BYTES = 400 * 1000;

/** esbuild options per bundle; `production` is what `npm run package` ships (minified, no source map). */
export function bundles(production) {
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    legalComments: production ? 'none' : 'eof',
    alias: { yaml: fileURLToPath(new URL('./yaml-parser-only.mjs', import.meta.url)) },
  };
  return {
    cli: { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
    extension: { ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  };
}

/** Bytes of each production bundle, built in memory. */
export async function bundleBytes() {
  const { build } = await import('esbuild');
  const out = {};
  for (const [name, options] of Object.entries(bundles(true))) {
    const r = await build({ ...options, write: false });
    out[name] = r.outputFiles[0].contents.length;
  }
  return out;
}
