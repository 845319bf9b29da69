// llama-quantize's per-tensor choices (llama.cpp src/llama-quant.cpp), checked with expectations
// worked out by hand from those rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogTensors } from '../../src/core/catalog';

function types(id: string, quant: string): Map<string, string> {
  return new Map(catalogTensors(id, quant).map((t) => [t.name, t.type]));
}
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

// use_more_bits(i, n): i < n/8 || i >= 7n/8 || (i - n/8) % 3 == 2
const MORE_BITS_80 = [...range(0, 10), 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45, 48, 51, 54, 57, 60, 63, 66, 69, ...range(70, 80)];

test('Q4_K_M on an 80-block llama (LLM_TYPE_70B): attn_v Q6_K on "more bits" blocks, else Q5_K; ffn_down Q6_K / Q4_K', () => {
  const t = types('llama3.1-70b', 'Q4_K_M');
  for (let i = 0; i < 80; i++) {
    const more = MORE_BITS_80.includes(i);
    assert.equal(t.get(`blk.${i}.attn_v.weight`), more ? 'Q6_K' : 'Q5_K', `attn_v ${i}`);
    assert.equal(t.get(`blk.${i}.ffn_down.weight`), more ? 'Q6_K' : 'Q4_K', `ffn_down ${i}`);
    assert.equal(t.get(`blk.${i}.attn_q.weight`), 'Q4_K');
  }
  assert.equal(t.get('output.weight'), 'Q6_K');
  assert.equal(t.get('token_embd.weight'), 'Q4_K');
  assert.equal(t.get('rope_freqs.weight'), 'F32');
});

test('Q3_K_M: first two attn_v Q5_K then Q4_K; ffn_down Q5_K below n/16 then Q4_K; attn_output Q4_K', () => {
  const t = types('llama3.1-8b', 'Q3_K_M');
  assert.equal(t.get('blk.0.attn_v.weight'), 'Q5_K');
  assert.equal(t.get('blk.1.attn_v.weight'), 'Q5_K');
  assert.equal(t.get('blk.2.attn_v.weight'), 'Q4_K');
  assert.equal(t.get('blk.1.ffn_down.weight'), 'Q5_K'); // 32/16 = 2
  assert.equal(t.get('blk.2.ffn_down.weight'), 'Q4_K');
  assert.equal(t.get('blk.5.attn_output.weight'), 'Q4_K');
  assert.equal(t.get('blk.5.ffn_up.weight'), 'Q3_K');
  // the 70B bump turns every remaining Q4_K attn_v into Q5_K
  const t70 = types('llama3.1-70b', 'Q3_K_M');
  for (let i = 0; i < 80; i++) assert.equal(t70.get(`blk.${i}.attn_v.weight`), 'Q5_K');
});

test('Q4_K_S: first four attn_v and first n/8 ffn_down get Q5_K', () => {
  const t = types('llama3.1-8b', 'Q4_K_S');
  assert.deepEqual(
    range(0, 6).map((i) => t.get(`blk.${i}.attn_v.weight`)),
    ['Q5_K', 'Q5_K', 'Q5_K', 'Q5_K', 'Q4_K', 'Q4_K'],
  );
  assert.deepEqual(
    range(0, 6).map((i) => t.get(`blk.${i}.ffn_down.weight`)),
    ['Q5_K', 'Q5_K', 'Q5_K', 'Q5_K', 'Q4_K', 'Q4_K'],
  );
});

test('Q2_K with GQA 4: attn_v Q4_K, ffn_down and attn_output Q3_K, output Q6_K, embedding stays Q2_K', () => {
  const t = types('llama3.1-8b', 'Q2_K');
  assert.equal(t.get('blk.7.attn_v.weight'), 'Q4_K');
  assert.equal(t.get('blk.7.ffn_down.weight'), 'Q3_K');
  assert.equal(t.get('blk.7.attn_output.weight'), 'Q3_K');
  assert.equal(t.get('blk.7.ffn_gate.weight'), 'Q2_K');
  assert.equal(t.get('output.weight'), 'Q6_K');
  assert.equal(t.get('token_embd.weight'), 'Q2_K');
});

test('rows that are not whole 256-blocks fall back (Qwen2.5 0.5B, n_embd 896 = 3.5 × 256)', () => {
  const t = types('qwen2.5-0.5b', 'Q4_K_M');
  assert.equal(t.get('blk.10.attn_q.weight'), 'Q5_0'); // Q4_K → Q5_0
  assert.equal(t.get('blk.0.attn_v.weight'), 'Q8_0'); // Q6_K → Q8_0
  assert.equal(t.get('blk.0.ffn_down.weight'), 'Q6_K'); // row 4864 = 19 × 256 fits
  assert.equal(t.get('blk.10.ffn_down.weight'), 'Q4_K');
  // tied: token_embd follows the output rule; 896 % 256 ≠ 0 → Q8_0
  assert.equal(t.get('token_embd.weight'), 'Q8_0');
  assert.equal(t.has('output.weight'), false);
  assert.equal(t.get('blk.0.attn_q.bias'), 'F32');
  // Q2_K / Q3_K fall back to Q4_0
  assert.equal(types('qwen2.5-0.5b', 'Q3_K_S').get('blk.10.attn_q.weight'), 'Q4_0');
});

test('tied embeddings at Q4_K_M are quantized like the output (Q6_K)', () => {
  assert.equal(types('llama3.2-3b', 'Q4_K_M').get('token_embd.weight'), 'Q6_K');
  assert.equal(types('gemma2-9b', 'Q4_K_M').get('token_embd.weight'), 'Q6_K');
});

test('Mixtral (8 experts): attn_v and attn_k Q8_0, attn_output Q5_K, router F32, expert ffn_down by layer', () => {
  const t = types('mixtral-8x7b', 'Q4_K_M');
  assert.equal(t.get('blk.9.attn_v.weight'), 'Q8_0');
  assert.equal(t.get('blk.9.attn_k.weight'), 'Q8_0');
  assert.equal(t.get('blk.9.attn_output.weight'), 'Q5_K');
  assert.equal(t.get('blk.9.ffn_gate_inp.weight'), 'F32');
  assert.equal(t.get('blk.9.ffn_gate_exps.weight'), 'Q4_K');
  assert.equal(t.get('blk.9.ffn_down_exps.weight'), 'Q6_K'); // (9 − 4) % 3 == 2
  assert.equal(t.get('blk.10.ffn_down_exps.weight'), 'Q4_K');
  // Q4_0 files too: the 8-expert attn_v rule applies to every mix
  assert.equal(types('mixtral-8x7b', 'Q4_0').get('blk.9.attn_v.weight'), 'Q8_0');
});

test('phi3 fused attn_qkv is an attn_v-like tensor; fused gate+up stays at the base type', () => {
  const t = types('phi4-14b', 'Q4_K_M');
  assert.equal(t.get('blk.0.attn_qkv.weight'), 'Q6_K');
  assert.equal(t.get('blk.5.attn_qkv.weight'), 'Q4_K'); // 40/8 = 5; (5 − 5) % 3 = 0
  assert.equal(t.get('blk.7.attn_qkv.weight'), 'Q6_K');
  assert.equal(t.get('blk.5.ffn_up.weight'), 'Q4_K');
});

test('MXFP4_MOE: 3-D expert tensors MXFP4, every other matrix Q8_0; Ollama-style MXFP4 keeps BF16', () => {
  const q = types('gpt-oss-20b', 'MXFP4_MOE');
  assert.equal(q.get('blk.0.ffn_up_exps.weight'), 'MXFP4');
  assert.equal(q.get('blk.0.ffn_down_exps.weight'), 'MXFP4');
  assert.equal(q.get('blk.0.attn_q.weight'), 'Q8_0');
  assert.equal(q.get('token_embd.weight'), 'Q8_0');
  assert.equal(q.get('output.weight'), 'Q8_0');
  assert.equal(q.get('blk.0.attn_sinks.weight'), 'F32');
  assert.equal(q.get('blk.0.ffn_gate_inp.weight'), 'F32');
  assert.equal(q.get('blk.0.ffn_up_exps.bias'), 'F32');
  const o = types('gpt-oss-20b', 'MXFP4');
  assert.equal(o.get('blk.0.ffn_up_exps.weight'), 'MXFP4');
  assert.equal(o.get('blk.0.attn_q.weight'), 'BF16');
  assert.equal(o.get('token_embd.weight'), 'BF16');
});

test('F16: every matrix F16, 1-D tensors and the router F32', () => {
  const t = types('qwen3-30b-a3b', 'F16');
  assert.equal(t.get('blk.0.ffn_up_exps.weight'), 'F16');
  assert.equal(t.get('blk.0.attn_q.weight'), 'F16');
  assert.equal(t.get('blk.0.attn_q_norm.weight'), 'F32');
  assert.equal(t.get('blk.0.ffn_gate_inp.weight'), 'F32');
});

test('IQ mixes: IQ2_XXS keeps the output at Q5_K and the embedding at Q2_K; IQ4_XS attn_v Q5_K with GQA ≥ 4', () => {
  const t = types('llama3.1-8b', 'IQ2_XXS');
  assert.equal(t.get('output.weight'), 'Q5_K');
  assert.equal(t.get('token_embd.weight'), 'Q2_K');
  assert.equal(t.get('blk.3.attn_v.weight'), 'Q4_K'); // n_gqa = 4
  assert.equal(t.get('blk.3.ffn_down.weight'), 'Q2_K'); // first n/8
  assert.equal(t.get('blk.4.ffn_down.weight'), 'IQ2_XXS');
  const x = types('llama3.1-8b', 'IQ4_XS');
  assert.equal(x.get('blk.20.attn_v.weight'), 'Q5_K');
  assert.equal(x.get('blk.20.attn_q.weight'), 'IQ4_XS');
});
