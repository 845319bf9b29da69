// The production bundles stay small (the extension loads on every matching file, the CLI on every run), and the
// bundled CLI works: a bundling change once broke it while every source-level test still passed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '../..');
const load = () => import('../../scripts/bundles.mjs');

test('both production bundles are under the limit', async () => {
  const { bundleBytes, MAX_BUNDLE_BYTES } = await load();
  const b = await bundleBytes();
  assert.ok(b.extension < MAX_BUNDLE_BYTES, `dist/extension.js would be ${b.extension} B`);
  assert.ok(b.cli < MAX_BUNDLE_BYTES, `dist/cli.js would be ${b.cli} B`);
});

test('the production CLI bundle estimates the example Modelfile', async () => {
  const { bundles } = await load();
  const { build } = await import('esbuild');
  const dir = mkdtempSync(path.join(tmpdir(), 'model-fit-bundle-'));
  try {
    const outfile = path.join(dir, 'cli.js');
    await build({ ...bundles(true).cli, outfile });
    const r = spawnSync(process.execPath, [outfile, 'estimate', 'examples/Modelfile', '--hardware', 'rtx3060-ddr4', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const [first] = JSON.parse(r.stdout) as Array<{ modelRef: string; runtime: string }>;
    assert.deepEqual([first.modelRef, first.runtime], ['llama3.1:8b', 'ollama']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
