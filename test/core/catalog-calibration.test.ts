// The catalog against real files: the GGUF headers of shared/calibration/gguf, vendored in test/fixtures (written by
// llama-quantize) list every tensor's actual type; the catalog must choose the same types and sum
// to the same bytes, and build the same ModelSpec as reading the real header does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { catalogModel, catalogTensors } from '../../src/core/catalog';
import { loadGgufModel, readGgufHeaderSync } from '../../src/core/gguf';
import { VENDORED_CALIBRATION_DIR as CAL, realGgufFile } from '../helpers/calibrationData';

// Catalog id, quant, header file, and the tensor bytes of that file as measured_llamacpp.json records them.
const CASES = [
  { id: 'llama3.1-8b', quant: 'Q4_K_M', file: 'llama3.1-8b-Q4_K_M.gguf', tensorBytes: 4_912_898_304 },
  { id: 'llama3.1-8b', quant: 'Q8_0', file: 'llama3.1-8b-Q8_0.gguf', tensorBytes: 8_532_934_912 },
  { id: 'llama3.1-8b', quant: 'Q4_0', file: 'llama3.1-8b-Q4_0.gguf', tensorBytes: 4_653_375_744 },
  { id: 'llama3.2-1b', quant: 'Q4_K_M', file: 'llama3.2-1b-Q4_K_M.gguf', tensorBytes: 799_862_912 },
  { id: 'llama3.2-1b', quant: 'Q8_0', file: 'llama3.2-1b-Q8_0.gguf', tensorBytes: 1_313_251_456 },
];

let tmp: string | undefined;
/** The real header, extended (sparse) to the real file size, as any GGUF reader sees the model. */
function realFile(file: string): string {
  tmp ??= fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-cal-'));
  return realGgufFile(file, tmp);
}

test.after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test("the expected tensor bytes are the measured ones, and the real files' data sections", () => {
  const measured = JSON.parse(fs.readFileSync(path.join(CAL, 'measured_llamacpp.json'), 'utf8'));
  const records: Array<{ model?: string; quant?: string; tensor_bytes?: number }> = [
    ...measured.records,
    ...(measured.local_cpu_records ?? []),
  ];
  const sizes = JSON.parse(fs.readFileSync(path.join(CAL, 'gguf/sizes.json'), 'utf8'));
  for (const c of CASES) {
    const rec = records.find((r) => r.model === c.id && r.quant === c.quant && r.tensor_bytes);
    assert.equal(rec?.tensor_bytes, c.tensorBytes, c.file);
    // data section = file size − header (padded), straight from the real file
    assert.equal(sizes[c.file].file_bytes - sizes[c.file].header_bytes, c.tensorBytes, c.file);
  }
});

for (const c of CASES) {
  test(`${c.id} ${c.quant}: every tensor has the real file's name, shape and type`, () => {
    const real = readGgufHeaderSync(realFile(c.file)).tensors;
    const mine = catalogTensors(c.id, c.quant);
    assert.deepEqual(mine.map((t) => t.name).sort(), real.map((t) => t.name).sort());
    const byName = new Map(real.map((t) => [t.name, t]));
    for (const t of mine) {
      const r = byName.get(t.name)!;
      assert.deepEqual(t.dims, r.dims, t.name);
      assert.equal(t.type, r.type.name, `${t.name} type`);
    }
  });

  test(`${c.id} ${c.quant}: tensor bytes ${c.tensorBytes} and file bytes exactly`, () => {
    const sizes = JSON.parse(fs.readFileSync(path.join(CAL, 'gguf/sizes.json'), 'utf8'));
    const spec = catalogModel(c.id, c.quant);
    assert.equal(spec.tensorBytes, c.tensorBytes);
    assert.equal(spec.fileBytes, sizes[c.file].file_bytes);
  });

  test(`${c.id} ${c.quant}: same ModelSpec as reading the real header`, async () => {
    const fromFile = await loadGgufModel(realFile(c.file));
    const cat = catalogModel(c.id, c.quant);
    assert.equal(cat.nParams, fromFile.nParams);
    assert.deepEqual(cat.tokenEmbd, fromFile.tokenEmbd);
    assert.deepEqual(cat.output, fromFile.output);
    assert.deepEqual(cat.blocks, fromFile.blocks);
    assert.deepEqual(cat.other, fromFile.other);
    assert.equal(cat.tiedEmbeddings, fromFile.tiedEmbeddings);
    for (const k of [
      'arch',
      'nLayer',
      'nEmbd',
      'nFf',
      'nHead',
      'nHeadKv',
      'headDimK',
      'headDimV',
      'nVocab',
      'ctxTrain',
      'slidingWindow',
      'swaLayers',
      'expertCount',
    ] as const) {
      assert.deepEqual(cat[k], fromFile[k], k);
    }
  });
}

test('the header estimate is exact for both real headers (same vocabulary, different tensor lists)', () => {
  // 8B: 24 fixed + 7,818,253 metadata + 17,335 tensor infos = 7,835,612 → 7,835,616 aligned (sizes.json header_bytes).
  const sizes = JSON.parse(fs.readFileSync(path.join(CAL, 'gguf/sizes.json'), 'utf8'));
  const h8 = catalogModel('llama3.1-8b', 'Q8_0');
  const h1 = catalogModel('llama3.2-1b', 'Q8_0');
  assert.equal(h8.fileBytes - h8.tensorBytes, sizes['llama3.1-8b-Q8_0.gguf'].header_bytes);
  assert.equal(h1.fileBytes - h1.tensorBytes, sizes['llama3.2-1b-Q8_0.gguf'].header_bytes);
});
