// Catalog hybrids: the layout llama.cpp builds from the converted GGUF (recurrent blocks, attention
// blocks, the MTP block), and the recurrent state from llama_hparams::n_embd_r / n_embd_s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogModel, catalogTensors } from '../../src/core/catalog';

test('Qwen3.6 35B-A3B: 40 blocks + 1 MTP; DeltaNet on 30, full attention (2 KV heads of 256) on 10', () => {
  const m = catalogModel('qwen3.6-35b-a3b', 'Q4_K_M');
  assert.equal(m.blocks.length, 41);
  assert.equal(m.nextnLayers, 1);
  const state = (3 * (16 * 128 * 2 + 32 * 128) + 128 * 32 * 128) * 4;
  assert.deepEqual(m.recurrentStateBytes, Array.from({ length: 41 }, (_, i) => (i < 40 && (i + 1) % 4 !== 0 ? state : 0)));
  assert.deepEqual(m.nHeadKv, Array.from({ length: 41 }, (_, i) => (i < 40 && (i + 1) % 4 === 0 ? 2 : 0)));
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
  assert.deepEqual(mav.blocks.slice(0, 4).map((b) => b.experts.bytes > 0), [false, true, false, true]);
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
