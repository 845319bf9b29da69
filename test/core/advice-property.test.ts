// Every fixture in every format × every hardware preset: each offered fit fix, applied to the text and the file
// re-read in its own format, strictly improves the estimate — and never asks for a larger file.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeDocument } from '../../src/core/analyze';
import { detectFormat, parseConfigFile } from '../../src/core/config';
import { applyTextEdits } from '../../src/core/fixes';
import { hardwarePreset, hardwarePresets } from '../../src/core/hardware';
import type { Estimate } from '../../src/core/types';

const root = path.join(__dirname, '..', '..');
const dirs = [
  'test/fixtures/advice',
  'examples',
  'test/fixtures/workspace',
  'test/fixtures/workspace/too-big',
  'test/fixtures/workspace/long-context',
];
const files = dirs.flatMap((d) =>
  fs
    .readdirSync(path.join(root, d))
    .map((n) => path.join(root, d, n))
    .filter((p) => fs.statSync(p).isFile()),
);

/** Placement rank, stated on its own terms: all layers on the GPU > some > none. */
function rank(e: Estimate): number {
  if (e.fullyOnGpu) return 2;
  return e.offload.gpuLayers > 0 ? 1 : 0;
}

function strictlyBetter(before: Estimate, after: Estimate): string | undefined {
  if (!after.fits) return 'does not load after the fix';
  if (!before.fits) return undefined;
  if (rank(after) < rank(before)) return 'moves layers off the GPU';
  if (rank(after) > rank(before)) return undefined;
  const memBefore = before.memory.gpuBytes + before.memory.hostBytes;
  const memAfter = after.memory.gpuBytes + after.memory.hostBytes;
  const better =
    memAfter < memBefore ||
    after.offload.gpuLayers > before.offload.gpuLayers ||
    after.offload.cpuMoeBlocks < before.offload.cpuMoeBlocks ||
    after.speed.decodeTps > before.speed.decodeTps;
  return better ? undefined : 'neither loads where it did not, nor puts more on the GPU, nor needs less memory';
}

describe('every offered fix, applied and re-read, strictly improves the estimate', () => {
  it('the fixtures cover every format', () => {
    const formats = new Set(files.map((f) => detectFormat(f, fs.readFileSync(f, 'utf8'))));
    for (const f of ['modelfile', 'llama-swap', 'preset-ini', 'command-line', 'llama-cpp-python']) assert.ok(formats.has(f as never), f);
  });

  let offered = 0;
  for (const { id } of hardwarePresets()) {
    it(`on ${id}`, async () => {
      const hardware = hardwarePreset(id);
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8');
        const format = detectFormat(file, text);
        if (!format) continue;
        const rel = path.relative(root, file);
        const a = await analyzeDocument(file, text, { hardware, env: {}, ollamaModelsDir: '/nonexistent' });
        const baseErrors = parseConfigFile(file, text).diagnostics.filter((d) => d.severity === 'error').length;
        for (const d of a.diagnostics.filter((x) => x.code.startsWith('fit.'))) {
          const index = a.configs.findIndex((c) => c.diagnostics.includes(d));
          const before = a.configs[index].estimate!;
          for (const fix of d.fixes) {
            offered++;
            const where = `${rel} [${a.configs[index].config.label}] ${fix.title}`;
            const fixed = applyTextEdits(text, fix.edits);
            assert.equal(detectFormat(file, fixed), format, `${where}: still reads as ${format}`);
            const reread = parseConfigFile(file, fixed);
            assert.equal(reread.configs.length, a.configs.length, `${where}: same configurations`);
            assert.ok(reread.diagnostics.filter((x) => x.severity === 'error').length <= baseErrors, `${where}: no new reader errors`);
            const after = (await analyzeDocument(file, fixed, { hardware, env: {}, ollamaModelsDir: '/nonexistent' })).configs[index]
              .estimate;
            assert.ok(after, `${where}: still resolves`);
            const why = strictlyBetter(before, after);
            assert.equal(why, undefined, `${where}: ${why}`);
            assert.match(fix.title, /→ fits/, where);
            if (fix.kind === 'fix.quant') assert.ok(after.model.fileBytes < before.model.fileBytes, `${where}: a larger file`);
            if (fix.kind === 'fix.smaller-model') assert.ok(after.model.nParams < before.model.nParams, `${where}: not smaller`);
          }
        }
      }
    });
  }
  it('fixes were offered at all', () => {
    assert.ok(offered > 50, `only ${offered} fixes offered`);
  });
});
