// A catalog estimate and a local GGUF of the same model must describe the same model: write the
// catalog's tensors with the metadata llama.cpp's converter writes for that arch, read the file back
// with the GGUF reader, and compare every field the estimator uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { catalogEntry, catalogModel, catalogTensors } from '../../src/core/catalog';
import { loadGgufModel } from '../../src/core/gguf';
import { writeGguf } from '../helpers/ggufWriter';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-parity-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The hyperparameter keys convert_hf_to_gguf.py writes (vocab_size stands in for the token list). */
function metadata(id: string): Record<string, unknown> {
  const e = catalogEntry(id)!;
  const a = e.arch;
  const m: Record<string, unknown> = {
    'general.architecture': a,
    [`${a}.block_count`]: e.nLayer,
    [`${a}.embedding_length`]: e.nEmbd,
    [`${a}.feed_forward_length`]: e.nFf || (e.moe?.expertFf ?? 0),
    [`${a}.attention.head_count`]: e.nHead,
    [`${a}.attention.head_count_kv`]: e.mla ? 1 : e.nHeadKv,
    [`${a}.attention.key_length`]: e.mla ? e.mla.kvLoraRank + e.mla.qkRopeDim : e.headDim,
    [`${a}.attention.value_length`]: e.mla ? e.mla.kvLoraRank : e.headDim,
    [`${a}.context_length`]: e.ctxTrain,
    [`${a}.vocab_size`]: e.nVocab,
  };
  if (e.swa) m[`${a}.attention.sliding_window`] = e.swa.window;
  if (e.moe) {
    m[`${a}.expert_count`] = e.moe.experts;
    m[`${a}.expert_used_count`] = e.moe.used;
    m[`${a}.expert_feed_forward_length`] = e.moe.expertFf;
    if (e.moe.shared) m[`${a}.expert_shared_count`] = e.moe.shared;
    if (e.moe.leadingDense) m[`${a}.leading_dense_block_count`] = e.moe.leadingDense;
  }
  if (e.mla) {
    m[`${a}.attention.q_lora_rank`] = e.mla.qLoraRank;
    m[`${a}.attention.kv_lora_rank`] = e.mla.kvLoraRank;
    m[`${a}.attention.key_length_mla`] = e.mla.qkNopeDim + e.mla.qkRopeDim;
    m[`${a}.attention.value_length_mla`] = e.mla.vHeadDim;
    m[`${a}.rope.dimension_count`] = e.mla.qkRopeDim;
  }
  return m;
}

const CASES: Array<[string, string]> = [
  ['qwen3-30b-a3b', 'Q4_K_M'],
  ['deepseek-r1-671b', 'Q4_K_M'],
  ['gpt-oss-20b', 'MXFP4'],
  ['gemma3-27b', 'Q4_K_M'],
  ['gemma2-2b', 'Q8_0'],
  ['phi4-14b', 'Q4_K_M'],
  ['qwen2.5-0.5b', 'Q4_K_M'],
  ['mixtral-8x7b', 'Q3_K_M'],
];

for (const [id, quant] of CASES) {
  test(`${id} ${quant}: catalog ModelSpec = ModelSpec read from a GGUF with the same tensors`, async () => {
    const file = path.join(tmp, `${id}-${quant}.gguf`);
    writeGguf(file, {
      metadata: metadata(id),
      tensors: catalogTensors(id, quant).map((t) => ({ name: t.name, type: t.type, dims: t.dims })),
    });
    const fromFile = await loadGgufModel(file);
    const cat = catalogModel(id, quant);
    assert.equal(cat.tensorBytes, fromFile.tensorBytes);
    assert.equal(cat.nParams, fromFile.nParams);
    assert.deepEqual(cat.tokenEmbd, fromFile.tokenEmbd);
    assert.deepEqual(cat.output, fromFile.output);
    assert.deepEqual(cat.blocks, fromFile.blocks);
    assert.deepEqual(cat.other, fromFile.other);
    for (const k of [
      'arch',
      'nLayer',
      'nEmbd',
      'nFf',
      'nHead',
      'nHeadKv',
      'headDimK',
      'headDimV',
      'nVocab',
      'ctxTrain',
      'slidingWindow',
      'swaLayers',
      'expertCount',
      'expertUsed',
      'expertShared',
      'expertFf',
      'mla',
      'tiedEmbeddings',
    ] as const) {
      assert.deepEqual(cat[k], fromFile[k], k);
    }
  });
}
