// Quant names as they appear in file names, repo names and Ollama tags, read by the one module that knows them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  looksLikeFileType,
  nominalBits,
  normalizeQuant,
  ollamaQuantName,
  quantInFileName,
  quantInRepoName,
  quantVariant,
  splitOllamaTag,
} from '../../src/core/quantNames';

test('canonical spelling: Ollama and K aliases to llama-quantize labels', () => {
  assert.deepEqual(['q4_K_M', 'fp16', 'Q4_K', 'q8-0', 'Q4_K_XL'].map(normalizeQuant), ['Q4_K_M', 'F16', 'Q4_K_M', 'Q8_0', undefined]);
  assert.deepEqual(['Q4_K_M', 'F16', 'BF16', 'MXFP4_MOE'].map(ollamaQuantName), ['q4_K_M', 'fp16', 'bf16', 'mxfp4']);
  assert.equal(looksLikeFileType('TQ1_0'), true);
  assert.equal(looksLikeFileType('GGUF'), false);
});

test('where a quant hides: split-file names, ggml-org repo names, Ollama tags', () => {
  assert.equal(quantInFileName('Qwen3-30B-A3B-UD-Q4_K_XL-00001-of-00002.gguf'), 'UD-Q4_K_XL');
  assert.equal(quantInFileName('models/gpt-oss-20b-mxfp4.gguf'), 'mxfp4');
  assert.equal(quantInFileName('ggml-model.gguf'), undefined);
  assert.deepEqual(quantInRepoName('gemma-3-4b-it-Q8_0-GGUF'), { quant: 'Q8_0', repo: 'gemma-3-4b-it-GGUF' });
  assert.equal(quantInRepoName('Qwen3-8B-GGUF'), undefined);
  assert.deepEqual(splitOllamaTag('8b-instruct-q8_0'), { stem: '8b-instruct', quant: 'q8_0' });
  assert.deepEqual(splitOllamaTag('27b-it-qat'), { stem: '27b-it-qat' });
});

test('publisher variants and nominal bits', () => {
  assert.deepEqual(quantVariant('Q4_K_L'), { label: 'Q4_K_L', base: 'Q4_K_M', embedOutputQ8: true, approximate: false });
  assert.deepEqual(quantVariant('ud-q4_k_xl'), { label: 'UD-Q4_K_XL', base: 'Q4_K_M', embedOutputQ8: true, approximate: true });
  assert.equal(quantVariant('Q9_X'), undefined);
  // the digit plus about half a bit of block scales
  assert.deepEqual(['Q4_K_M', 'Q8_0', 'F16', 'MXFP4'].map(nominalBits), [4.5, 8.5, 16, 4.25]);
});
