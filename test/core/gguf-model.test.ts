// GGUF → ModelSpec: weight grouping, architecture keys, sliding-window layouts, MoE, MLA, split shards.
// Expected bytes are shapes × ggml block sizes written out here (Q4_K 144 B / 256, Q6_K 210 B / 256, F32 4 B).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadGgufModel, ggufTensorBytes, clearGgufCache } from '../../src/core/gguf';
import { ModelFitError } from '../../src/core/errors';
import { arr, f32, stringArray, u32, writeGguf, type TensorSpec } from '../helpers/ggufWriter';

let dir = '';
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gguf-model-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);

const Q4K = (el: number) => (el / 256) * 144;
const Q6K = (el: number) => (el / 256) * 210;
const F32 = (el: number) => el * 4;

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

// ---- Dense GQA: Llama-3.1-8B shapes, every 2-D weight Q4_K, output Q6_K.
function llama8bTensors(tied = false): TensorSpec[] {
  const t: TensorSpec[] = [
    { name: 'token_embd.weight', type: 'Q4_K', dims: [4096, 128256] },
    { name: 'rope_freqs.weight', type: 'F32', dims: [64] },
  ];
  for (const i of range(32)) {
    t.push(
      { name: `blk.${i}.attn_norm.weight`, type: 'F32', dims: [4096] },
      { name: `blk.${i}.attn_q.weight`, type: 'Q4_K', dims: [4096, 4096] },
      { name: `blk.${i}.attn_k.weight`, type: 'Q4_K', dims: [4096, 1024] },
      { name: `blk.${i}.attn_v.weight`, type: 'Q4_K', dims: [4096, 1024] },
      { name: `blk.${i}.attn_output.weight`, type: 'Q4_K', dims: [4096, 4096] },
      { name: `blk.${i}.ffn_norm.weight`, type: 'F32', dims: [4096] },
      { name: `blk.${i}.ffn_gate.weight`, type: 'Q4_K', dims: [4096, 14336] },
      { name: `blk.${i}.ffn_up.weight`, type: 'Q4_K', dims: [4096, 14336] },
      { name: `blk.${i}.ffn_down.weight`, type: 'Q4_K', dims: [14336, 4096] },
    );
  }
  t.push({ name: 'output_norm.weight', type: 'F32', dims: [4096] });
  if (!tied) t.push({ name: 'output.weight', type: 'Q6_K', dims: [4096, 128256] });
  return t;
}

const llamaMeta = {
  'general.architecture': 'llama',
  'general.basename': 'Meta-Llama-3.1',
  'general.size_label': '8B',
  'llama.block_count': 32,
  'llama.context_length': 131072,
  'llama.embedding_length': 4096,
  'llama.feed_forward_length': 14336,
  'llama.attention.head_count': 32,
  'llama.attention.head_count_kv': 8,
  'llama.rope.freq_base': f32(500000),
  'tokenizer.ggml.tokens': stringArray(128256),
};

test('dense GQA (Llama-3.1-8B shapes): per-block bytes and params, arch fields', async () => {
  const p = file('llama8b.gguf');
  const size = writeGguf(p, { metadata: llamaMeta, tensors: llama8bTensors() });
  const s = await loadGgufModel(p);
  const blockParams = 2 * 4096 * 4096 + 2 * 4096 * 1024 + 3 * 4096 * 14336 + 2 * 4096; // 218,112,000
  const blockBytes = Q4K(2 * 4096 * 4096) + Q4K(2 * 4096 * 1024) + Q4K(3 * 4096 * 14336) + F32(2 * 4096);
  assert.equal(blockParams, 218_112_000);
  assert.equal(s.blocks.length, 32);
  for (const b of s.blocks) {
    assert.deepEqual(b.dense, { bytes: blockBytes, params: blockParams });
    assert.deepEqual(b.experts, { bytes: 0, params: 0 });
  }
  assert.deepEqual(s.tokenEmbd, { bytes: Q4K(4096 * 128256), params: 4096 * 128256 });
  assert.deepEqual(s.output, { bytes: Q6K(4096 * 128256) + F32(4096), params: 4096 * 128256 + 4096 });
  assert.deepEqual(s.other, { bytes: 256, params: 64 });
  assert.equal(s.tiedEmbeddings, false);
  assert.equal(s.nParams, 32 * blockParams + 2 * 4096 * 128256 + 4096 + 64);
  assert.equal(s.tensorBytes, 32 * blockBytes + Q4K(4096 * 128256) + Q6K(4096 * 128256) + F32(4096) + 256);
  assert.equal(s.fileBytes, size);
  assert.equal(s.arch, 'llama');
  assert.equal(s.nLayer, 32);
  assert.equal(s.nEmbd, 4096);
  assert.equal(s.nFf, 14336);
  assert.equal(s.nHead, 32);
  assert.deepEqual(s.nHeadKv, new Array(32).fill(8));
  assert.equal(s.headDimK, 128); // 4096 / 32: no key_length key
  assert.equal(s.headDimV, 128);
  assert.equal(s.nVocab, 128256); // from the token list's length
  assert.equal(s.ctxTrain, 131072);
  assert.equal(s.slidingWindow, 0);
  assert.ok(s.swaLayers.every((x) => !x) && s.swaLayers.length === 32);
  assert.equal(s.expertCount, 0);
  assert.equal(s.expertFf, 0);
  assert.equal(s.mla, undefined);
  assert.equal(s.name, 'Meta-Llama-3.1 8B');
  assert.equal(s.quant, 'Q4_K'); // no general.file_type: most common block weight type
  assert.equal(s.source, 'gguf');
  assert.equal(s.ref, p);
});

test('tied embeddings: output counts a copy of token_embd plus output_norm', async () => {
  const p = file('tied.gguf');
  writeGguf(p, { metadata: { ...llamaMeta, 'general.name': 'Tied', 'general.file_type': 15 }, tensors: llama8bTensors(true) });
  const s = await loadGgufModel(p, 'ollama');
  assert.equal(s.tiedEmbeddings, true);
  assert.deepEqual(s.output, { bytes: Q4K(4096 * 128256) + F32(4096), params: 4096 * 128256 + 4096 });
  assert.equal(s.nParams, 32 * 218_112_000 + 4096 * 128256 + 4096 + 64); // the copy is not a parameter
  assert.equal(s.quant, 'Q4_K_M');
  assert.equal(s.name, 'Tied');
  assert.equal(s.source, 'ollama');
});

test('Ollama blobs: no .gguf extension, detected by magic', async () => {
  const p = file('sha256-0123abcd');
  writeGguf(p, { metadata: llamaMeta, tensors: llama8bTensors() });
  const s = await loadGgufModel(p, 'ollama');
  assert.equal(s.nLayer, 32);
  fs.writeFileSync(file('sha256-notgguf'), '{"schemaVersion":2}');
  await assert.rejects(loadGgufModel(file('sha256-notgguf')), /is not a GGUF file/);
});

// ---- Sliding window.
function smallBlocks(n: number, extra: (i: number) => TensorSpec[] = () => []): TensorSpec[] {
  const t: TensorSpec[] = [{ name: 'token_embd.weight', type: 'F32', dims: [256, 16] }];
  for (const i of range(n)) t.push({ name: `blk.${i}.attn_q.weight`, type: 'F32', dims: [256, 256] }, ...extra(i));
  t.push({ name: 'output_norm.weight', type: 'F32', dims: [256] });
  return t;
}

test('gemma2: every other block SWA (even blocks), default window 4096', async () => {
  const p = file('gemma2.gguf');
  writeGguf(p, {
    metadata: {
      'general.architecture': 'gemma2',
      'gemma2.block_count': 42,
      'gemma2.embedding_length': 3584,
      'gemma2.attention.head_count': 16,
      'gemma2.attention.head_count_kv': 8,
      'gemma2.attention.key_length': 256,
      'gemma2.attention.value_length': 256,
      'gemma2.feed_forward_length': 14336,
      'gemma2.context_length': 8192,
    },
    tensors: smallBlocks(42),
  });
  const s = await loadGgufModel(p);
  assert.equal(s.slidingWindow, 4096);
  assert.deepEqual(
    s.swaLayers,
    range(42).map((i) => i % 2 === 0),
  );
  assert.equal(s.headDimK, 256); // key_length, not 3584 / 16
  assert.equal(s.tiedEmbeddings, true);
});

test('gemma3: 5 SWA blocks of every 6; no window key → no SWA', async () => {
  const meta = {
    'general.architecture': 'gemma3',
    'gemma3.block_count': 48,
    'gemma3.embedding_length': 3840,
    'gemma3.attention.head_count': 16,
    'gemma3.attention.head_count_kv': 8,
    'gemma3.attention.key_length': 256,
    'gemma3.attention.value_length': 256,
    'gemma3.context_length': 131072,
  };
  const p = file('gemma3.gguf');
  writeGguf(p, { metadata: { ...meta, 'gemma3.attention.sliding_window': 1024 }, tensors: smallBlocks(48) });
  const s = await loadGgufModel(p);
  assert.equal(s.slidingWindow, 1024);
  assert.deepEqual(
    s.swaLayers,
    range(48).map((i) => (i + 1) % 6 !== 0),
  );
  assert.equal(s.swaLayers.filter(Boolean).length, 40);
  const q = file('gemma3-nowin.gguf');
  writeGguf(q, { metadata: meta, tensors: smallBlocks(48) });
  const n = await loadGgufModel(q);
  assert.equal(n.slidingWindow, 0);
  assert.ok(n.swaLayers.every((x) => !x));
});

test('gpt-oss alternates (even blocks SWA); cohere2 period 4; a pattern key overrides; llama ignores a window', async () => {
  const base = (arch: string, extra: Record<string, unknown>) => ({
    [`${arch}.block_count`]: 8,
    [`${arch}.embedding_length`]: 256,
    [`${arch}.attention.head_count`]: 4,
    'general.architecture': arch,
    ...extra,
  });
  const cases: Array<[string, Record<string, unknown>, number, boolean[]]> = [
    ['gpt-oss', { 'gpt-oss.attention.sliding_window': 128 }, 128, range(8).map((i) => i % 2 === 0)],
    ['cohere2', { 'cohere2.attention.sliding_window': 4096 }, 4096, range(8).map((i) => i % 4 !== 3)],
    [
      'gemma3',
      { 'gemma3.attention.sliding_window': 512, 'gemma3.attention.sliding_window_pattern': 4 },
      512,
      range(8).map((i) => i % 4 !== 3),
    ],
    [
      'gemma4',
      {
        'gemma4.attention.sliding_window': 512,
        'gemma4.attention.sliding_window_pattern': [true, true, false, true, true, true, true, false],
      },
      512,
      [true, true, false, true, true, true, true, false],
    ],
    ['llama4', {}, 8192, range(8).map((i) => i % 4 !== 3)], // chunked attention, 8192-token chunks
    ['llama4', { 'llama4.attention.sliding_window': 0 }, 0, new Array(8).fill(false)],
    ['llama', { 'llama.attention.sliding_window': 4096 }, 0, new Array(8).fill(false)],
  ];
  for (const [arch, extra, window, layers] of cases) {
    const p = file(`swa-${arch}-${window}.gguf`);
    writeGguf(p, { metadata: base(arch, extra), tensors: smallBlocks(8) });
    const s = await loadGgufModel(p);
    assert.equal(s.slidingWindow, window, arch);
    assert.deepEqual(s.swaLayers, layers, arch);
  }
});

test('per-layer head_count_kv array; hybrid and shared-KV blocks have no KV', async () => {
  const p = file('perlayer.gguf');
  writeGguf(p, {
    metadata: {
      'general.architecture': 'lfm2',
      'lfm2.block_count': 4,
      'lfm2.embedding_length': 256,
      'lfm2.attention.head_count': 4,
      'lfm2.attention.head_count_kv': arr('u32', [0, 2, 0, 2]),
      'lfm2.feed_forward_length': arr('i32', [512, 512, 768, 512]),
    },
    tensors: smallBlocks(4, (i) => [{ name: `blk.${i}.ffn_up.weight`, type: 'F32', dims: [256, 512] }]),
  });
  const s = await loadGgufModel(p);
  assert.deepEqual(s.nHeadKv, [0, 2, 0, 2]);
  assert.equal(s.nFf, 768);
  const q = file('qwen3next.gguf');
  writeGguf(q, {
    metadata: {
      'general.architecture': 'qwen3next',
      'qwen3next.block_count': 8,
      'qwen3next.embedding_length': 256,
      'qwen3next.attention.head_count': 4,
      'qwen3next.attention.head_count_kv': 2,
      'qwen3next.full_attention_interval': 4,
    },
    tensors: smallBlocks(8),
  });
  assert.deepEqual((await loadGgufModel(q)).nHeadKv, [0, 0, 0, 2, 0, 0, 0, 2]);
  const g = file('gemma4.gguf');
  writeGguf(g, {
    metadata: {
      'general.architecture': 'gemma4',
      'gemma4.block_count': 6,
      'gemma4.embedding_length': 256,
      'gemma4.attention.head_count': 4,
      'gemma4.attention.head_count_kv': 1,
      'gemma4.attention.shared_kv_layers': 2,
      'gemma4.attention.key_length': 512,
      'gemma4.attention.key_length_swa': 256,
      'gemma4.attention.value_length_swa': 256,
    },
    tensors: smallBlocks(6),
  });
  const g4 = await loadGgufModel(g);
  assert.deepEqual(g4.nHeadKv, [1, 1, 1, 1, 0, 0]);
  assert.equal(g4.headDimK, 512);
  assert.equal(g4.headDimKSwa, 256);
  assert.equal(g4.headDimVSwa, 256);
});

// ---- MoE: Qwen3-30B-A3B shapes.
test('MoE (Qwen3-30B-A3B shapes): routed experts apart from the dense part of each block', async () => {
  const t: TensorSpec[] = [{ name: 'token_embd.weight', type: 'Q4_K', dims: [2048, 151936] }];
  for (const i of range(48)) {
    t.push(
      { name: `blk.${i}.attn_norm.weight`, type: 'F32', dims: [2048] },
      { name: `blk.${i}.attn_q.weight`, type: 'Q4_K', dims: [2048, 4096] },
      { name: `blk.${i}.attn_k.weight`, type: 'Q4_K', dims: [2048, 512] },
      { name: `blk.${i}.attn_v.weight`, type: 'Q6_K', dims: [2048, 512] },
      { name: `blk.${i}.attn_output.weight`, type: 'Q4_K', dims: [4096, 2048] },
      { name: `blk.${i}.attn_q_norm.weight`, type: 'F32', dims: [128] },
      { name: `blk.${i}.attn_k_norm.weight`, type: 'F32', dims: [128] },
      { name: `blk.${i}.ffn_norm.weight`, type: 'F32', dims: [2048] },
      { name: `blk.${i}.ffn_gate_inp.weight`, type: 'F32', dims: [2048, 128] },
      { name: `blk.${i}.ffn_gate_exps.weight`, type: 'Q4_K', dims: [2048, 768, 128] },
      { name: `blk.${i}.ffn_up_exps.weight`, type: 'Q4_K', dims: [2048, 768, 128] },
      { name: `blk.${i}.ffn_down_exps.weight`, type: 'Q6_K', dims: [768, 2048, 128] },
    );
  }
  t.push({ name: 'output_norm.weight', type: 'F32', dims: [2048] }, { name: 'output.weight', type: 'Q6_K', dims: [2048, 151936] });
  const p = file('qwen3moe.gguf');
  writeGguf(p, {
    metadata: {
      'general.architecture': 'qwen3moe',
      'general.name': 'Qwen3 30B A3B',
      'general.file_type': 15,
      'qwen3moe.block_count': 48,
      'qwen3moe.context_length': 40960,
      'qwen3moe.embedding_length': 2048,
      'qwen3moe.feed_forward_length': 6144,
      'qwen3moe.attention.head_count': 32,
      'qwen3moe.attention.head_count_kv': 4,
      'qwen3moe.attention.key_length': 128,
      'qwen3moe.attention.value_length': 128,
      'qwen3moe.expert_count': 128,
      'qwen3moe.expert_used_count': 8,
      'qwen3moe.expert_feed_forward_length': 768,
    },
    tensors: t,
  });
  const s = await loadGgufModel(p);
  const expEl = 2048 * 768 * 128;
  const experts = { bytes: 2 * Q4K(expEl) + Q6K(expEl), params: 3 * expEl };
  const dense = {
    bytes: Q4K(2048 * 4096) * 2 + Q4K(2048 * 512) + Q6K(2048 * 512) + F32(2 * 128 + 2 * 2048 + 2048 * 128),
    params: 2 * 2048 * 4096 + 2 * 2048 * 512 + 2 * 128 + 2 * 2048 + 2048 * 128,
  };
  assert.equal(experts.bytes, 391_643_136);
  for (const b of s.blocks) {
    assert.deepEqual(b.experts, experts);
    assert.deepEqual(b.dense, dense);
  }
  assert.equal(s.expertCount, 128);
  assert.equal(s.expertUsed, 8);
  assert.equal(s.expertFf, 768);
  assert.equal(s.nFf, 0); // feed_forward_length is present, but no block has a dense FFN
  assert.deepEqual(s.nHeadKv, new Array(48).fill(4));
  assert.equal(s.headDimK, 128); // key_length (2048 / 32 would be 64)
  assert.equal(s.quant, 'Q4_K_M');
});

// ---- MLA: DeepSeek-V2-Lite shapes.
function deepseekLite(mla: boolean): { meta: Record<string, unknown>; tensors: TensorSpec[] } {
  const t: TensorSpec[] = [{ name: 'token_embd.weight', type: 'Q8_0', dims: [2048, 102400] }];
  for (const i of range(27)) {
    t.push(
      { name: `blk.${i}.attn_norm.weight`, type: 'F32', dims: [2048] },
      { name: `blk.${i}.attn_q.weight`, type: 'Q8_0', dims: [2048, 16 * 192] },
      { name: `blk.${i}.attn_kv_a_mqa.weight`, type: 'Q8_0', dims: [2048, 512 + 64] },
      { name: `blk.${i}.attn_kv_a_norm.weight`, type: 'F32', dims: [512] },
      { name: `blk.${i}.attn_k_b.weight`, type: 'Q8_0', dims: [128, 512, 16] },
      { name: `blk.${i}.attn_v_b.weight`, type: 'Q8_0', dims: [512, 128, 16] },
      { name: `blk.${i}.attn_output.weight`, type: 'Q8_0', dims: [16 * 128, 2048] },
      { name: `blk.${i}.ffn_norm.weight`, type: 'F32', dims: [2048] },
    );
    if (i === 0) {
      t.push(
        { name: 'blk.0.ffn_gate.weight', type: 'Q8_0', dims: [2048, 10944] },
        { name: 'blk.0.ffn_up.weight', type: 'Q8_0', dims: [2048, 10944] },
        { name: 'blk.0.ffn_down.weight', type: 'Q8_0', dims: [10944, 2048] },
      );
    } else {
      t.push(
        { name: `blk.${i}.ffn_gate_inp.weight`, type: 'F32', dims: [2048, 64] },
        { name: `blk.${i}.ffn_gate_exps.weight`, type: 'Q8_0', dims: [2048, 1408, 64] },
        { name: `blk.${i}.ffn_up_exps.weight`, type: 'Q8_0', dims: [2048, 1408, 64] },
        { name: `blk.${i}.ffn_down_exps.weight`, type: 'Q8_0', dims: [1408, 2048, 64] },
        { name: `blk.${i}.ffn_gate_shexp.weight`, type: 'Q8_0', dims: [2048, 2816] },
        { name: `blk.${i}.ffn_up_shexp.weight`, type: 'Q8_0', dims: [2048, 2816] },
        { name: `blk.${i}.ffn_down_shexp.weight`, type: 'Q8_0', dims: [2816, 2048] },
      );
    }
  }
  t.push({ name: 'output_norm.weight', type: 'F32', dims: [2048] }, { name: 'output.weight', type: 'Q8_0', dims: [2048, 102400] });
  const meta: Record<string, unknown> = {
    'general.architecture': 'deepseek2',
    'general.file_type': 7,
    'deepseek2.block_count': 27,
    'deepseek2.context_length': 163840,
    'deepseek2.embedding_length': 2048,
    'deepseek2.feed_forward_length': 10944,
    'deepseek2.attention.head_count': 16,
    'deepseek2.leading_dense_block_count': 1,
    'deepseek2.attention.kv_lora_rank': 512,
    'deepseek2.rope.dimension_count': 64,
    'deepseek2.expert_count': 64,
    'deepseek2.expert_used_count': 6,
    'deepseek2.expert_shared_count': 2,
    'deepseek2.expert_feed_forward_length': 1408,
    'deepseek2.vocab_size': 102400,
  };
  if (mla) {
    Object.assign(meta, {
      'deepseek2.attention.head_count_kv': 1,
      'deepseek2.attention.key_length': 576,
      'deepseek2.attention.value_length': 512,
      'deepseek2.attention.key_length_mla': 192,
      'deepseek2.attention.value_length_mla': 128,
    });
  } else {
    Object.assign(meta, {
      'deepseek2.attention.head_count_kv': 16,
      'deepseek2.attention.key_length': 192,
      'deepseek2.attention.value_length': 128,
    });
  }
  return { meta, tensors: t };
}

test('MLA (DeepSeek-V2-Lite shapes): compressed cache dims, leading dense block, shared experts in dense', async () => {
  const { meta, tensors } = deepseekLite(true);
  const p = file('dsv2lite.gguf');
  writeGguf(p, { metadata: meta, tensors });
  const s = await loadGgufModel(p);
  const Q8 = (el: number) => (el / 32) * 34;
  assert.deepEqual(s.mla, { kvLoraRank: 512, ropeDim: 64 });
  assert.equal(s.headDimK, 576);
  assert.equal(s.headDimV, 512);
  assert.deepEqual(s.nHeadKv, new Array(27).fill(1));
  assert.equal(s.nFf, 10944);
  assert.equal(s.expertCount, 64);
  assert.equal(s.expertUsed, 6);
  assert.equal(s.expertShared, 2);
  assert.equal(s.expertFf, 1408);
  assert.equal(s.nVocab, 102400);
  assert.equal(s.quant, 'Q8_0');
  const attnEl = 2048 * 3072 + 2048 * 576 + 128 * 512 * 16 + 512 * 128 * 16 + 2048 * 2048;
  const attn = Q8(attnEl) + F32(2048 + 512 + 2048);
  assert.deepEqual(s.blocks[0].experts, { bytes: 0, params: 0 });
  assert.deepEqual(s.blocks[0].dense, { bytes: attn + Q8(3 * 2048 * 10944), params: attnEl + 2048 + 512 + 2048 + 3 * 2048 * 10944 });
  const expEl = 3 * 2048 * 1408 * 64;
  assert.deepEqual(s.blocks[1].experts, { bytes: Q8(expEl), params: expEl });
  assert.deepEqual(s.blocks[26].dense, {
    bytes: attn + F32(2048 * 64) + Q8(3 * 2048 * 2816),
    params: attnEl + 2048 + 512 + 2048 + 2048 * 64 + 3 * 2048 * 2816,
  });
  // Converted before llama.cpp's MLA cache: full K/V heads, no mla.
  const old = deepseekLite(false);
  const q = file('dsv2lite-old.gguf');
  writeGguf(q, { metadata: old.meta, tensors: old.tensors });
  const o = await loadGgufModel(q);
  assert.equal(o.mla, undefined);
  assert.equal(o.headDimK, 192);
  assert.equal(o.headDimV, 128);
  assert.deepEqual(o.nHeadKv, new Array(27).fill(16));
});

// ---- Split shards.
test('split shards: any shard loads all, sizes summed; a missing shard is named', async () => {
  const all = llama8bTensors();
  const parts = [all.slice(0, 100), all.slice(100, 200), all.slice(200)];
  let total = 0;
  parts.forEach((tensors, i) => {
    const meta: Record<string, unknown> = { 'split.no': u32(i), 'split.count': u32(3), 'split.tensors.count': all.length };
    total += writeGguf(file(`Llama-8B-Q4_K-0000${i + 1}-of-00003.gguf`), { metadata: i === 0 ? { ...llamaMeta, ...meta } : meta, tensors });
  });
  const s = await loadGgufModel(file('Llama-8B-Q4_K-00002-of-00003.gguf'));
  assert.equal(s.fileBytes, total);
  assert.equal(s.ref, file('Llama-8B-Q4_K-00001-of-00003.gguf'));
  assert.equal(s.nLayer, 32);
  assert.equal(s.nParams, 32 * 218_112_000 + 2 * 4096 * 128256 + 4096 + 64);
  assert.equal(s.tiedEmbeddings, false);
  assert.match(s.provenance, /3 split shards/);
  assert.equal(await ggufTensorBytes(file('Llama-8B-Q4_K-00003-of-00003.gguf')), s.tensorBytes);
  fs.rmSync(file('Llama-8B-Q4_K-00003-of-00003.gguf'));
  clearGgufCache();
  await assert.rejects(loadGgufModel(file('Llama-8B-Q4_K-00001-of-00003.gguf')), (e: unknown) => {
    assert.ok(e instanceof ModelFitError);
    assert.match(e.message, /missing shard 3 of 3: .*Llama-8B-Q4_K-00003-of-00003\.gguf/);
    return true;
  });
});

test('not a model: mmproj and missing architecture are clear errors', async () => {
  const p = file('mmproj.gguf');
  writeGguf(p, {
    metadata: { 'general.architecture': 'clip' },
    tensors: [{ name: 'v.patch_embd.weight', type: 'F16', dims: [14, 14, 3, 1024] }],
  });
  await assert.rejects(loadGgufModel(p), /multimodal projector/);
  assert.equal(await ggufTensorBytes(p), 14 * 14 * 3 * 1024 * 2);
  const q = file('noarch.gguf');
  writeGguf(q, { metadata: {}, tensors: [] });
  await assert.rejects(loadGgufModel(q), /no general\.architecture/);
});

test('cache: a rewritten file is re-read', async () => {
  const p = file('cache.gguf');
  writeGguf(p, { metadata: { ...llamaMeta, 'general.name': 'First' }, tensors: llama8bTensors() });
  assert.equal((await loadGgufModel(p)).name, 'First');
  writeGguf(p, { metadata: { ...llamaMeta, 'general.name': 'Second one' }, tensors: llama8bTensors() });
  const later = new Date(Date.now() + 5000);
  fs.utimesSync(p, later, later);
  assert.equal((await loadGgufModel(p)).name, 'Second one');
});
