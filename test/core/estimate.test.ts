// Memory and split numbers for real GGUF files (written to the spec, sparse), checked against
// arithmetic done here by hand from llama.cpp's rules.
import { testGpu, testMachine } from '../helpers/testHardware';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { estimate } from '../../src/core/estimate';
import { DEFAULT_CALIBRATION } from '../../src/core/estimate/calibration';
import { loadGgufModel } from '../../src/core/gguf';
import type { GpuDevice, ModelSpec } from '../../src/core/types';
import { GiB, MiB } from '../../src/core/units';
import { stringArray, writeGguf, type TensorSpec } from '../helpers/ggufWriter';

const Q8 = (elements: number) => (elements / 32) * 34;
const F16 = (elements: number) => elements * 2;
const F32 = (elements: number) => elements * 4;

const gpu = (freeGiB: number): GpuDevice => testGpu({ freeBytes: freeGiB * GiB });

const machine = testMachine;

const CUDA_OVERHEAD = DEFAULT_CALIBRATION.gpuOverheadMiB.cuda * MiB;
let dir: string;
before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'model-fit-estimate-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function model(name: string, metadata: Record<string, unknown>, tensors: TensorSpec[]): Promise<ModelSpec> {
  const file = path.join(dir, `${name}.gguf`);
  writeGguf(file, { metadata: metadata as never, tensors });
  return loadGgufModel(file);
}

// The dense GQA model of the next two suites: Llama-3.1-8B shapes at Q8_0, and its sizes by hand from llama.cpp's rules.
function denseSizes() {
  const E = 4096,
    FF = 14336,
    V = 128256,
    L = 32;
  return {
    E,
    FF,
    V,
    L,
    blockBytes: 2 * F32(E) + Q8(E * E) * 2 + Q8(E * 1024) * 2 + Q8(E * FF) * 3, // 231,768,064
    embdBytes: Q8(E * V),
    outputBytes: Q8(E * V) + F32(E),
    kvPerLayer: (ctx: number) => 2 * 8 * 128 * 2 * ctx, // K+V, 8 KV heads × 128, f16
    logits: 512 * (V + E) * 4, // ubatch × (vocab + embd) f32
  };
}
const DENSE = denseSizes();

let denseFile: Promise<ModelSpec> | undefined;
/** The dense model as a GGUF file, written once for both suites. */
function denseModel(): Promise<ModelSpec> {
  const { E, FF, V, L } = DENSE;
  const block = (i: number): TensorSpec[] => [
    { name: `blk.${i}.attn_norm.weight`, type: 'F32', dims: [E] },
    { name: `blk.${i}.attn_q.weight`, type: 'Q8_0', dims: [E, E] },
    { name: `blk.${i}.attn_k.weight`, type: 'Q8_0', dims: [E, 1024] },
    { name: `blk.${i}.attn_v.weight`, type: 'Q8_0', dims: [E, 1024] },
    { name: `blk.${i}.attn_output.weight`, type: 'Q8_0', dims: [E, E] },
    { name: `blk.${i}.ffn_norm.weight`, type: 'F32', dims: [E] },
    { name: `blk.${i}.ffn_gate.weight`, type: 'Q8_0', dims: [E, FF] },
    { name: `blk.${i}.ffn_up.weight`, type: 'Q8_0', dims: [E, FF] },
    { name: `blk.${i}.ffn_down.weight`, type: 'Q8_0', dims: [FF, E] },
  ];
  denseFile ??= model(
    'dense',
    {
      'general.architecture': 'llama',
      'general.name': 'Dense Test 8B',
      'general.file_type': 7,
      'llama.block_count': L,
      'llama.embedding_length': E,
      'llama.feed_forward_length': FF,
      'llama.attention.head_count': 32,
      'llama.attention.head_count_kv': 8,
      'llama.context_length': 131072,
      'tokenizer.ggml.tokens': stringArray(V),
    },
    [
      { name: 'token_embd.weight', type: 'Q8_0', dims: [E, V] },
      ...Array.from({ length: L }, (_, i) => block(i)).flat(),
      { name: 'output_norm.weight', type: 'F32', dims: [E] },
      { name: 'output.weight', type: 'Q8_0', dims: [E, V] },
    ],
  );
  return denseFile;
}

describe('dense GQA model (Llama-3.1-8B shapes, Q8_0): memory and placement', () => {
  const { E, FF, blockBytes, embdBytes, outputBytes, kvPerLayer, logits } = DENSE;
  let m: ModelSpec;
  before(async () => {
    m = await denseModel();
  });

  it('sizes every block from its tensors', () => {
    assert.equal(blockBytes, 231_768_064);
    assert.equal(m.blocks[7].dense.bytes, blockBytes);
    assert.equal(m.tokenEmbd.bytes, embdBytes);
  });

  it('-ngl 16 puts 15 blocks and the output layer on the GPU, the embedding on the host', () => {
    const e = estimate(m, { ctx: 8192, ngl: 16, flashAttn: 'on' }, machine([gpu(20)]));
    assert.equal(e.offload.gpuLayers, 16);
    assert.equal(e.offload.totalLayers, 33);
    assert.equal(e.memory.breakdown.weightsGpu, 15 * blockBytes + outputBytes);
    assert.equal(e.memory.breakdown.weightsHost, embdBytes + 17 * blockBytes);
    assert.equal(e.memory.breakdown.kvGpu, 15 * kvPerLayer(8192));
    assert.equal(e.memory.breakdown.kvHost, 17 * kvPerLayer(8192));
    assert.equal(e.memory.breakdown.computeGpu, logits);
    assert.equal(e.memory.gpuBytes, 15 * blockBytes + outputBytes + 15 * kvPerLayer(8192) + logits + CUDA_OVERHEAD);
    assert.equal(e.fitLevel, 'partial');
  });

  it('q8_0 KV cache is 34/64 of f16', () => {
    const f16 = estimate(m, { ctx: 32768, ngl: 99, flashAttn: 'on' }, machine([gpu(20)]));
    const q8 = estimate(m, { ctx: 32768, ngl: 99, flashAttn: 'on', cacheTypeK: 'q8_0', cacheTypeV: 'q8_0' }, machine([gpu(20)]));
    assert.equal(f16.memory.breakdown.kvGpu, 32 * kvPerLayer(32768));
    assert.equal(q8.memory.breakdown.kvGpu, (32 * kvPerLayer(32768) * 34) / 64);
  });

  it('without flash attention the KQ scores grow with context × ubatch × heads', () => {
    const e = estimate(m, { ctx: 32768, ngl: 99, flashAttn: 'off' }, machine([gpu(20)]));
    const scores = 512 * 32768 * (32 + 1) * 4 + 512 * (FF + E) * 4;
    assert.equal(e.memory.breakdown.computeGpu, scores);
  });

  it('auto offload: as many blocks as fit 6 GiB minus the 512 MiB margin', () => {
    // Fixed GPU cost: output layer + logits buffer + CUDA context; each block adds its weights and KV.
    const budget = 6 * GiB - 512 * MiB;
    const fixed = outputBytes + logits + CUDA_OVERHEAD;
    const perBlock = blockBytes + kvPerLayer(8192);
    const blocks = Math.floor((budget - fixed) / perBlock); // 16
    const e = estimate(m, { ctx: 8192, flashAttn: 'on' }, machine([gpu(6)]), { runtime: 'ollama' });
    assert.equal(blocks, 16);
    assert.equal(e.offload.gpuLayers, blocks + 1);
    assert.ok(e.memory.gpuBytes <= budget);
    assert.equal(e.fits, true);
    assert.equal(e.fullyOnGpu, false);
  });

  it('llama.cpp with its default context shrinks the context before dropping layers', () => {
    // 128k context: KV alone is 16 GiB. With 12 GiB free llama.cpp's fit keeps all layers and lowers ctx.
    const e = estimate(m, { flashAttn: 'on' }, machine([gpu(12)]), { runtime: 'llama.cpp' });
    assert.equal(e.offload.gpuLayers, 33);
    const budget = 12 * GiB - 1024 * MiB; // llama.cpp's --fit keeps 1 GiB per device free
    const fixed = 32 * blockBytes + outputBytes + logits + CUDA_OVERHEAD;
    const ctxMax = Math.floor((budget - fixed) / (32 * kvPerLayer(1)) / 256) * 256;
    assert.equal(e.settings.ctx, ctxMax);
    assert.ok(e.warnings.some((w) => w.includes('lowers the context')));
  });

  it('does not fit when the host part exceeds RAM', () => {
    const e = estimate(m, { ctx: 4096 }, machine([], 6));
    assert.equal(e.fits, false);
    assert.equal(e.fitLevel, 'none');
    assert.ok(e.hostShortfallBytes > 0);
  });
});

describe('dense GQA model (Llama-3.1-8B shapes, Q8_0): speed', () => {
  const { blockBytes, embdBytes, outputBytes, kvPerLayer } = DENSE;
  let m: ModelSpec;
  before(async () => {
    m = await denseModel();
  });

  it('a CPU-only machine holds everything in RAM and is bandwidth bound', () => {
    const hw = machine([], 64, 50);
    const e = estimate(m, { ctx: 4096 }, hw, { genTokens: 128, promptTokens: 0 });
    assert.equal(e.memory.gpuBytes, 0);
    assert.equal(e.offload.gpuLayers, 0);
    assert.equal(e.memory.breakdown.weightsHost, embdBytes + 32 * blockBytes + outputBytes);
    assert.equal(e.memory.breakdown.kvHost, 32 * kvPerLayer(4096));
    // Per token: every block and the output layer once (the embedding is a row lookup) + the KV read.
    const cal = DEFAULT_CALIBRATION;
    const bytes = 32 * blockBytes + outputBytes;
    const kvRead = 32 * 2 * 8 * 128 * 2 * 64; // 64 tokens in context on average
    const seconds =
      bytes / (50e9 * cal.bandwidthEfficiency.cpu) +
      kvRead / (50e9 * cal.bandwidthEfficiency.cpu) / cal.kvReadEfficiency.fa +
      cal.cpuPerTokenSeconds;
    assert.ok(Math.abs(e.speed.decodeTps - 1 / seconds) < 1e-9 * e.speed.decodeTps);
    assert.ok(e.speed.decodeTpsLow < e.speed.decodeTps && e.speed.decodeTps < e.speed.decodeTpsHigh);
  });

  it("fully offloaded: bytes over bandwidth plus the backend's own dispatch cost per layer and per token", () => {
    const cal = DEFAULT_CALIBRATION;
    const bytes = 32 * blockBytes + outputBytes;
    const kvRead = 32 * 2 * 8 * 128 * 2 * 64;
    const decodeSeconds = (backend: 'cuda' | 'metal') => {
      const perByte = 1 / (900e9 * cal.bandwidthEfficiency[backend]);
      return (
        bytes * perByte +
        (kvRead * perByte) / cal.kvReadEfficiency.fa +
        cal.gpuFixedCostScale[backend] * (32 * cal.gpuPerLayerSeconds + cal.gpuPerTokenSeconds)
      );
    };
    const cuda = estimate(m, { ctx: 4096, ngl: 99, flashAttn: 'on' }, machine([gpu(20)]), { genTokens: 128, promptTokens: 0 });
    const metalGpu: GpuDevice = { ...gpu(20), backend: 'metal', unifiedMemory: true };
    const metal = estimate(m, { ctx: 4096, ngl: 99, flashAttn: 'on' }, machine([metalGpu]), { genTokens: 128, promptTokens: 0 });
    assert.ok(Math.abs(cuda.speed.decodeTps * decodeSeconds('cuda') - 1) < 1e-9);
    assert.ok(Math.abs(metal.speed.decodeTps * decodeSeconds('metal') - 1) < 1e-9);
    // Metal's command buffers cost more per layer than CUDA's launches (fitted on the Apple rows).
    assert.ok(cal.gpuFixedCostScale.metal > 1);
  });

  it('unified memory, every layer on the GPU: prefill runs entirely on the GPU (the embedding lookup is not a matmul)', () => {
    const metalGpu: GpuDevice = { ...gpu(20), backend: 'metal', unifiedMemory: true };
    const e = estimate(m, { ctx: 4096, ngl: 99, flashAttn: 'on' }, machine([metalGpu]), { promptTokens: 512, genTokens: 0 });
    const weak = estimate(
      m,
      { ctx: 4096, ngl: 99, flashAttn: 'on' },
      { ...machine([metalGpu]), cpu: { model: 'slow', threads: 1, cores: 1, flags: [] } },
      { promptTokens: 512, genTokens: 0 },
    );
    assert.equal(e.speed.prefillTps, weak.speed.prefillTps);
  });
});

describe('sliding-window model (Gemma-3 pattern: 5 local blocks, then 1 global)', () => {
  let m: ModelSpec;
  before(async () => {
    const E = 2560;
    const tensors: TensorSpec[] = [{ name: 'token_embd.weight', type: 'F16', dims: [E, 1024] }];
    for (let i = 0; i < 6; i++) {
      tensors.push(
        { name: `blk.${i}.attn_q.weight`, type: 'F16', dims: [E, 8 * 256] },
        { name: `blk.${i}.attn_k.weight`, type: 'F16', dims: [E, 4 * 256] },
        { name: `blk.${i}.attn_v.weight`, type: 'F16', dims: [E, 4 * 256] },
        { name: `blk.${i}.attn_output.weight`, type: 'F16', dims: [8 * 256, E] },
        { name: `blk.${i}.ffn_up.weight`, type: 'F16', dims: [E, 10240] },
      );
    }
    tensors.push({ name: 'output_norm.weight', type: 'F32', dims: [E] });
    m = await model(
      'swa',
      {
        'general.architecture': 'gemma3',
        'gemma3.block_count': 6,
        'gemma3.embedding_length': E,
        'gemma3.feed_forward_length': 10240,
        'gemma3.attention.head_count': 8,
        'gemma3.attention.head_count_kv': 4,
        'gemma3.attention.key_length': 256,
        'gemma3.attention.value_length': 256,
        'gemma3.attention.sliding_window': 1024,
        'gemma3.context_length': 131072,
        'tokenizer.ggml.tokens': stringArray(1024),
      },
      tensors,
    );
  });

  it('caps the local blocks at the window plus one ubatch', () => {
    const e = estimate(m, { ctx: 32768, ngl: 99, flashAttn: 'on' }, machine([gpu(20)]));
    const cell = 2 * 4 * 256 * 2; // K+V, 4 KV heads × 256, f16
    const localCells = Math.min(32768, Math.ceil((1024 + 512) / 256) * 256);
    assert.equal(e.memory.breakdown.kvGpu, (5 * localCells + 32768) * cell);
  });

  it('ties the output to the embedding: the GPU gets its own copy', () => {
    assert.equal(m.tiedEmbeddings, true);
    const e = estimate(m, { ctx: 4096, ngl: 99 }, machine([gpu(20)]));
    const embd = F16(2560 * 1024);
    assert.equal(e.memory.breakdown.weightsHost, embd);
    assert.ok(e.memory.breakdown.weightsGpu >= embd + F32(2560));
  });
});

describe('mixture of experts (Qwen3-MoE shapes, 8 experts, 2 used)', () => {
  const E = 2048,
    EFF = 768,
    NE = 8;
  let m: ModelSpec;
  const expertBytes = 3 * Q8(E * EFF * NE);
  const denseBytes = Q8(E * 4096) + Q8(E * 512) * 2 + Q8(4096 * E) + F32(E * NE) + 2 * F32(E);
  before(async () => {
    const tensors: TensorSpec[] = [{ name: 'token_embd.weight', type: 'Q8_0', dims: [E, 4096] }];
    for (let i = 0; i < 4; i++) {
      tensors.push(
        { name: `blk.${i}.attn_norm.weight`, type: 'F32', dims: [E] },
        { name: `blk.${i}.attn_q.weight`, type: 'Q8_0', dims: [E, 4096] },
        { name: `blk.${i}.attn_k.weight`, type: 'Q8_0', dims: [E, 512] },
        { name: `blk.${i}.attn_v.weight`, type: 'Q8_0', dims: [E, 512] },
        { name: `blk.${i}.attn_output.weight`, type: 'Q8_0', dims: [4096, E] },
        { name: `blk.${i}.ffn_norm.weight`, type: 'F32', dims: [E] },
        { name: `blk.${i}.ffn_gate_inp.weight`, type: 'F32', dims: [E, NE] },
        { name: `blk.${i}.ffn_gate_exps.weight`, type: 'Q8_0', dims: [E, EFF, NE] },
        { name: `blk.${i}.ffn_up_exps.weight`, type: 'Q8_0', dims: [E, EFF, NE] },
        { name: `blk.${i}.ffn_down_exps.weight`, type: 'Q8_0', dims: [EFF, E, NE] },
      );
    }
    tensors.push({ name: 'output_norm.weight', type: 'F32', dims: [E] }, { name: 'output.weight', type: 'Q8_0', dims: [E, 4096] });
    m = await model(
      'moe',
      {
        'general.architecture': 'qwen3moe',
        'qwen3moe.block_count': 4,
        'qwen3moe.embedding_length': E,
        'qwen3moe.feed_forward_length': 6144,
        'qwen3moe.expert_feed_forward_length': EFF,
        'qwen3moe.expert_count': NE,
        'qwen3moe.expert_used_count': 2,
        'qwen3moe.attention.head_count': 32,
        'qwen3moe.attention.head_count_kv': 4,
        'qwen3moe.attention.key_length': 128,
        'qwen3moe.attention.value_length': 128,
        'qwen3moe.context_length': 40960,
        'tokenizer.ggml.tokens': stringArray(4096),
      },
      tensors,
    );
  });

  it('--n-cpu-moe 2 keeps the experts of blocks 0 and 1 in host memory', () => {
    assert.equal(m.blocks[0].experts.bytes, expertBytes);
    assert.equal(m.blocks[0].dense.bytes, denseBytes);
    const e = estimate(m, { ctx: 4096, ngl: 99, nCpuMoe: 2 }, machine([gpu(20)]));
    const outputBytes = Q8(E * 4096) + F32(E);
    assert.equal(e.memory.breakdown.weightsGpu, 4 * denseBytes + 2 * expertBytes + outputBytes);
    assert.equal(e.memory.breakdown.weightsHost, Q8(E * 4096) + 2 * expertBytes);
    assert.equal(e.offload.cpuMoeBlocks, 2);
  });

  it('decode reads only the 2 routed experts in use', () => {
    const hw = machine([], 64, 40);
    const e = estimate(m, { ctx: 4096 }, hw, { genTokens: 2, promptTokens: 0 });
    const cal = DEFAULT_CALIBRATION;
    const bytes = 4 * (denseBytes + expertBytes * (2 / 8)) + Q8(E * 4096) + F32(E);
    const kvRead = 4 * 2 * 4 * 128 * 2 * 1; // one token in context on average
    const seconds = (bytes + kvRead / cal.kvReadEfficiency.fa) / (40e9 * cal.bandwidthEfficiency.cpu) + cal.cpuPerTokenSeconds;
    assert.ok(Math.abs(e.speed.decodeSecondsCpu - seconds) < 1e-12);
  });
});

describe('multi-head latent attention (DeepSeek-V2-Lite shapes)', () => {
  let m: ModelSpec;
  before(async () => {
    const E = 2048;
    const tensors: TensorSpec[] = [{ name: 'token_embd.weight', type: 'F16', dims: [E, 1024] }];
    for (let i = 0; i < 3; i++) {
      tensors.push(
        { name: `blk.${i}.attn_q.weight`, type: 'F16', dims: [E, 16 * 192] },
        { name: `blk.${i}.attn_kv_a_mqa.weight`, type: 'F16', dims: [E, 512 + 64] },
        { name: `blk.${i}.attn_k_b.weight`, type: 'F16', dims: [128, 512, 16] },
        { name: `blk.${i}.attn_v_b.weight`, type: 'F16', dims: [512, 128, 16] },
        { name: `blk.${i}.attn_output.weight`, type: 'F16', dims: [16 * 128, E] },
        { name: `blk.${i}.ffn_up.weight`, type: 'F16', dims: [E, 10944] },
      );
    }
    tensors.push({ name: 'output.weight', type: 'F16', dims: [E, 1024] });
    m = await model(
      'mla',
      {
        'general.architecture': 'deepseek2',
        'deepseek2.block_count': 3,
        'deepseek2.embedding_length': E,
        'deepseek2.feed_forward_length': 10944,
        'deepseek2.attention.head_count': 16,
        'deepseek2.attention.head_count_kv': 1,
        'deepseek2.attention.key_length': 576,
        'deepseek2.attention.value_length': 512,
        'deepseek2.attention.key_length_mla': 192,
        'deepseek2.attention.value_length_mla': 128,
        'deepseek2.attention.kv_lora_rank': 512,
        'deepseek2.rope.dimension_count': 64,
        'deepseek2.context_length': 163840,
        'tokenizer.ggml.tokens': stringArray(1024),
      },
      tensors,
    );
  });

  it('caches only the compressed latent and the rope part', () => {
    const e = estimate(m, { ctx: 16384, ngl: 99, flashAttn: 'on' }, machine([gpu(20)]));
    assert.equal(e.memory.breakdown.kvGpu, 3 * 16384 * (512 + 64) * 2);
    assert.equal(e.memory.kvBytesPerToken, 3 * (512 + 64) * 2);
  });
});
