// Bundles the extension host entry and the CLI with esbuild (scripts/bundles.mjs defines both).
import { build } from 'esbuild';
import { bundles } from './bundles.mjs';

const { cli, extension } = bundles(process.argv.includes('--production'));
await Promise.all([build(cli), build(extension)]);
