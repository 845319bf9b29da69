// Bundles the extension host entry and the CLI with esbuild.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const production = process.argv.includes('--production');
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

const jobs = [build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } })];
if (existsSync('src/vscode/extension.ts')) {
  jobs.push(build({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }));
}
await Promise.all(jobs);
