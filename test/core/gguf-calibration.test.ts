// The real GGUF headers of the calibration models (Llama-3.1-8B, Llama-3.2-1B), extended to their real size,
// checked against the buffer sizes llama.cpp itself logged loading those files (measured_llamacpp.json).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadGgufModel } from '../../src/core/gguf';
import type { ModelSpec } from '../../src/core/types';
import { VENDORED_CALIBRATION_DIR, headerSizes, realGgufFile } from '../helpers/calibrationData';

const CAL = VENDORED_CALIBRATION_DIR;
const MiB = 1024 * 1024;

interface MemoryRecord {
  kind: string;
  file: string;
  ngl: number;
  n_layers: number;
  tensor_bytes: number;
  n_params: number;
  args: string;
  model_buffer_MiB: Record<string, number>;
  arch_dims: { tied_embd: boolean; n_vocab: number; n_layer: number };
}

let dir = '';
const specs = new Map<string, ModelSpec>();
const sizes = headerSizes();

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gguf-cal-'));
  for (const [name, s] of Object.entries(sizes)) {
    const p = realGgufFile(name, dir);
    assert.equal(fs.statSync(p).size, s.file_bytes);
    specs.set(name, await loadGgufModel(p));
  }
});
after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

const records = (): MemoryRecord[] => {
  const j = JSON.parse(fs.readFileSync(path.join(CAL, 'measured_llamacpp.json'), 'utf8'));
  return [...j.records, ...j.local_cpu_records] as MemoryRecord[];
};

const round2 = (bytes: number) => Math.round((bytes / MiB) * 100) / 100;

test('real headers: file size, tensor bytes, params and shape match what llama.cpp reported', () => {
  let checked = 0;
  for (const r of records()) {
    const s = specs.get(r.file ?? '');
    if (!s) continue;
    assert.equal(s.fileBytes, sizes[r.file].file_bytes);
    assert.equal(s.tensorBytes, r.tensor_bytes, r.file);
    assert.equal(s.nParams, r.n_params, r.file);
    assert.equal(s.tiedEmbeddings, r.arch_dims.tied_embd, r.file);
    assert.equal(s.nVocab, r.arch_dims.n_vocab);
    assert.equal(s.nLayer, r.arch_dims.n_layer);
    checked++;
  }
  assert.ok(checked > 10);
});

test('Llama-3.2-1B (tied): output layer = a copy of token_embd + output_norm', () => {
  for (const name of ['llama3.2-1b-Q4_K_M.gguf', 'llama3.2-1b-Q8_0.gguf']) {
    const s = specs.get(name)!;
    assert.equal(s.tiedEmbeddings, true);
    assert.equal(s.output.bytes, s.tokenEmbd.bytes + 2048 * 4);
    assert.equal(s.nParams, 1235814432);
  }
  // Q8_0 token_embd: 2048 × 128256 / 32 × 34 bytes.
  assert.equal(specs.get('llama3.2-1b-Q8_0.gguf')!.tokenEmbd.bytes, ((2048 * 128256) / 32) * 34);
});

test('llama.cpp model buffers: CPU_Mapped = token_embd + CPU blocks, CUDA0 = GPU blocks + output', () => {
  let checked = 0;
  for (const r of records()) {
    if (r.kind !== 'memory' || !r.model_buffer_MiB) continue;
    const s = specs.get(r.file)!;
    // -ngl N offloads the output layer and the last N-1 blocks.
    const firstGpu = Math.max(0, s.nLayer + 1 - r.ngl);
    const blockBytes = (i: number) => s.blocks[i].dense.bytes + s.blocks[i].experts.bytes;
    let gpu = 0;
    let cpu = s.tokenEmbd.bytes;
    for (let i = 0; i < s.nLayer; i++) {
      if (i >= firstGpu) gpu += blockBytes(i);
      else cpu += blockBytes(i);
    }
    if (r.ngl > 0) gpu += s.output.bytes + s.other.bytes;
    else cpu += s.output.bytes + s.other.bytes;
    assert.equal(round2(cpu), r.model_buffer_MiB.CPU_Mapped, `${r.file} ${r.args} CPU_Mapped`);
    if (r.ngl > 0) assert.equal(round2(gpu), r.model_buffer_MiB.CUDA0, `${r.file} ${r.args} CUDA0`);
    checked++;
  }
  assert.ok(checked >= 20);
  // The figures the brief quotes, explicitly.
  const s = specs.get('llama3.1-8b-Q4_K_M.gguf')!;
  assert.equal(round2(s.tokenEmbd.bytes), 281.81);
  const blocks = (from: number) => s.blocks.slice(from).reduce((a, b) => a + b.dense.bytes + b.experts.bytes, 0);
  assert.equal(round2(blocks(0) + s.output.bytes + s.other.bytes), 4403.49);
  assert.equal(round2(blocks(17) + s.output.bytes + s.other.bytes), 2290.21); // -ngl 16: 15 blocks + output
});
