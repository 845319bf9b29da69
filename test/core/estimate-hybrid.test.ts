// Hybrid / recurrent and 2025–26 attention layouts, from GGUFs written to the spec (sparse), against
// memory worked out here by hand from llama.cpp's rules:
// - recurrent blocks keep (n_embd_r + n_embd_s) f32 per sequence, n_embd_r = (d_conv - 1)·(d_inner + 2·n_group·d_state),
//   n_embd_s = d_state·d_inner (llama-hparams.cpp), max(1, n_seq_max) cells (llama-model.cpp create_memory);
// - only attention blocks keep KV; NextN/MTP blocks keep none (n_layer_kv_from_start = n_layer - nextn);
// - SWA / chunked blocks keep min(n_ctx, pad256(n_swa·n_seq + n_ubatch)) cells (llama-kv-cache-iswa.cpp).
import { testGpu, testMachine } from '../helpers/testHardware';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { estimate } from '../../src/core/estimate';
import { activeParams } from '../../src/core/estimate/placement';
import { loadGgufModel } from '../../src/core/gguf';
import type { GpuDevice, HardwareProfile, ModelSpec } from '../../src/core/types';
import { GiB } from '../../src/core/units';
import { arr, stringArray, writeGguf, type TensorSpec } from '../helpers/ggufWriter';

const gpu = (freeGiB: number): GpuDevice => testGpu({ vramBytes: 80 * GiB, freeBytes: freeGiB * GiB });
const machine = (gpus: GpuDevice[]): HardwareProfile => testMachine(gpus);

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'model-fit-hybrid-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function model(name: string, metadata: Record<string, unknown>, tensors: TensorSpec[]): Promise<ModelSpec> {
  const file = path.join(dir, `${name}.gguf`);
  writeGguf(file, { metadata: metadata as never, tensors });
  return loadGgufModel(file);
}
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const Q8 = (el: number) => (el / 32) * 34;

// Qwen/Qwen3.6-35B-A3B config: hidden 2048; Gated DeltaNet 16 QK heads and 32 V heads of 128, conv kernel 4;
// gated attention 16 Q / 2 KV heads of 256; 256 experts (8 used + 1 shared) of 512.
const E = 2048,
  L = 40,
  NEXTN = 1,
  N = L + NEXTN;
const dState = 128,
  nGroup = 16,
  dInner = 32 * 128,
  dConv = 4;
const qwen35Block = (i: number): TensorSpec[] => {
  const attention = (i + 1) % 4 === 0 || i >= L;
  const t: TensorSpec[] = [{ name: `blk.${i}.attn_norm.weight`, type: 'F32', dims: [E] }];
  if (attention) {
    t.push(
      { name: `blk.${i}.attn_q.weight`, type: 'Q8_0', dims: [E, 2 * 16 * 256] },
      { name: `blk.${i}.attn_k.weight`, type: 'Q8_0', dims: [E, 2 * 256] },
      { name: `blk.${i}.attn_v.weight`, type: 'Q8_0', dims: [E, 2 * 256] },
      { name: `blk.${i}.attn_output.weight`, type: 'Q8_0', dims: [16 * 256, E] },
    );
  } else {
    t.push(
      { name: `blk.${i}.attn_qkv.weight`, type: 'Q8_0', dims: [E, dInner + 2 * nGroup * dState] },
      { name: `blk.${i}.attn_gate.weight`, type: 'Q8_0', dims: [E, dInner] },
      { name: `blk.${i}.ssm_conv1d.weight`, type: 'F32', dims: [dConv, dInner + 2 * nGroup * dState] },
      { name: `blk.${i}.ssm_out.weight`, type: 'Q8_0', dims: [dInner, E] },
    );
  }
  t.push(
    { name: `blk.${i}.ffn_gate_inp.weight`, type: 'F32', dims: [E, 256] },
    { name: `blk.${i}.ffn_gate_exps.weight`, type: 'Q8_0', dims: [E, 512, 256] },
    { name: `blk.${i}.ffn_up_exps.weight`, type: 'Q8_0', dims: [E, 512, 256] },
    { name: `blk.${i}.ffn_down_exps.weight`, type: 'Q8_0', dims: [512, E, 256] },
    { name: `blk.${i}.ffn_up_shexp.weight`, type: 'Q8_0', dims: [E, 512] },
  );
  return t;
};

describe('qwen35moe (Qwen3.6-35B-A3B shapes: 40 blocks, full attention every 4th, 1 MTP block)', () => {
  let m: ModelSpec;
  before(async () => {
    m = await model(
      'qwen35moe',
      {
        'general.architecture': 'qwen35moe',
        'qwen35moe.block_count': N,
        'qwen35moe.embedding_length': E,
        'qwen35moe.context_length': 262144,
        'qwen35moe.attention.head_count': 16,
        'qwen35moe.attention.head_count_kv': 2,
        'qwen35moe.attention.key_length': 256,
        'qwen35moe.attention.value_length': 256,
        'qwen35moe.expert_count': 256,
        'qwen35moe.expert_used_count': 8,
        'qwen35moe.expert_feed_forward_length': 512,
        'qwen35moe.full_attention_interval': 4,
        'qwen35moe.nextn_predict_layers': NEXTN,
        'qwen35moe.ssm.conv_kernel': dConv,
        'qwen35moe.ssm.state_size': dState,
        'qwen35moe.ssm.group_count': nGroup,
        'qwen35moe.ssm.inner_size': dInner,
        'qwen35moe.ssm.time_step_rank': 32,
        'tokenizer.ggml.tokens': stringArray(248320),
      },
      [
        { name: 'token_embd.weight', type: 'Q8_0', dims: [E, 248320] },
        ...range(N).map(qwen35Block).flat(),
        { name: 'output_norm.weight', type: 'F32', dims: [E] },
        { name: 'output.weight', type: 'Q8_0', dims: [E, 248320] },
      ],
    );
  });

  // (3·(4096 + 2·16·128) + 128·4096) f32 = 548,864 × 4 B per recurrent block and sequence.
  const statePerBlock = ((dConv - 1) * (dInner + 2 * nGroup * dState) + dState * dInner) * 4;
  const recurrentBlocks = 30; // 40 main blocks, every 4th attention; the MTP block is attention
  const kvPerToken = 10 * 2 * 256 * 2 * 2; // 10 attention blocks × 2 heads × 256 × (K + V) × f16

  it('reads the layout: 30 recurrent blocks, KV on 10, none on the MTP block', () => {
    assert.equal(statePerBlock, 2_195_456);
    assert.equal(m.nextnLayers, 1);
    assert.deepEqual(
      m.nHeadKv,
      range(N).map((i) => (i < L && (i + 1) % 4 === 0 ? 2 : 0)),
    );
    assert.deepEqual(
      m.recurrentStateBytes,
      range(N).map((i) => (i < L && (i + 1) % 4 !== 0 ? statePerBlock : 0)),
    );
  });

  for (const parallel of [1, 4]) {
    it(`all on the GPU, -c 8192 -np ${parallel}: KV for attention blocks + recurrent state × ${parallel}`, () => {
      const e = estimate(m, { ctx: 8192, ngl: 99, flashAttn: 'on', parallel }, machine([gpu(80)]));
      const state = recurrentBlocks * statePerBlock * parallel; // 62.8 MiB per sequence
      assert.equal(e.memory.recurrentStateBytes, state);
      assert.equal(e.memory.breakdown.kvGpu, kvPerToken * 8192 + state);
      assert.equal(e.memory.breakdown.kvHost, 0);
      assert.equal(e.memory.kvBytesPerToken, kvPerToken);
    });
  }

  it('the state stays with its block: -ngl 21 keeps blocks 0–20 (16 recurrent, 5 attention) on the host', () => {
    // ngl 21 = the output layer + the last 20 blocks (21–40); host: blocks 0–20.
    const e = estimate(m, { ctx: 8192, ngl: 21, flashAttn: 'on', parallel: 4 }, machine([gpu(80)]));
    const hostRecurrent = range(21).filter((i) => (i + 1) % 4 !== 0).length; // 16
    const hostAttention = 21 - hostRecurrent; // 5
    assert.equal(e.memory.breakdown.kvHost, hostAttention * 2 * 256 * 4 * 8192 + hostRecurrent * statePerBlock * 4);
    assert.equal(e.memory.breakdown.kvGpu, (10 - hostAttention) * 2 * 256 * 4 * 8192 + (30 - hostRecurrent) * statePerBlock * 4);
  });

  it('the MTP block is loaded (weights) but not run per token (active parameters)', () => {
    const all = estimate(m, { ctx: 8192, ngl: 99, flashAttn: 'on' }, machine([gpu(80)]));
    const mtp = m.blocks[L];
    assert.ok(mtp.dense.bytes > 0 && mtp.experts.bytes > 0);
    assert.ok(all.memory.breakdown.weightsGpu >= m.blocks.reduce((s, b) => s + b.dense.bytes + b.experts.bytes, 0));
    let expected = m.output.params;
    for (const i of range(L)) expected += m.blocks[i].dense.params + (m.blocks[i].experts.params * 8) / 256;
    assert.equal(activeParams(m), expected);
  });
});

describe('pure recurrent and other hybrids: state sizes from the header keys', () => {
  it('mamba2 (every block recurrent, no KV); rwkv7 uses head size and token shift', async () => {
    const mamba = await model(
      'mamba2',
      {
        'general.architecture': 'mamba2',
        'mamba2.block_count': 4,
        'mamba2.embedding_length': 2560,
        'mamba2.ssm.conv_kernel': 4,
        'mamba2.ssm.inner_size': 5120,
        'mamba2.ssm.state_size': 128,
        'mamba2.ssm.group_count': 1,
        'mamba2.attention.head_count': 0,
      },
      [
        { name: 'token_embd.weight', type: 'F32', dims: [2560, 16] },
        ...range(4).map((i) => ({ name: `blk.${i}.ssm_in.weight`, type: 'F32', dims: [2560, 16] })),
      ],
    );
    const mambaState = (3 * (5120 + 2 * 1 * 128) + 128 * 5120) * 4;
    assert.deepEqual(mamba.recurrentStateBytes, [mambaState, mambaState, mambaState, mambaState]);
    assert.deepEqual(mamba.nHeadKv, [0, 0, 0, 0]);
    const e = estimate(mamba, { ctx: 4096, ngl: 99, parallel: 4 }, machine([gpu(80)]));
    assert.equal(e.memory.breakdown.kvGpu, 4 * mambaState * 4);

    const rwkv = await model(
      'rwkv7',
      {
        'general.architecture': 'rwkv7',
        'rwkv7.block_count': 2,
        'rwkv7.embedding_length': 2048,
        'rwkv7.wkv.head_size': 64,
      },
      [
        { name: 'token_embd.weight', type: 'F32', dims: [2048, 16] },
        ...range(2).map((i) => ({ name: `blk.${i}.ln1.weight`, type: 'F32', dims: [2048] })),
      ],
    );
    assert.deepEqual(rwkv.recurrentStateBytes, [(2 * 2048 + 2048 * 64) * 4, (2 * 2048 + 2048 * 64) * 4]);
  });

  it('nemotron_h: recurrent = no KV heads and no FFN; lfm2 short conv keeps n_embd × (L_cache - 1)', async () => {
    const nem = await model(
      'nemotron_h',
      {
        'general.architecture': 'nemotron_h',
        'nemotron_h.block_count': 4,
        'nemotron_h.embedding_length': 4096,
        'nemotron_h.attention.head_count': arr('u32', [0, 0, 32, 0]),
        'nemotron_h.attention.head_count_kv': arr('u32', [0, 0, 8, 0]),
        'nemotron_h.feed_forward_length': arr('u32', [0, 21504, 0, 0]),
        'nemotron_h.ssm.conv_kernel': 4,
        'nemotron_h.ssm.inner_size': 8192,
        'nemotron_h.ssm.state_size': 128,
        'nemotron_h.ssm.group_count': 8,
      },
      [
        { name: 'token_embd.weight', type: 'F32', dims: [4096, 16] },
        ...range(4).map((i) => ({ name: `blk.${i}.attn_norm.weight`, type: 'F32', dims: [4096] })),
      ],
    );
    const s = (3 * (8192 + 2 * 8 * 128) + 128 * 8192) * 4;
    assert.deepEqual(nem.recurrentStateBytes, [s, 0, 0, s]);
    assert.deepEqual(nem.nHeadKv, [0, 0, 8, 0]);

    const lfm = await model(
      'lfm2',
      {
        'general.architecture': 'lfm2',
        'lfm2.block_count': 3,
        'lfm2.embedding_length': 1024,
        'lfm2.shortconv.l_cache': 3,
        'lfm2.attention.head_count': 16,
        'lfm2.attention.head_count_kv': arr('u32', [0, 8, 0]),
      },
      [
        { name: 'token_embd.weight', type: 'F32', dims: [1024, 16] },
        ...range(3).map((i) => ({ name: `blk.${i}.attn_norm.weight`, type: 'F32', dims: [1024] })),
      ],
    );
    assert.deepEqual(lfm.recurrentStateBytes, [1024 * 2 * 4, 0, 1024 * 2 * 4]);
  });

  it('a dense transformer has no recurrent state', async () => {
    const d = await model(
      'dense-small',
      {
        'general.architecture': 'llama',
        'llama.block_count': 2,
        'llama.embedding_length': 256,
        'llama.attention.head_count': 4,
      },
      [
        { name: 'token_embd.weight', type: 'F32', dims: [256, 16] },
        ...range(2).map((i) => ({ name: `blk.${i}.attn_q.weight`, type: 'F32', dims: [256, 256] })),
      ],
    );
    assert.equal(d.recurrentStateBytes, undefined);
    assert.equal(estimate(d, { ctx: 4096, ngl: 99 }, machine([gpu(80)])).memory.recurrentStateBytes, undefined);
  });
});

describe('Gemma-4-like: per-layer KV heads, smaller SWA head size, shared-KV tail', () => {
  // 12 blocks: pattern of 5 SWA + 1 global; global blocks 2 KV heads of 512, SWA blocks 8 of 256; last 4 reuse earlier caches.
  const L = 12;
  const swa = range(L).map((i) => (i + 1) % 6 !== 0);
  let m: ModelSpec;
  before(async () => {
    m = await model(
      'gemma4',
      {
        'general.architecture': 'gemma4',
        'gemma4.block_count': L,
        'gemma4.embedding_length': 2560,
        'gemma4.context_length': 131072,
        'gemma4.attention.head_count': 8,
        'gemma4.attention.head_count_kv': arr(
          'u32',
          swa.map((s) => (s ? 8 : 2)),
        ),
        'gemma4.attention.key_length': 512,
        'gemma4.attention.value_length': 512,
        'gemma4.attention.key_length_swa': 256,
        'gemma4.attention.value_length_swa': 256,
        'gemma4.attention.sliding_window': 512,
        'gemma4.attention.sliding_window_pattern': swa,
        'gemma4.attention.shared_kv_layers': 4,
      },
      [
        { name: 'token_embd.weight', type: 'Q8_0', dims: [2560, 262144] },
        ...range(L).map((i) => ({ name: `blk.${i}.attn_q.weight`, type: 'Q8_0', dims: [2560, 4096] })),
      ],
    );
  });

  it('-c 32768 -ub 512: SWA blocks keep 1024 cells of 8×256, global blocks 32768 cells of 2×512, blocks 8–11 none', () => {
    const e = estimate(m, { ctx: 32768, ngl: 99, ubatch: 512, flashAttn: 'on' }, machine([gpu(80)]));
    const swaCells = 1024; // pad256(512·1 + 512)
    let kv = 0;
    for (const i of range(8)) kv += swa[i] ? 8 * 256 * 2 * 2 * swaCells : 2 * 512 * 2 * 2 * 32768;
    assert.equal(e.memory.breakdown.kvGpu, kv);
    assert.equal(kv, 7 * 8192 * 1024 + 4096 * 32768);
    assert.equal(Q8(2560 * 4096), m.blocks[0].dense.bytes);
  });
});

describe('Llama-4-like: chunked attention (8192-token chunks) on 3 of 4 blocks, bounded like a window', () => {
  let m: ModelSpec;
  before(async () => {
    m = await model(
      'llama4',
      {
        'general.architecture': 'llama4',
        'llama4.block_count': 8,
        'llama4.embedding_length': 5120,
        'llama4.context_length': 10485760,
        'llama4.attention.head_count': 40,
        'llama4.attention.head_count_kv': 8,
        'llama4.attention.key_length': 128,
        'llama4.attention.value_length': 128,
        'llama4.expert_count': 16,
        'llama4.expert_used_count': 1,
      },
      [
        { name: 'token_embd.weight', type: 'Q8_0', dims: [5120, 202048] },
        ...range(8).map((i) => ({ name: `blk.${i}.attn_q.weight`, type: 'Q8_0', dims: [5120, 5120] })),
      ],
    );
  });

  for (const parallel of [1, 4]) {
    it(`-c 65536 -np ${parallel}: 6 chunked blocks keep pad256(8192·${parallel} + 512) cells, 2 global blocks 65536`, () => {
      const e = estimate(m, { ctx: 65536, ngl: 99, ubatch: 512, parallel, flashAttn: 'on' }, machine([gpu(80)]));
      const perCell = 8 * 128 * 2 * 2;
      const chunkCells = Math.min(65536, Math.ceil((8192 * parallel + 512) / 256) * 256);
      assert.equal(e.memory.breakdown.kvGpu, 6 * perCell * chunkCells + 2 * perCell * 65536);
      assert.equal(e.memory.recurrentStateBytes, undefined);
    });
  }
});
