// Model references → catalog entries, and the catalog's public API on bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogIds, catalogModel, catalogQuants, catalogTensors, matchCatalogRef } from '../../src/core/catalog';
import { ModelFitError } from '../../src/core/errors';

const TABLE: Array<[string, string, string, boolean] | [string, undefined]> = [
  // Ollama library tags (library default quant Q4_K_M)
  ['llama3.1', 'llama3.1-8b', 'Q4_K_M', false],
  ['llama3.1:latest', 'llama3.1-8b', 'Q4_K_M', false],
  ['llama3.1:8b', 'llama3.1-8b', 'Q4_K_M', false],
  ['llama3.1:70b-instruct-q8_0', 'llama3.1-70b', 'Q8_0', true],
  ['llama3.1:8b-instruct-fp16', 'llama3.1-8b', 'F16', true],
  ['llama3.2:1b', 'llama3.2-1b', 'Q4_K_M', false],
  ['llama3.3', 'llama3.3-70b', 'Q4_K_M', false],
  ['qwen3:30b-a3b', 'qwen3-30b-a3b', 'Q4_K_M', false],
  ['qwen3:30b-a3b-q4_K_M', 'qwen3-30b-a3b', 'Q4_K_M', true],
  ['qwen3:30b', 'qwen3-30b-a3b', 'Q4_K_M', false],
  ['qwen3:235b-a22b-q8_0', 'qwen3-235b-a22b', 'Q8_0', true],
  ['qwen3:0.6b', 'qwen3-0.6b', 'Q4_K_M', false],
  ['gemma3:27b', 'gemma3-27b', 'Q4_K_M', false],
  ['gemma3:4b-it-q8_0', 'gemma3-4b', 'Q8_0', true],
  ['gemma2:2b-instruct-q4_0', 'gemma2-2b', 'Q4_0', true],
  ['deepseek-r1:7b', 'deepseek-r1-distill-qwen-7b', 'Q4_K_M', false],
  ['deepseek-r1:1.5b', 'deepseek-r1-distill-qwen-1.5b', 'Q4_K_M', false],
  ['deepseek-r1:8b', 'deepseek-r1-0528-qwen3-8b', 'Q4_K_M', false],
  ['deepseek-r1:8b-llama-distill-q4_K_M', 'deepseek-r1-distill-llama-8b', 'Q4_K_M', true],
  ['deepseek-r1:70b', 'deepseek-r1-distill-llama-70b', 'Q4_K_M', false],
  ['deepseek-r1:671b', 'deepseek-r1-671b', 'Q4_K_M', false],
  ['gpt-oss:20b', 'gpt-oss-20b', 'MXFP4', false],
  ['gpt-oss:120b', 'gpt-oss-120b', 'MXFP4', false],
  ['gpt-oss', 'gpt-oss-20b', 'MXFP4', false],
  ['mistral', 'mistral-7b', 'Q4_K_M', false],
  ['mistral:7b-instruct-v0.3-q5_K_M', 'mistral-7b', 'Q5_K_M', true],
  ['mistral-nemo', 'mistral-nemo-12b', 'Q4_K_M', false],
  ['mixtral:8x7b', 'mixtral-8x7b', 'Q4_0', false], // Ollama's older libraries default to Q4_0 (26 GB)
  ['mixtral:8x22b-instruct-v0.1-q2_K', 'mixtral-8x22b', 'Q2_K', true],
  ['phi4', 'phi4-14b', 'Q4_K_M', false],
  ['phi3:mini', 'phi3-mini', 'Q4_K_M', false],
  ['phi3:medium', 'phi3-medium', 'Q4_K_M', false],
  ['qwen2.5-coder:7b', 'qwen2.5-coder-7b', 'Q4_K_M', false],
  ['qwen2.5:72b-instruct-q4_K_S', 'qwen2.5-72b', 'Q4_K_S', true],
  ['library/qwen2.5:0.5b', 'qwen2.5-0.5b', 'Q4_K_M', false],
  ['registry.ollama.ai/library/llama3.2:3b', 'llama3.2-3b', 'Q4_K_M', false],
  // Hugging Face (Ollama's hf.co/…, llama-server -hf owner/repo:QUANT)
  ['hf.co/bartowski/Meta-Llama-3.1-8B-Instruct-GGUF:Q4_K_M', 'llama3.1-8b', 'Q4_K_M', true],
  ['hf.co/bartowski/Meta-Llama-3.1-8B-Instruct-GGUF', 'llama3.1-8b', 'Q4_K_M', false],
  ['hf.co/unsloth/Qwen3-30B-A3B-GGUF:Q4_K_M', 'qwen3-30b-a3b', 'Q4_K_M', true],
  ['bartowski/Meta-Llama-3.1-8B-Instruct-GGUF:Q8_0', 'llama3.1-8b', 'Q8_0', true],
  ['-hf bartowski/Meta-Llama-3.1-8B-Instruct-GGUF:q8_0', 'llama3.1-8b', 'Q8_0', true],
  ['https://huggingface.co/bartowski/google_gemma-3-27b-it-GGUF:IQ4_XS', 'gemma3-27b', 'IQ4_XS', true],
  ['hf.co/bartowski/Qwen2.5-Coder-32B-Instruct-GGUF:Q6_K', 'qwen2.5-coder-32b', 'Q6_K', true],
  ['hf.co/unsloth/DeepSeek-R1-Distill-Qwen-14B-GGUF:Q4_K_M', 'deepseek-r1-distill-qwen-14b', 'Q4_K_M', true],
  ['hf.co/bartowski/mistralai_Mistral-Small-24B-Instruct-2501-GGUF:Q4_K_M', 'mistral-small-24b', 'Q4_K_M', true],
  ['hf.co/ggml-org/gpt-oss-20b-GGUF', 'gpt-oss-20b', 'MXFP4_MOE', false], // experts MXFP4, the rest Q8_0 (12.1 GB)
  ['hf.co/unsloth/DeepSeek-R1-GGUF:Q4_K_M', 'deepseek-r1-671b', 'Q4_K_M', true],
  ['hf.co/microsoft/Phi-3-mini-4k-instruct-gguf', 'phi3-mini', 'Q4_K_M', false],
  // an unknown quant label is passed on (upper-cased) so catalogModel can say which quants exist
  ['hf.co/unsloth/Qwen3-30B-A3B-GGUF:UD-Q4_K_XL', 'qwen3-30b-a3b', 'UD-Q4_K_XL', true],
  // catalog ids
  ['llama3.1-8b', 'llama3.1-8b', 'Q4_K_M', false],
  ['qwen3-30b-a3b:Q8_0', 'qwen3-30b-a3b', 'Q8_0', true],
  // not in the catalog
  ['llama2', 'llama2-7b', 'Q4_0', false],
  ['qwen3.6:35b', 'qwen3.6-35b-a3b', 'Q4_K_M', false],
  ['qwen3:30b-a3b-instruct-2507-q4_K_M', 'qwen3-30b-a3b-2507', 'Q4_K_M', true],
  ['gemma3:27b-it-qat', 'gemma3-27b', 'QAT_F16_EMBD', true], // Google's QAT Q4_0 file, F16 embedding
  ['hf.co/ggml-org/Qwen3-Coder-30B-A3B-Instruct-Q8_0-GGUF', 'qwen3-coder-30b-a3b', 'Q8_0', true],
  ['hf.co/bartowski/openai_gpt-oss-20b-GGUF:MXFP4', 'gpt-oss-20b', 'MXFP4_MOE', true],
  ['hf.co/TheBloke/Llama-2-13B-chat-GGUF:Q4_0', 'llama2-13b', 'Q4_0', true],
  ['llama3.1:13b-oops', undefined],
  ['someone/custom-model:latest', undefined],
  ['hf.co/bartowski/SmolLM2-135M-Instruct-GGUF:Q4_K_M', undefined],
  ['./models/llama.gguf', undefined],
  ['/abs/path/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf', undefined],
  ['', undefined],
  ['llama3.1:8b:extra', undefined],
  ['x'.repeat(5000), undefined],
];

for (const [ref, id, quant, given] of TABLE) {
  test(`matchCatalogRef(${JSON.stringify(ref.slice(0, 70))})`, () => {
    const m = matchCatalogRef(ref);
    if (id === undefined) assert.equal(m, undefined);
    else assert.deepEqual(m && { id: m.id, quant: m.quant, quantGiven: m.quantGiven }, { id, quant, quantGiven: given });
    // Ollama library tags are marked (their blobs carry the vision tower); Hugging Face repos and ids are not.
    if (m)
      assert.equal(
        m.ollama === true,
        !/[/]/.test(ref.replace(/^(?:registry\.ollama\.ai\/)?library\//, '')) && !ref.includes(':Q8_0') && ref !== 'llama3.1-8b',
        ref,
      );
  });
}

test('a tag without a size gets the default size (llama3.1:instruct-q8_0 → 8b)', () => {
  assert.deepEqual(matchCatalogRef('llama3.1:instruct-q8_0'), { id: 'llama3.1-8b', quant: 'Q8_0', quantGiven: true, ollama: true });
});

test('non-string input never throws', () => {
  assert.equal(matchCatalogRef(undefined as unknown as string), undefined);
  assert.equal(matchCatalogRef(42 as unknown as string), undefined);
});

test('catalogIds lists every entry once, with names and families', () => {
  const ids = catalogIds();
  assert.equal(new Set(ids.map((x) => x.id)).size, ids.length);
  for (const want of [
    'llama3.1-405b',
    'qwen3-235b-a22b',
    'gemma3-1b',
    'mixtral-8x22b',
    'phi3-medium',
    'deepseek-v3-671b',
    'gpt-oss-120b',
  ]) {
    assert.ok(
      ids.some((x) => x.id === want),
      want,
    );
  }
  assert.ok(ids.every((x) => x.name && x.family));
});

test('catalogQuants: smallest file first, MoE-only and gpt-oss-only labels only where they apply', () => {
  const q = catalogQuants('llama3.1-8b');
  const sizes = q.map((x) => catalogModel('llama3.1-8b', x).tensorBytes);
  assert.deepEqual(
    sizes,
    [...sizes].sort((a, b) => a - b),
  );
  assert.ok(q.indexOf('Q4_K_M') < q.indexOf('Q5_K_M') && q.indexOf('Q5_K_M') < q.indexOf('Q8_0') && q.indexOf('Q8_0') < q.indexOf('F16'));
  assert.ok(!q.includes('MXFP4_MOE') && !q.includes('MXFP4'));
  assert.ok(catalogQuants('qwen3-30b-a3b').includes('MXFP4_MOE'));
  assert.ok(catalogQuants('gpt-oss-20b').includes('MXFP4'));
});

test('catalogModel: provenance names the source; quant labels are normalized', () => {
  const spec = catalogModel('qwen3-8b', 'q4_k_m');
  assert.equal(spec.quant, 'Q4_K_M');
  assert.equal(spec.source, 'catalog');
  assert.equal(spec.ref, 'qwen3-8b');
  assert.equal(spec.provenance, 'catalog estimate (https://huggingface.co/Qwen/Qwen3-8B/blob/main/config.json)');
  assert.equal(catalogModel('llama3.1-8b', 'fp16').quant, 'F16');
});

test('catalogModel: unknown id or quant → one-line ModelFitError naming the closest', () => {
  assert.throws(
    () => catalogModel('llama3.1-7b', 'Q4_K_M'),
    (e: unknown) => e instanceof ModelFitError && /llama3\.1-8b/.test(e.message) && !e.message.includes('\n'),
  );
  // Suggestions by meaning (nearest bits per weight), not by spelling: a 7-bit label sits between Q6_K and Q8_0.
  assert.throws(
    () => catalogModel('qwen3-30b-a3b', 'Q7_K_Z'),
    (e: unknown) =>
      e instanceof ModelFitError &&
      /nearest by bits per weight: (Q6_K, Q8_0|Q8_0, Q6_K)/.test(e.message) &&
      /Qwen3 30B-A3B/.test(e.message),
  );
  assert.throws(() => catalogQuants('nope'), ModelFitError);
  assert.throws(() => catalogModel('llama3.1-8b', 'MXFP4'), ModelFitError);
});

test('published variants: bartowski _L/_XL put token_embd and output at Q8_0; UD-* is sized by its base mix and says so', () => {
  const base = catalogTensors('llama3.1-8b', 'Q6_K');
  const l = catalogModel('llama3.1-8b', 'Q6_K_L');
  const q8 = (name: string) => catalogTensors('llama3.1-8b', 'Q8_0').find((t) => t.name === name)!.bytes;
  const q6 = (name: string) => base.find((t) => t.name === name)!.bytes;
  assert.equal(l.quant, 'Q6_K_L');
  assert.equal(
    l.tensorBytes,
    catalogModel('llama3.1-8b', 'Q6_K').tensorBytes -
      q6('token_embd.weight') -
      q6('output.weight') +
      q8('token_embd.weight') +
      q8('output.weight'),
  );
  const ud = catalogModel('qwen3-30b-a3b', 'UD-Q4_K_XL');
  assert.equal(ud.quant, 'UD-Q4_K_XL');
  assert.match(ud.provenance, /per-tensor mix is not published: sized as Q4_K_M with Q8_0 embeddings and output/);
  // gemma QAT: Q4_0 with the tied embedding at Q8_0
  const qat = catalogTensors('gemma3-4b', 'Q4_0');
  assert.equal(catalogModel('gemma3-4b', 'QAT').tensorBytes, qat.reduce((s, t) => s + t.bytes, 0) - qat[0].bytes + q8g4());
  function q8g4(): number {
    return catalogTensors('gemma3-4b', 'Q8_0').find((t) => t.name === 'token_embd.weight')!.bytes;
  }
});
