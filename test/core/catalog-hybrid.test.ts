// Catalog hybrids: the layout llama.cpp builds from the converted GGUF (recurrent blocks, attention
// blocks, the MTP block), and the recurrent state from llama_hparams::n_embd_r / n_embd_s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogModel, catalogTensors } from '../../src/core/catalog';
import { estimate } from '../../src/core/estimate';
import type { HardwareProfile } from '../../src/core/types';
import { GiB } from '../../src/core/units';

const oneGpu: HardwareProfile = {
  id: 'test',
  label: 'test',
  ramBytes: 64 * GiB,
  ramFreeBytes: 64 * GiB,
  ramBandwidthGBs: 50,
  gpus: [
    {
      name: 'Test GPU',
      vramBytes: 80 * GiB,
      freeBytes: 80 * GiB,
      bandwidthGBs: 900,
      fp16Tflops: 100,
      backend: 'cuda',
      unifiedMemory: false,
      source: 'test',
      provenance: { vram: 'user', free: 'user', bandwidth: 'user', fp16: 'user' },
    },
  ],
  cpu: { model: 'test cpu', threads: 8, cores: 8, flags: ['avx2'] },
  provenance: { ram: 'user', ramBandwidth: 'user', cpu: 'user' },
  notes: [],
};

test('Qwen3.6 35B-A3B: 40 blocks + 1 MTP; DeltaNet on 30, full attention (2 KV heads of 256) on 10', () => {
  const m = catalogModel('qwen3.6-35b-a3b', 'Q4_K_M');
  assert.equal(m.blocks.length, 41);
  assert.equal(m.nextnLayers, 1);
  const state = (3 * (16 * 128 * 2 + 32 * 128) + 128 * 32 * 128) * 4;
  assert.deepEqual(
    m.recurrentStateBytes,
    Array.from({ length: 41 }, (_, i) => (i < 40 && (i + 1) % 4 !== 0 ? state : 0)),
  );
  assert.deepEqual(
    m.nHeadKv,
    Array.from({ length: 41 }, (_, i) => (i < 40 && (i + 1) % 4 === 0 ? 2 : 0)),
  );
  assert.equal(m.headDimK, 256);
  assert.equal(m.ctxTrain, 262144);
  // the MTP block is stored (and loaded) but carries no cache
  assert.ok(m.blocks[40].dense.bytes > 0 && m.blocks[40].experts.bytes > 0);
});

test('Qwen3.5 / 3.6 tensors as llama.cpp names them; the conv kernel stays F32 in every quant', () => {
  const t = catalogTensors('qwen3.6-27b', 'Q4_K_M');
  const byName = new Map(t.map((x) => [x.name, x]));
  assert.deepEqual(byName.get('blk.0.attn_qkv.weight')?.dims, [5120, 2 * 16 * 128 + 48 * 128]);
  assert.deepEqual(byName.get('blk.0.ssm_conv1d.weight')?.dims, [4, 2 * 16 * 128 + 48 * 128]);
  assert.equal(byName.get('blk.0.ssm_conv1d.weight')?.type, 'F32');
  // gated attention: q projects the output gate too (2 × 24 heads × 256)
  assert.deepEqual(byName.get('blk.3.attn_q.weight')?.dims, [5120, 2 * 24 * 256]);
  assert.ok(byName.has('blk.64.nextn.eh_proj.weight'));
  assert.ok(!byName.has('blk.3.attn_qkv.weight'));
});

test('Qwen3-Next: fused ssm_in / ssm_ba, 512 experts, 12 attention blocks of 48, no MTP block', () => {
  const m = catalogModel('qwen3-next-80b-a3b', 'Q8_0');
  assert.equal(m.blocks.length, 48);
  assert.equal(m.nHeadKv.filter(Boolean).length, 12);
  assert.equal(m.recurrentStateBytes?.filter(Boolean).length, 36);
  const t = new Map(catalogTensors('qwen3-next-80b-a3b', 'Q8_0').map((x) => [x.name, x]));
  assert.deepEqual(t.get('blk.0.ssm_in.weight')?.dims, [2048, 2 * 16 * 128 + 2 * 32 * 128]);
  assert.deepEqual(t.get('blk.0.ssm_ba.weight')?.dims, [2048, 64]);
});

test('Llama 4 Maverick alternates dense and MoE blocks; Scout is MoE throughout; chunked attention on 3 of 4', () => {
  const mav = catalogModel('llama4-maverick', 'Q4_K_M');
  assert.deepEqual(
    mav.blocks.slice(0, 4).map((b) => b.experts.bytes > 0),
    [false, true, false, true],
  );
  const scout = catalogModel('llama4-scout', 'Q4_K_M');
  assert.ok(scout.blocks.every((b) => b.experts.bytes > 0));
  assert.equal(scout.slidingWindow, 8192);
  assert.deepEqual(scout.swaLayers.slice(0, 8), [true, true, true, false, true, true, true, false]);
});

test('GLM-4.5-Air: one dense block, MoE after, the MTP block loaded without KV; DeepSeek-V2-Lite q without compression', () => {
  const glm = catalogModel('glm-4.5-air', 'Q4_K_M');
  assert.equal(glm.blocks.length, 47);
  assert.equal(glm.blocks[0].experts.bytes, 0);
  assert.equal(glm.nHeadKv[46], 0);
  assert.equal(glm.nHeadKv[45], 8);
  const lite = new Map(catalogTensors('deepseek-v2-lite', 'Q8_0').map((x) => [x.name, x]));
  assert.deepEqual(lite.get('blk.0.attn_q.weight')?.dims, [2048, 16 * (128 + 64)]);
  assert.ok(!lite.has('blk.0.attn_q_a.weight'));
});

test('GLM-4.7-Flash: deepseek2 MLA (q rank 768, 192 nope + 64 rope dims, v 256), one dense block, no MTP block', () => {
  const m = catalogModel('glm-4.7-flash', 'BF16');
  assert.equal(m.blocks.length, 47);
  assert.equal(m.blocks[0].experts.bytes, 0);
  assert.ok(m.blocks[1].experts.bytes > 0);
  // one latent "head" per block: kv_lora_rank + rope dims for K, kv_lora_rank for V
  assert.deepEqual(m.nHeadKv, new Array(47).fill(1));
  assert.equal(m.headDimK, 512 + 64);
  assert.equal(m.headDimV, 512);
  // parameters by hand from config.json
  const E = 2048;
  const attn = E * 768 + 768 + 768 * 20 * (192 + 64) + E * (512 + 64) + 512 + 192 * 512 * 20 + 512 * 256 * 20 + 20 * 256 * E;
  const norms = 2 * E;
  const dense = 3 * E * 10240;
  const moe = E * 64 + 64 + 3 * E * 1536 * 64 + 3 * E * 1536;
  const blocks = 47 * (attn + norms) + dense + 46 * moe;
  assert.equal(m.nParams, 2 * 154880 * E + E + blocks);
  const t = new Map(catalogTensors('glm-4.7-flash', 'Q8_0').map((x) => [x.name, x]));
  assert.deepEqual(t.get('blk.1.attn_k_b.weight')?.dims, [192, 512, 20]);
  assert.deepEqual(t.get('blk.1.attn_v_b.weight')?.dims, [512, 256, 20]);
  assert.ok(!t.has('blk.47.nextn.eh_proj.weight'));
});

// Granite 4.0-H-Micro (ibm-granite/granite-4.0-h-micro config.json): 40 blocks, attention on 5, 15, 25, 35
// (32 Q / 8 KV heads of 64), Mamba-2 elsewhere: 64 heads of 64 (d_inner 4096), d_state 128, 1 group, conv 4.
test('Granite 4.0-H-Micro: Mamba-2 tensors as llama.cpp loads them; KV on 4 blocks, recurrent state on 36', () => {
  const m = catalogModel('granite4-h-micro', 'Q8_0');
  const attention = [5, 15, 25, 35];
  assert.equal(m.arch, 'granitehybrid');
  assert.deepEqual(
    m.nHeadKv,
    Array.from({ length: 40 }, (_, i) => (attention.includes(i) ? 8 : 0)),
  );
  // n_embd_r = (4 - 1)·(4096 + 2·1·128), n_embd_s = 128·4096, f32
  const state = (3 * (4096 + 2 * 128) + 128 * 4096) * 4;
  assert.equal(state, 2_149_376);
  assert.deepEqual(
    m.recurrentStateBytes,
    Array.from({ length: 40 }, (_, i) => (attention.includes(i) ? 0 : state)),
  );
  const t = new Map(catalogTensors('granite4-h-micro', 'Q8_0').map((x) => [x.name, x]));
  assert.deepEqual(t.get('blk.0.ssm_in.weight')?.dims, [2048, 2 * 4096 + 2 * 128 + 64]);
  assert.deepEqual(t.get('blk.0.ssm_conv1d.weight')?.dims, [4, 4096 + 2 * 128]);
  assert.equal(t.get('blk.0.ssm_conv1d.weight')?.type, 'F32');
  assert.equal(t.get('blk.0.ssm_a')?.type, 'F32');
  assert.equal(t.get('blk.0.ssm_out.weight')?.type, 'Q8_0');
  assert.ok(!t.has('blk.0.attn_q.weight') && t.has('blk.5.attn_q.weight') && !t.has('blk.5.ssm_in.weight'));
  // dense FFN on every block, tied output
  assert.deepEqual(t.get('blk.5.ffn_down.weight')?.dims, [8192, 2048]);
  assert.ok(!t.has('output.weight'));
});

for (const parallel of [1, 4]) {
  test(`Granite 4.0-H-Micro on a GPU, -c 8192 -np ${parallel}: KV for 4 attention blocks + the state × ${parallel}`, () => {
    const m = catalogModel('granite4-h-micro', 'Q4_K_M');
    const e = estimate(m, { ctx: 8192, ngl: 99, flashAttn: 'on', parallel }, oneGpu);
    const kvPerToken = 4 * 8 * 64 * 2 * 2; // 4 blocks × 8 KV heads × 64 × (K + V) × f16
    const state = 36 * 2_149_376 * parallel; // 73.8 MiB per sequence
    assert.equal(e.memory.kvBytesPerToken, kvPerToken);
    assert.equal(e.memory.recurrentStateBytes, state);
    assert.equal(e.memory.breakdown.kvGpu, kvPerToken * 8192 + state);
  });
}

test('Granite 4.0-H-Small: 72 experts of 768 plus a 1536-wide shared expert on every block', () => {
  const t = new Map(catalogTensors('granite4-h-small', 'Q4_K_M').map((x) => [x.name, x]));
  assert.deepEqual(t.get('blk.0.ffn_up_exps.weight')?.dims, [4096, 768, 72]);
  assert.deepEqual(t.get('blk.5.ffn_gate_shexp.weight')?.dims, [4096, 1536]);
  assert.deepEqual(t.get('blk.0.ssm_in.weight')?.dims, [4096, 2 * 8192 + 2 * 128 + 128]);
  const m = catalogModel('granite4-h-small', 'Q4_K_M');
  // the parameter count unsloth's GGUF header states
  assert.equal(m.nParams, 32_207_337_984);
  assert.equal(m.expertUsed, 10);
  assert.equal(m.recurrentStateBytes?.filter((b) => b > 0).length, 36);
  assert.equal(m.recurrentStateBytes?.[0], (3 * (8192 + 256) + 128 * 8192) * 4);
});

// LiquidAI/LFM2-1.2B config.json: 16 blocks, attention (32 Q / 8 KV heads of 64, q/k norms) on 2, 5, 8, 10, 12, 14,
// short convolution (conv_L_cache 3) elsewhere; the state is n_embd × (L_cache - 1) f32 (llama_hparams::n_embd_r).
test('LFM2 1.2B: short-convolution blocks with a 2-column state, KV on 6 blocks, 1,170,340,608 parameters', () => {
  const m = catalogModel('lfm2-1.2b', 'Q4_K_M');
  const attention = [2, 5, 8, 10, 12, 14];
  assert.equal(m.nParams, 1_170_340_608);
  assert.deepEqual(
    m.nHeadKv,
    Array.from({ length: 16 }, (_, i) => (attention.includes(i) ? 8 : 0)),
  );
  assert.deepEqual(
    m.recurrentStateBytes,
    Array.from({ length: 16 }, (_, i) => (attention.includes(i) ? 0 : 2048 * 2 * 4)),
  );
  const t = new Map(catalogTensors('lfm2-1.2b', 'Q4_K_M').map((x) => [x.name, x]));
  assert.deepEqual(t.get('blk.0.shortconv.in_proj.weight')?.dims, [2048, 3 * 2048]);
  assert.equal(t.get('blk.0.shortconv.conv.weight')?.type, 'F32');
  assert.ok(t.has('blk.2.attn_k_norm.weight') && !t.has('blk.2.shortconv.in_proj.weight'));
  assert.ok(t.has('token_embd_norm.weight') && !t.has('output.weight'));
  const e = estimate(m, { ctx: 8192, ngl: 99, flashAttn: 'on', parallel: 4 }, oneGpu);
  assert.equal(e.memory.recurrentStateBytes, 10 * 2048 * 2 * 4 * 4);
  assert.equal(e.memory.kvBytesPerToken, 6 * 8 * 64 * 2 * 2);
});

// nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16 config.json: hybrid_override_pattern of 52 blocks, Mamba-2 64 heads of 64
// (d_inner 4096), 8 groups, d_state 128, conv 4; attention 32 Q / 2 KV heads of 128; 128 experts of 1856 (6 used) + a shared 3712.
test('Nemotron 3 Nano: 23 Mamba-2, 6 attention and 23 MoE blocks; state (3·(4096 + 2·8·128) + 128·4096) f32', () => {
  const pattern = 'MEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEMEM*EMEMEMEME';
  const m = catalogModel('nemotron3-nano-30b-a3b', 'Q8_0');
  const state = (3 * (4096 + 2 * 8 * 128) + 128 * 4096) * 4;
  assert.equal(state, 2_170_880);
  assert.deepEqual(
    m.recurrentStateBytes,
    [...pattern].map((c) => (c === 'M' ? state : 0)),
  );
  assert.deepEqual(
    m.nHeadKv,
    [...pattern].map((c) => (c === '*' ? 2 : 0)),
  );
  // experts only on the E blocks, each with its one norm and no gate
  assert.deepEqual(
    m.blocks.map((b) => b.experts.bytes > 0),
    [...pattern].map((c) => c === 'E'),
  );
  const t = new Map(catalogTensors('nemotron3-nano-30b-a3b', 'Q4_K_M').map((x) => [x.name, x]));
  assert.deepEqual(t.get('blk.1.ffn_up_exps.weight')?.dims, [2688, 1856, 128]);
  assert.ok(!t.has('blk.1.ffn_gate_exps.weight') && !t.has('blk.1.ffn_norm.weight'));
  assert.deepEqual(t.get('blk.0.ssm_norm.weight')?.dims, [512, 8]);
  // rows of 2688 are not whole 256-blocks: llama-quantize falls back from Q4_K to Q5_0
  assert.equal(t.get('blk.0.ssm_in.weight')?.type, 'Q5_0');
  assert.equal(m.nParams, catalogModel('nemotron3-nano-30b-a3b', 'BF16').nParams);
  assert.ok(Math.abs(m.nParams / 1e9 - 31.6) < 0.05, `${m.nParams}`); // the model card's 31.6B
  const e = estimate(m, { ctx: 8192, ngl: 99, flashAttn: 'on', parallel: 4 }, oneGpu);
  assert.equal(e.memory.recurrentStateBytes, 23 * state * 4);
  assert.equal(e.memory.kvBytesPerToken, 6 * 2 * 128 * 2 * 2);
});
