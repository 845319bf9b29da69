// Other quantizations of a local GGUF that sit next to it: discovery by file name, and the quick fix
// and panel rows they produce (sparse GGUFs written to the spec with the catalog's tensor lists).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyzeDocument } from '../../src/core/analyze';
import { buildComparison } from '../../src/core/compare';
import { hardwarePreset } from '../../src/core/hardware';
import { localQuantSiblings } from '../../src/core/resolve/localQuants';
import { writeCatalogGguf } from '../helpers/catalogGguf';

let dir: string;
const sizes: Record<string, number> = {};
before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'model-fit-siblings-'));
  mkdirSync(path.join(dir, 'models'));
  for (const q of ['Q4_K_M', 'Q6_K', 'Q8_0'] as const)
    sizes[q] = writeCatalogGguf(path.join(dir, 'models', `Llama-3.1-8B-Instruct-${q}.gguf`), 'llama3.1-8b', q);
  // Not siblings: another model, an mmproj, a later shard, a file that is not a GGUF.
  writeCatalogGguf(path.join(dir, 'models', 'Llama-3.2-1B-Instruct-Q8_0.gguf'), 'llama3.2-1b', 'Q8_0');
  writeFileSync(path.join(dir, 'models', 'mmproj-Llama-3.1-8B-Instruct-F16.gguf'), 'GGUF');
  writeFileSync(path.join(dir, 'models', 'Llama-3.1-8B-Instruct-Q2_K-00002-of-00002.gguf'), 'x');
  writeFileSync(path.join(dir, 'models', 'Llama-3.1-8B-Instruct-Q3_K_M.gguf'), 'not a gguf');
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('local quantization siblings', () => {
  it("finds the same model at other quants, keeping the reference's own path spelling", () => {
    const own = path.join(dir, 'models', 'Llama-3.1-8B-Instruct-Q4_K_M.gguf');
    const found = localQuantSiblings('./models/Llama-3.1-8B-Instruct-Q4_K_M.gguf', own).sort((a, b) => a.label.localeCompare(b.label));
    assert.deepEqual(
      found.map((f) => [f.label, f.ref]),
      [
        ['Q3_K_M', './models/Llama-3.1-8B-Instruct-Q3_K_M.gguf'],
        ['Q6_K', './models/Llama-3.1-8B-Instruct-Q6_K.gguf'],
        ['Q8_0', './models/Llama-3.1-8B-Instruct-Q8_0.gguf'],
      ],
    );
  });

  it('split models pair by their first shard; Unsloth-style labels are labels too', () => {
    const sub = path.join(dir, 'qwen');
    mkdirSync(sub);
    for (const n of [
      'Qwen3-30B-A3B-UD-Q4_K_XL.gguf',
      'Qwen3-30B-A3B-Q8_0-00001-of-00002.gguf',
      'Qwen3-30B-A3B-Q8_0-00002-of-00002.gguf',
      'Qwen3-30B-A3B-Instruct-Q8_0.gguf',
    ]) {
      writeFileSync(path.join(sub, n), 'x');
    }
    const found = localQuantSiblings('/m/Qwen3-30B-A3B-UD-Q4_K_XL.gguf', path.join(sub, 'Qwen3-30B-A3B-UD-Q4_K_XL.gguf'));
    assert.deepEqual(
      found.map((f) => f.ref),
      ['/m/Qwen3-30B-A3B-Q8_0-00001-of-00002.gguf'],
    );
  });

  it('a directory reference cannot be rewritten to name one file', () => {
    assert.deepEqual(localQuantSiblings('./models', path.join(dir, 'models', 'Llama-3.1-8B-Instruct-Q4_K_M.gguf')), []);
  });

  it('Q8_0 on a 12 GB GPU with a 64k context spills; the quick fix switches to the largest file that fits', async () => {
    const text = 'FROM ./models/Llama-3.1-8B-Instruct-Q8_0.gguf\nPARAMETER num_ctx 32768\n';
    const hardware = hardwarePreset('rtx3060-ddr4');
    const a = await analyzeDocument(path.join(dir, 'Modelfile'), text, { hardware });
    const d = a.diagnostics.find((x) => x.code === 'fit.partial');
    assert.ok(d, a.diagnostics.map((x) => x.code).join());
    const fix = d.fixes.find((f) => f.kind === 'fix.quant');
    assert.ok(fix, 'a smaller file on disk is offered');
    // The Q3_K_M file is not a readable GGUF, so it is not offered; Q6_K is the largest that fits.
    const q6 = await analyzeDocument(path.join(dir, 'Modelfile'), text.replace('Q8_0', 'Q6_K'), { hardware });
    const q4 = await analyzeDocument(path.join(dir, 'Modelfile'), text.replace('Q8_0', 'Q4_K_M'), { hardware });
    const want = q6.configs[0].estimate!.fullyOnGpu ? 'Q6_K' : 'Q4_K_M';
    assert.equal(q4.configs[0].estimate!.fullyOnGpu, true);
    assert.equal(fix.edits[0].newText, `./models/Llama-3.1-8B-Instruct-${want}.gguf`);
    assert.deepEqual(fix.edits[0].range, { startLine: 0, startCol: 5, endLine: 0, endCol: 45 });
    assert.match(fix.title, new RegExp(`^Switch to ${want} \\(`));
  });

  it('the panel compares every quantization on disk, by file size', async () => {
    const hardware = hardwarePreset('rtx3060-ddr4');
    const a = await analyzeDocument(path.join(dir, 'Modelfile'), 'FROM ./models/Llama-3.1-8B-Instruct-Q4_K_M.gguf\n', { hardware });
    const c = await buildComparison(a.configs[0], [], { hardware });
    assert.deepEqual(c.quants, ['Q4_K_M', 'Q6_K', 'Q8_0']);
    const cell = c.grid.find((g) => g.quant === 'Q8_0' && g.ctx === 4096)!;
    assert.equal(cell.estimate.model.fileBytes, sizes.Q8_0);
  });
});
