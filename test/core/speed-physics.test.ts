// Prefill physics on real GGUF files (written to the spec, sparse): op-offload copies over the host
// link, MoE experts seeing tokens × used ÷ experts rows, small micro-batches going bandwidth-bound, and
// BF16 on a backend without BF16 matrix kernels. Expected values are worked out here by hand.
import { testGpu, testMachine } from '../helpers/testHardware';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { matmulTileTokens, prefillPath, weightClass } from '../../src/core/data/kernelSupport';
import { estimate } from '../../src/core/estimate';
import { DEFAULT_CALIBRATION } from '../../src/core/estimate/calibration';
import { attentionGpuFlops, matmulSeconds, OP_OFFLOAD_MIN_BATCH, ubatchSaturation, weightPeakTflops } from '../../src/core/estimate/speed';
import { loadGgufModel } from '../../src/core/gguf';
import type { GpuDevice, HardwareProfile, ModelSpec } from '../../src/core/types';
import { stringArray, writeGguf, type TensorSpec } from '../helpers/ggufWriter';

const Q8 = (elements: number) => (elements / 32) * 34;
const F32 = (elements: number) => elements * 4;
const cal = DEFAULT_CALIBRATION;

const gpu = testGpu;

const machine = (gpus: GpuDevice[]): HardwareProfile => testMachine(gpus);

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'model-fit-speed-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function model(name: string, metadata: Record<string, unknown>, tensors: TensorSpec[]): Promise<ModelSpec> {
  const file = path.join(dir, `${name}.gguf`);
  writeGguf(file, { metadata: metadata as never, tensors });
  return loadGgufModel(file);
}

/** A 4-block Llama-style model (TinyLlama widths) in `type`. */
function llama(name: string, type: 'Q8_0' | 'BF16' | 'F16'): Promise<ModelSpec> {
  const E = 2048,
    FF = 5632,
    V = 4096;
  const tensors: TensorSpec[] = [{ name: 'token_embd.weight', type, dims: [E, V] }];
  for (let i = 0; i < 4; i++) {
    tensors.push(
      { name: `blk.${i}.attn_norm.weight`, type: 'F32', dims: [E] },
      { name: `blk.${i}.attn_q.weight`, type, dims: [E, E] },
      { name: `blk.${i}.attn_k.weight`, type, dims: [E, 256] },
      { name: `blk.${i}.attn_v.weight`, type, dims: [E, 256] },
      { name: `blk.${i}.attn_output.weight`, type, dims: [E, E] },
      { name: `blk.${i}.ffn_norm.weight`, type: 'F32', dims: [E] },
      { name: `blk.${i}.ffn_gate.weight`, type, dims: [E, FF] },
      { name: `blk.${i}.ffn_up.weight`, type, dims: [E, FF] },
      { name: `blk.${i}.ffn_down.weight`, type, dims: [FF, E] },
    );
  }
  tensors.push({ name: 'output_norm.weight', type: 'F32', dims: [E] }, { name: 'output.weight', type, dims: [E, V] });
  return model(
    name,
    {
      'general.architecture': 'llama',
      'llama.block_count': 4,
      'llama.embedding_length': E,
      'llama.feed_forward_length': FF,
      'llama.attention.head_count': 32,
      'llama.attention.head_count_kv': 4,
      'llama.context_length': 2048,
      'llama.rope.dimension_count': 64,
      'tokenizer.ggml.tokens': stringArray(V),
    },
    tensors,
  );
}

describe('op offload: host-held weights copied to the GPU per micro-batch', () => {
  const E = 2048,
    FF = 5632,
    V = 4096;
  const blockBytes = 2 * F32(E) + Q8(E * E) * 2 + Q8(E * 256) * 2 + Q8(E * FF) * 3;
  const outputBytes = Q8(E * V) + F32(E); // the output layer: output.weight and output_norm
  let m: ModelSpec;
  before(async () => {
    m = await llama('dense-q8', 'Q8_0');
  });

  it('-ngl 0 with a discrete GPU: every ubatch of 512 pays all block and output bytes ÷ the host link', () => {
    const run = (hostLinkGBs: number) =>
      estimate(m, { ctx: 2048, ngl: 0, ubatch: 512 }, machine([gpu({ hostLinkGBs })]), { promptTokens: 512, genTokens: 0 });
    const slow = run(16);
    const fast = run(32);
    // Only the copy differs: (4 blocks + output) bytes × (1/16 − 1/32) GB/s ÷ link efficiency, spread over 512 tokens.
    const copied = 4 * blockBytes + outputBytes;
    const expected = (copied * (1 / 16e9 - 1 / 32e9)) / cal.hostLinkEfficiency / 512;
    const got = 1 / slow.speed.prefillTps - 1 / fast.speed.prefillTps;
    assert.ok(Math.abs(got - expected) < 1e-9 * expected + 1e-15, `${got} vs ${expected}`);
  });

  it('below 32 tokens per batch, or with --no-op-offload, the CPU multiplies them and the link does not matter', () => {
    assert.equal(OP_OFFLOAD_MIN_BATCH, 32);
    const run = (hostLinkGBs: number, s: { ubatch: number; noOpOffload?: boolean }) =>
      estimate(m, { ctx: 2048, ngl: 0, ...s }, machine([gpu({ hostLinkGBs })]), { promptTokens: 512, genTokens: 0 }).speed.prefillTps;
    assert.equal(run(16, { ubatch: 16 }), run(32, { ubatch: 16 }));
    assert.equal(run(16, { ubatch: 512, noOpOffload: true }), run(32, { ubatch: 512, noOpOffload: true }));
    assert.notEqual(run(16, { ubatch: 512 }), run(32, { ubatch: 512 }));
  });

  it('a GPU without a known link falls back to PCIe 4.0 x16 (25.2 GB/s usable)', () => {
    const unknown = estimate(m, { ctx: 2048, ngl: 0 }, machine([gpu()]), { promptTokens: 512, genTokens: 0 });
    const gen4 = estimate(m, { ctx: 2048, ngl: 0 }, machine([gpu({ hostLinkGBs: 1.969 * 16 * 0.8 })]), { promptTokens: 512, genTokens: 0 });
    assert.equal(unknown.speed.prefillTps, gen4.speed.prefillTps);
  });
});

describe('micro-batch size', () => {
  let m: ModelSpec;
  before(async () => {
    m = await llama('dense-q8-ub', 'Q8_0');
  });

  it('-ub 1 is bandwidth-bound: every token streams all GPU-held weights and the KV cache once, and pays a launch', () => {
    // A compute-rich, bandwidth-poor GPU makes the weights' stream the longer of the two.
    const g = gpu({ fp16Tflops: 1000, bandwidthGBs: 100 });
    const e = estimate(m, { ctx: 2048, ngl: 99, ubatch: 1, flashAttn: 'on' }, machine([g]), { promptTokens: 512, genTokens: 0 });
    const E = 2048,
      FF = 5632,
      V = 4096;
    const gpuWeights = 4 * (2 * F32(E) + Q8(E * E) * 2 + Q8(E * 256) * 2 + Q8(E * FF) * 3) + Q8(E * V) + F32(E);
    const stream = gpuWeights / (100e9 * cal.bandwidthEfficiency.cuda);
    // Attention over the 256 tokens seen on average: 4 blocks × 2 × 32 heads × (64 + 64) × 256 FLOPs.
    const attentionCompute = (4 * 2 * 32 * 128 * 256) / (attentionGpuFlops(g, cal) * cal.attentionFlopsFactor.fa);
    // …or reading the KV cache of those 256 tokens once: 4 blocks × (K + V) × 4 KV heads × 64 × 2 bytes.
    const kvStream = (4 * 2 * 4 * 64 * 2 * 256) / (100e9 * cal.bandwidthEfficiency.cuda * cal.kvReadEfficiency.fa);
    // …and the graph's launch cost once per micro-batch, as for a decoded token (4 blocks, flash attention on).
    const launch = 4 * cal.gpuPerLayerSeconds + cal.gpuPerTokenSeconds;
    const expected = launch + stream + Math.max(attentionCompute, kvStream);
    assert.ok(Math.abs(1 / e.speed.prefillTps - expected) < 1e-9 * expected, `${1 / e.speed.prefillTps} vs ${expected}`);
    // llama-bench -ub sweeps: ub 1…64 runs 2–20× slower than ub 512.
    const full = estimate(m, { ctx: 2048, ngl: 99, ubatch: 512, flashAttn: 'on' }, machine([g]), { promptTokens: 512, genTokens: 0 });
    assert.ok(full.speed.prefillTps / e.speed.prefillTps > 2);
  });

  it('a micro-batch of 512 streams the weights once per 128-token MMQ tile: 4 passes on CUDA, 16 on Metal (32-token tiles)', () => {
    assert.equal(matmulTileTokens('cuda', 'ampere'), 128);
    assert.equal(matmulTileTokens('rocm', 'rdna3.5'), 48);
    assert.equal(matmulTileTokens('metal', 'apple-m2'), 32);
    const group = { denseParams: 1e9, denseBytes: 1.0625e9, expertParams: 0, expertBytes: 0 };
    // Unlimited FLOPs: only the weight stream counts, 1.0625 GB × ceil(512 / tile) at 100 GB/s.
    assert.equal(matmulSeconds(m, group, 512, 1e30, 100e9, cal, true, 128), (1.0625e9 * 4) / 100e9);
    assert.equal(matmulSeconds(m, group, 512, 1e30, 100e9, cal, true, 32), (1.0625e9 * 16) / 100e9);
    // 100 tokens fit one tile: a single pass.
    assert.equal(matmulSeconds(m, group, 100, 1e30, 100e9, cal, true, 128), 1.0625e9 / 100e9);
  });

  it('--batch caps the micro-batch: -b 64 -ub 512 runs as -ub 64', () => {
    const hw = machine([gpu()]);
    const capped = estimate(m, { ctx: 2048, ngl: 99, batch: 64, ubatch: 512 }, hw, { promptTokens: 512, genTokens: 0 });
    const ub64 = estimate(m, { ctx: 2048, ngl: 99, batch: 64, ubatch: 64 }, hw, { promptTokens: 512, genTokens: 0 });
    const ub512 = estimate(m, { ctx: 2048, ngl: 99, ubatch: 512 }, hw, { promptTokens: 512, genTokens: 0 });
    assert.equal(capped.speed.prefillTps, ub64.speed.prefillTps);
    assert.ok(ub512.speed.prefillTps > ub64.speed.prefillTps);
  });
});

describe('MoE: each expert sees ubatch × used ÷ experts rows', () => {
  const E = 2048,
    EFF = 768,
    NE = 128,
    USED = 8;
  let m: ModelSpec;
  before(async () => {
    const tensors: TensorSpec[] = [{ name: 'token_embd.weight', type: 'Q8_0', dims: [E, 4096] }];
    for (let i = 0; i < 2; i++) {
      tensors.push(
        { name: `blk.${i}.attn_q.weight`, type: 'Q8_0', dims: [E, 4096] },
        { name: `blk.${i}.attn_k.weight`, type: 'Q8_0', dims: [E, 512] },
        { name: `blk.${i}.attn_v.weight`, type: 'Q8_0', dims: [E, 512] },
        { name: `blk.${i}.attn_output.weight`, type: 'Q8_0', dims: [4096, E] },
        { name: `blk.${i}.ffn_gate_inp.weight`, type: 'F32', dims: [E, NE] },
        { name: `blk.${i}.ffn_gate_exps.weight`, type: 'Q8_0', dims: [E, EFF, NE] },
        { name: `blk.${i}.ffn_up_exps.weight`, type: 'Q8_0', dims: [E, EFF, NE] },
        { name: `blk.${i}.ffn_down_exps.weight`, type: 'Q8_0', dims: [EFF, E, NE] },
      );
    }
    tensors.push({ name: 'output.weight', type: 'Q8_0', dims: [E, 4096] });
    m = await model(
      'moe128',
      {
        'general.architecture': 'qwen3moe',
        'qwen3moe.block_count': 2,
        'qwen3moe.embedding_length': E,
        'qwen3moe.feed_forward_length': 6144,
        'qwen3moe.expert_feed_forward_length': EFF,
        'qwen3moe.expert_count': NE,
        'qwen3moe.expert_used_count': USED,
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

  it('ubatch 512 over 128 experts, 8 used: 32 rows per expert, at 32 / (32 + half-saturation) of peak', () => {
    const expertParams = 2 * 3 * E * EFF * NE;
    assert.equal(m.blocks[0].experts.params + m.blocks[1].experts.params, expertParams);
    const group = { denseParams: 0, denseBytes: 0, expertParams, expertBytes: 1 };
    const flops = 1e14;
    const seconds = matmulSeconds(m, group, 512, flops, 1e18, cal);
    const rowsPerExpert = (512 * USED) / NE; // 32
    const expected = (2 * expertParams * rowsPerExpert) / (flops * (rowsPerExpert / (rowsPerExpert + cal.ubatchHalfTokens)));
    assert.equal(rowsPerExpert, 32);
    assert.ok(Math.abs(seconds - expected) < 1e-12 * expected);
    assert.ok(ubatchSaturation(32, cal) < ubatchSaturation(512, cal));
  });

  it('a single token reads only the experts it picked (8 of 128)', () => {
    const expertBytes = 2 * 3 * Q8(E * EFF * NE);
    const group = { denseParams: 0, denseBytes: 0, expertParams: 1, expertBytes };
    const seconds = matmulSeconds(m, group, 1, 1e30, 1e9, cal);
    assert.ok(Math.abs(seconds - (expertBytes * USED) / NE / 1e9) < 1e-12);
  });
});

describe('kernel support: BF16 without matrix kernels', () => {
  it('Vulkan multiplies BF16 on its scalar path (RDNA3: half the FP16 matrix rate); CUDA at its BF16 rate', () => {
    assert.equal(weightClass('BF16'), 'bf16');
    assert.equal(prefillPath('vulkan', 'BF16'), 'scalar');
    assert.equal(prefillPath('cuda', 'BF16'), 'matrix');
    assert.equal(prefillPath('vulkan', 'Q4_K_M'), 'matrix');
    const radeon = gpu({ backend: 'vulkan', generation: 'rdna3', fp16Tflops: 122.8 });
    assert.equal(weightPeakTflops(radeon, 'BF16'), 61.4);
    assert.equal(weightPeakTflops(radeon, 'F16'), 122.8);
    assert.equal(weightPeakTflops(gpu({ bf16Tflops: 165 }), 'BF16'), 165);
    assert.equal(weightPeakTflops(gpu({ backend: 'vulkan', generation: 'ada', fp16Tflops: 330 }), 'BF16'), 82.5);
  });

  it('Vulkan on Intel Arc A-series (Alchemist) has no cooperative-matrix path: every type at ⅛ of the XMX rate; Xe2 keeps it', () => {
    assert.equal(prefillPath('vulkan', 'Q4_0', 'alchemist'), 'scalar');
    assert.equal(prefillPath('vulkan', 'F16', 'alchemist'), 'scalar');
    assert.equal(prefillPath('vulkan', 'Q4_0', 'battlemage'), 'matrix');
    assert.equal(prefillPath('sycl', 'Q4_0', 'alchemist'), 'matrix');
    const a770 = gpu({ backend: 'vulkan', generation: 'alchemist', fp16Tflops: 138 });
    assert.equal(weightPeakTflops(a770, 'Q4_0'), 17.25);
  });

  it('the same model prefills slower in BF16 than in F16 on Vulkan, and equally fast on CUDA', async () => {
    const bf16 = await llama('dense-bf16', 'BF16');
    const f16 = await llama('dense-f16', 'F16');
    const run = (m: ModelSpec, g: GpuDevice) =>
      estimate(m, { ctx: 2048, ngl: 99 }, machine([g]), { promptTokens: 512, genTokens: 0 }).speed.prefillTps;
    const radeon = gpu({ backend: 'vulkan', generation: 'rdna3', fp16Tflops: 122.8, bandwidthGBs: 960 });
    assert.ok(run(bf16, radeon) < 0.8 * run(f16, radeon));
    assert.equal(run(bf16, gpu()), run(f16, gpu()));
  });
});
