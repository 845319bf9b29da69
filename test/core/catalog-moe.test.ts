// MoE, MLA and sliding-window entries: bytes worked out by hand from the tensor shapes and
// ggml block sizes (Q4_K: 144 bytes per 256, Q6_K: 210 per 256, Q5_0: 22 per 32, F32: 4 per value).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogModel, catalogTensors } from '../../src/core/catalog';

const Q4K = (rowLen: number, rows: number) => (rowLen / 256) * 144 * rows;
const Q6K = (rowLen: number, rows: number) => (rowLen / 256) * 210 * rows;

test('Qwen3-30B-A3B Q4_K_M: routed-expert bytes of each block from the shapes', () => {
  const spec = catalogModel('qwen3-30b-a3b', 'Q4_K_M');
  // gate/up_exps [2048, 768, 128] Q4_K; down_exps [768, 2048, 128] Q6_K on "more bits" blocks (n = 48: < 6, ≥ 42, (i − 6) % 3 == 2)
  const gateUp = 2 * Q4K(2048, 768 * 128);
  assert.equal(gateUp, 226_492_416);
  const withQ6 = gateUp + Q6K(768, 2048 * 128);
  const withQ4 = gateUp + Q4K(768, 2048 * 128);
  assert.equal(spec.blocks[0].experts.bytes, withQ6);
  assert.equal(spec.blocks[0].experts.bytes, 391_643_136);
  assert.equal(spec.blocks[6].experts.bytes, withQ4);
  assert.equal(spec.blocks[8].experts.bytes, withQ6);
  assert.equal(spec.blocks[40].experts.bytes, withQ4);
  assert.equal(spec.blocks[41].experts.bytes, withQ6);
  assert.equal(spec.blocks[47].experts.bytes, withQ6);
  assert.equal(spec.blocks[0].experts.params, 3 * 2048 * 768 * 128);

  // dense part of block 0: norms and q/k norms F32, q/k/o Q4_K, v Q6_K (block 0), router F32 [2048, 128]
  const dense0 = 2 * 2048 * 4 + 2 * 128 * 4 + Q4K(2048, 4096) + Q4K(2048, 512) + Q6K(2048, 512) + Q4K(4096, 2048) + 2048 * 128 * 4;
  assert.equal(spec.blocks[0].dense.bytes, dense0);
  assert.equal(dense0, 11_953_152);

  assert.equal(spec.expertCount, 128);
  assert.equal(spec.expertUsed, 8);
  assert.equal(spec.expertShared, 0);
  assert.equal(spec.expertFf, 768);
  assert.equal(spec.nFf, 0);
  assert.deepEqual(spec.nHeadKv, new Array(48).fill(4));
  assert.equal(spec.headDimK, 128);
  assert.equal(spec.tiedEmbeddings, false);
  // 30.5B parameters (Qwen's model card: 30.5B total)
  assert.ok(Math.abs(spec.nParams / 1e9 - 30.5) < 0.1, `${spec.nParams}`);
});

test('DeepSeek-R1 671B Q4_K_M: MLA attention, 3 dense blocks, then 256 routed + 1 shared expert', () => {
  const spec = catalogModel('deepseek-r1-671b', 'Q4_K_M');
  const t = new Map(catalogTensors('deepseek-r1-671b', 'Q4_K_M').map((x) => [x.name, x]));

  // MLA projections of block 0
  assert.equal(t.get('blk.0.attn_q_a.weight')!.bytes, Q4K(7168, 1536));
  assert.equal(t.get('blk.0.attn_q_b.weight')!.bytes, Q4K(1536, 128 * (128 + 64)));
  assert.equal(t.get('blk.0.attn_kv_a_mqa.weight')!.bytes, Q4K(7168, 512 + 64));
  // k_b rows are qk_nope = 128 long: Q4_K does not fit, falls back to Q5_0 (22 bytes per 32)
  assert.deepEqual(t.get('blk.0.attn_k_b.weight')!.dims, [128, 512, 128]);
  assert.equal(t.get('blk.0.attn_k_b.weight')!.type, 'Q5_0');
  assert.equal(t.get('blk.0.attn_k_b.weight')!.bytes, (128 / 32) * 22 * 512 * 128);
  assert.equal(t.get('blk.0.attn_v_b.weight')!.bytes, Q4K(512, 128 * 128));
  assert.equal(t.get('blk.0.attn_output.weight')!.bytes, Q4K(128 * 128, 7168));
  const attn0 =
    Q4K(7168, 1536) +
    1536 * 4 +
    Q4K(1536, 24576) +
    Q4K(7168, 576) +
    512 * 4 +
    (128 / 32) * 22 * 65536 +
    Q4K(512, 16384) +
    Q4K(16384, 7168) +
    7168 * 4;

  // blocks 0–2 are dense FFN (18432 wide), ffn_down Q6_K (block < 61/8 = 7)
  const ffn0 = 2 * Q4K(7168, 18432) + Q6K(18432, 7168) + 7168 * 4;
  assert.equal(spec.blocks[0].dense.bytes, attn0 + ffn0);
  assert.equal(spec.blocks[2].experts.bytes, 0);

  // block 3: routed experts [7168, 2048, 256] ×2 Q4_K + [2048, 7168, 256] Q6_K
  assert.equal(spec.blocks[3].experts.bytes, 2 * Q4K(7168, 2048 * 256) + Q6K(2048, 7168 * 256));
  assert.equal(spec.blocks[3].experts.bytes, 7_310_671_872);
  // block 3 dense: attention + router F32 [7168, 256] + exp_probs_b [256] + shared expert (down Q6_K) + ffn_norm
  const shared3 = 2 * Q4K(7168, 2048) + Q6K(2048, 7168);
  assert.equal(spec.blocks[3].dense.bytes, attn0 + 7168 * 256 * 4 + 256 * 4 + shared3 + 7168 * 4);
  // block 10 ((10 − 7) % 3 = 0): expert down at Q4_K
  assert.equal(spec.blocks[10].experts.bytes, 3 * Q4K(7168, 2048 * 256));

  // the cache holds one latent per token: K = kv_lora_rank + rope dims, V = kv_lora_rank
  assert.deepEqual(spec.mla, { kvLoraRank: 512, ropeDim: 64 });
  assert.deepEqual(spec.nHeadKv, new Array(61).fill(1));
  assert.equal(spec.headDimK, 576);
  assert.equal(spec.headDimV, 512);
  assert.equal(spec.expertCount, 256);
  assert.equal(spec.expertShared, 1);
  assert.equal(spec.nFf, 18432);
  // 671B parameters (DeepSeek's model card: 671B total, the MTP block excluded from the GGUF)
  assert.ok(Math.abs(spec.nParams / 1e9 - 671) < 1, `${spec.nParams}`);
});

test('gpt-oss-20b: attention sinks and biases, routed experts MXFP4 (17 bytes per 32), sliding window on even blocks', () => {
  const spec = catalogModel('gpt-oss-20b', 'MXFP4');
  const mxfp4 = (rowLen: number, rows: number) => (rowLen / 32) * 17 * rows;
  // gate/up/down exps are all [2880, 2880, 32]; biases [2880, 32] F32 each
  assert.equal(spec.blocks[0].experts.bytes, 3 * mxfp4(2880, 2880 * 32) + 3 * 2880 * 32 * 4);
  const names = catalogTensors('gpt-oss-20b', 'MXFP4').map((t) => t.name);
  for (const n of [
    'blk.0.attn_sinks.weight',
    'blk.0.attn_q.bias',
    'blk.0.attn_output.bias',
    'blk.0.ffn_gate_inp.bias',
    'blk.0.post_attention_norm.weight',
  ]) {
    assert.ok(names.includes(n), n);
  }
  assert.equal(spec.slidingWindow, 128);
  assert.deepEqual(spec.swaLayers.slice(0, 4), [true, false, true, false]);
  assert.equal(spec.headDimK, 64);
  assert.equal(spec.expertUsed, 4);
  // 20.9B parameters (OpenAI's model card: 21B total)
  assert.ok(Math.abs(spec.nParams / 1e9 - 20.9) < 0.1, `${spec.nParams}`);
});

test('Gemma 3: five sliding-window blocks then one global; tied output duplicates token_embd', () => {
  const spec = catalogModel('gemma3-27b', 'Q4_K_M');
  assert.equal(spec.slidingWindow, 1024);
  assert.deepEqual(spec.swaLayers.slice(0, 12), [true, true, true, true, true, false, true, true, true, true, true, false]);
  assert.equal(spec.tiedEmbeddings, true);
  // output layer = token_embd (Q6_K, the tied rule) + output_norm F32
  assert.equal(spec.tokenEmbd.bytes, Q6K(5376, 262144));
  assert.equal(spec.output.bytes, spec.tokenEmbd.bytes + 5376 * 4);
  // the duplicate is not counted twice in the file
  const sum = spec.tokenEmbd.bytes + spec.blocks.reduce((s, b) => s + b.dense.bytes + b.experts.bytes, 0) + 5376 * 4 + spec.other.bytes;
  assert.equal(spec.tensorBytes, sum);
});
