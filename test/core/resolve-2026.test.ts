// 2026 references end to end: config text → resolution (catalog, no file on disk) → estimate, with
// memory worked out by hand from llama.cpp's rules (recurrent state per sequence, KV only on
// attention blocks, Ollama's vision blob, Gemma 3n per-layer embeddings on the host).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConfigFile } from '../../src/core/config';
import { estimate } from '../../src/core/estimate';
import { loadGgufModel } from '../../src/core/gguf';
import { resolveModel } from '../../src/core/resolve';
import type { GpuDevice, HardwareProfile } from '../../src/core/types';
import { GiB } from '../../src/core/units';
import { writeGguf } from '../helpers/ggufWriter';

let root = '';
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'resolve-2026-'));
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

function machine(freeGiB: number): HardwareProfile {
  const gpu: GpuDevice = {
    name: 'Test GPU',
    vramBytes: 80 * GiB,
    freeBytes: freeGiB * GiB,
    bandwidthGBs: 900,
    fp16Tflops: 100,
    backend: 'cuda',
    unifiedMemory: false,
    source: 'test',
    provenance: { vram: 'user', free: 'user', bandwidth: 'user', fp16: 'user' },
  };
  return {
    id: 'test',
    label: 'test',
    gpus: [gpu],
    ramBytes: 64 * GiB,
    ramFreeBytes: 64 * GiB,
    ramBandwidthGBs: 50,
    cpu: { model: 'test cpu', threads: 8, cores: 8, flags: ['avx2'] },
    provenance: { ram: 'user', ramBandwidth: 'user', cpu: 'user' },
    notes: [],
  };
}

// Qwen3.6-35B-A3B: Gated DeltaNet 16 key heads and 32 value heads of 128, conv kernel 4 → per block and
// sequence (3·(4096 + 2·16·128) + 128·4096) × 4 B; 30 of the 40 blocks are DeltaNet, 10 full attention
// with 2 KV heads of 256; the MTP block keeps nothing.
const STATE_PER_BLOCK = (3 * (4096 + 2 * 16 * 128) + 128 * 4096) * 4;
const KV_PER_TOKEN = 10 * 2 * 256 * 2 * 2;

test('llama-server -hf unsloth/Qwen3.6-35B-A3B-MTP-GGUF:UD-Q4_K_XL -c 32768 -np 4: listed size, KV on 10 blocks, state × 4', async () => {
  const cfg = parseConfigFile(
    path.join(root, 'run.sh'),
    'llama-server -hf unsloth/Qwen3.6-35B-A3B-MTP-GGUF:UD-Q4_K_XL -c 32768 -np 4 -ngl 99 -fa on\n',
  ).configs[0];
  const r = await resolveModel(cfg, { ollamaModelsDir: path.join(root, 'none'), env: {} });
  assert.ok(r.spec, r.diagnostic?.message);
  assert.equal(r.spec.arch, 'qwen35moe');
  assert.equal(r.spec.fileBytes, 22.85e9);
  assert.match(r.spec.provenance, /size from the publisher's listing/);
  const e = estimate(r.spec, { ...cfg.settings }, machine(80));
  assert.equal(e.settings.parallel, 4);
  assert.equal(e.memory.recurrentStateBytes, 30 * STATE_PER_BLOCK * 4);
  assert.equal(e.memory.breakdown.kvGpu, KV_PER_TOKEN * 32768 + 30 * STATE_PER_BLOCK * 4);
  assert.equal(e.memory.kvBytesPerToken, KV_PER_TOKEN);
});

test('FROM qwen3.6:35b resolves (Qwen3.6 35B-A3B, 262,144-token context) and sizes like the -hf file at -np 1', async () => {
  const mf = parseConfigFile(path.join(root, 'Modelfile'), 'FROM qwen3.6:35b\nPARAMETER num_ctx 8192\n').configs[0];
  const r = await resolveModel(mf, { ollamaModelsDir: path.join(root, 'none'), env: {} });
  assert.ok(r.spec, r.diagnostic?.message);
  assert.equal(r.spec.name, 'Qwen3.6 35B-A3B');
  assert.equal(r.spec.ctxTrain, 262144);
  assert.equal(r.spec.quant, 'Q4_K_M');
  const e = estimate(r.spec, { ctx: 8192, ngl: 99, flashAttn: 'on', parallel: 1 }, machine(80));
  assert.equal(e.memory.breakdown.kvGpu, KV_PER_TOKEN * 8192 + 30 * STATE_PER_BLOCK);
});

test('FROM gemma3:4b: Ollama’s blob carries the 423M BF16 projector; it sits with the weights on the GPU', async () => {
  const mf = parseConfigFile(path.join(root, 'Modelfile'), 'FROM gemma3:4b\n').configs[0];
  const r = await resolveModel(mf, { ollamaModelsDir: path.join(root, 'none'), env: {} });
  assert.ok(r.spec, r.diagnostic?.message);
  assert.equal(r.spec.mmprojBytes, 423e6 * 2);
  const hf = parseConfigFile(path.join(root, 'run.sh'), 'llama-server -hf bartowski/google_gemma-3-4b-it-GGUF:Q4_K_M\n').configs[0];
  const h = await resolveModel(hf, { ollamaModelsDir: path.join(root, 'none'), env: {} });
  assert.equal(h.spec?.mmprojBytes, undefined, 'on Hugging Face the projector is a separate mmproj file');
  assert.equal(r.spec.fileBytes - h.spec!.fileBytes, 423e6 * 2);
  const e = estimate(r.spec, { ctx: 4096, ngl: 99, flashAttn: 'on' }, machine(80));
  const eh = estimate(h.spec!, { ctx: 4096, ngl: 99, flashAttn: 'on' }, machine(80));
  assert.equal(e.memory.breakdown.weightsGpu - eh.memory.breakdown.weightsGpu, 423e6 * 2);
});

test('Gemma 3n: per_layer_token_embd stays in host memory with token_embd', async () => {
  const p = path.join(root, 'gemma3n.gguf');
  writeGguf(p, {
    metadata: {
      'general.architecture': 'gemma3n',
      'gemma3n.block_count': 2,
      'gemma3n.embedding_length': 2048,
      'gemma3n.attention.head_count': 8,
    },
    tensors: [
      { name: 'token_embd.weight', type: 'Q8_0', dims: [2048, 262144] },
      { name: 'per_layer_token_embd.weight', type: 'Q8_0', dims: [256 * 2, 262144] },
      { name: 'blk.0.attn_q.weight', type: 'Q8_0', dims: [2048, 2048] },
      { name: 'blk.1.attn_q.weight', type: 'Q8_0', dims: [2048, 2048] },
      { name: 'output_norm.weight', type: 'F32', dims: [2048] },
    ],
  });
  const m = await loadGgufModel(p);
  const embd = ((2048 * 262144) / 32) * 34;
  const perLayer = ((512 * 262144) / 32) * 34;
  assert.equal(m.tokenEmbd.bytes, embd + perLayer);
  const e = estimate(m, { ctx: 4096, ngl: 99, flashAttn: 'on' }, machine(80));
  // the host keeps both embeddings; the GPU gets the blocks and the output layer (a tied copy of token_embd)
  assert.equal(e.memory.breakdown.weightsHost, embd + perLayer);
});

test('llama-server --mmproj … --no-mmproj-offload -md draft.gguf -ngld 99 -cd 4096: projector on the host, draft weights and KV on the GPU', async () => {
  const dir = path.join(root, 'spec');
  fs.mkdirSync(dir, { recursive: true });
  const E = 1024;
  const small = (arch: string, layers: number, kvHeads: number, extra: Record<string, unknown> = {}) => ({
    metadata: {
      'general.architecture': arch,
      [`${arch}.block_count`]: layers,
      [`${arch}.embedding_length`]: E,
      [`${arch}.attention.head_count`]: 16,
      [`${arch}.attention.head_count_kv`]: kvHeads,
      [`${arch}.context_length`]: 32768,
      ...extra,
    },
    tensors: [
      { name: 'token_embd.weight', type: 'Q8_0', dims: [E, 32000] },
      ...Array.from({ length: layers }, (_, i) => ({ name: `blk.${i}.attn_q.weight`, type: 'Q8_0', dims: [E, E] })),
      { name: 'output_norm.weight', type: 'F32', dims: [E] },
      { name: 'output.weight', type: 'Q8_0', dims: [E, 32000] },
    ],
  });
  writeGguf(path.join(dir, 'main.gguf'), small('llama', 8, 4));
  writeGguf(path.join(dir, 'draft.gguf'), small('llama', 4, 2));
  writeGguf(path.join(dir, 'mmproj.gguf'), {
    metadata: { 'general.architecture': 'clip' },
    tensors: [{ name: 'v.patch_embd.weight', type: 'F16', dims: [1024, 4096] }],
  });
  const line =
    'llama-server -m main.gguf --mmproj mmproj.gguf --no-mmproj-offload -md draft.gguf -ngld 99 -cd 4096 -c 8192 -ngl 99 -fa on\n';
  const cfg = parseConfigFile(path.join(dir, 'run.sh'), line).configs[0];
  assert.equal(cfg.settings.noMmprojOffload, true);
  assert.equal(cfg.settings.draftModel, 'draft.gguf');
  const r = await resolveModel(cfg, { ollamaModelsDir: path.join(root, 'none'), env: {} });
  assert.ok(r.spec?.draft, r.tried.join('; '));
  const mmproj = 1024 * 4096 * 2;
  assert.equal(r.spec.mmprojBytes, mmproj);
  const e = estimate(r.spec, cfg.settings, machine(80));
  const Q8 = (n: number) => (n / 32) * 34;
  const block = Q8(E * E);
  const out = Q8(E * 32000) + E * 4;
  // main: 8 blocks + output on the GPU, embedding on the host; draft: 4 blocks + output on the GPU, its embedding on the host
  assert.equal(e.memory.breakdown.weightsGpu, 8 * block + out + 4 * block + out);
  assert.equal(e.memory.breakdown.weightsHost, Q8(E * 32000) + mmproj + Q8(E * 32000));
  // KV: main 8 × 4 heads × 64 × 2 × f16 × 8192; draft 4 × 2 heads × 64 × 2 × f16 × 4096 (-cd)
  const mainKv = 8 * 4 * 64 * 2 * 2 * 8192;
  const draftKv = 4 * 2 * 64 * 2 * 2 * 4096;
  assert.equal(e.memory.breakdown.kvGpu, mainKv + draftKv);
  assert.deepEqual(e.memory.draftBytes, { weightsGpu: 4 * block + out, weightsHost: Q8(E * 32000), kvGpu: draftKv, kvHost: 0 });
});
