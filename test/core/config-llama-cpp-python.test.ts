import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat, parseConfigFile, parseLlamaCppPython } from '../../src/core/config';

const JSON_TEXT = `{
  "host": "0.0.0.0",
  "port": 8000,
  "models": [
    {
      "model": "models/Llama-3.1-8B-Instruct-Q4_K_M.gguf",
      "model_alias": "llama-8b",
      "n_ctx": 16384,
      "n_gpu_layers": -1,
      "n_batch": 1024,
      "flash_attn": true,
      "type_k": 8,
      "type_v": 8,
      "clip_model_path": null
    },
    {
      "model": "*Q5_K_M.gguf",
      "hf_model_repo_id": "bartowski/Qwen2.5-7B-Instruct-GGUF",
      "n_gpu_layers": 20
    }
  ]
}`;

test('llama-cpp-python config: each model, its ranges, and llama-cpp-python defaults (not llama-server ones)', () => {
  assert.equal(detectFormat('/srv/lcp/config.json', JSON_TEXT), 'llama-cpp-python');
  const r = parseLlamaCppPython('/srv/lcp/config.json', JSON_TEXT);
  assert.deepEqual(r.diagnostics, []);
  const [a, b] = r.configs;
  assert.equal(a.label, 'llama-8b');
  assert.equal(a.modelRef, 'models/Llama-3.1-8B-Instruct-Q4_K_M.gguf');
  // type ids 8 = Q8_0 (ggml_type); n_gpu_layers -1 = all layers.
  assert.deepEqual(a.settings, {
    ctx: 16384,
    ngl: 999,
    batch: 1024,
    ubatch: 512,
    flashAttn: 'on',
    cacheTypeK: 'q8_0',
    cacheTypeV: 'q8_0',
    parallel: 1,
  });
  assert.deepEqual(a.ranges.model, { startLine: 5, startCol: 16, endLine: 5, endCol: 56 });
  assert.deepEqual(a.ranges.ctx, { startLine: 7, startCol: 15, endLine: 7, endCol: 20 });
  assert.deepEqual(a.ranges.ngl, { startLine: 8, startCol: 22, endLine: 8, endCol: 24 });
  assert.deepEqual(a.ranges.cacheTypeK, { startLine: 11, startCol: 16, endLine: 11, endCol: 17 });
  assert.equal(a.runtime, 'llama.cpp');
  assert.deepEqual(a.range, { startLine: 4, startCol: 0, endLine: 4, endCol: 5 });

  assert.equal(b.modelRef, 'hf.co/bartowski/Qwen2.5-7B-Instruct-GGUF:Q5_K_M');
  // Unset: n_ctx 2048, n_batch 512, flash_attn off — llama-cpp-python's own defaults.
  assert.deepEqual(b.settings, { ctx: 2048, ngl: 20, batch: 512, ubatch: 512, flashAttn: 'off', parallel: 1 });
  assert.ok(b.defaultsApplied.includes('n_ctx: llama-cpp-python default 2048'));
});

test('broken JSON and wrong types: diagnostics with positions, never a throw', () => {
  const broken = parseConfigFile('config.json', '{ "models": [ { "model": "x.gguf", "n_ctx": 4096,, } ] }');
  assert.equal(broken.configs.length, 0);
  assert.deepEqual(
    broken.diagnostics.map((d) => d.code),
    ['llama-cpp-python.json-error'],
  );
  assert.deepEqual(broken.diagnostics[0].range, { startLine: 0, startCol: 49, endLine: 0, endCol: 50 });
  const typed = parseLlamaCppPython('c.json', '{"models":[{"model":"x.gguf","n_ctx":"big","type_k":3.5,"flash_attn":1}]}');
  assert.deepEqual(
    typed.diagnostics.map((d) => d.code),
    ['llama-cpp-python.bad-value', 'llama-cpp-python.bad-value', 'llama-cpp-python.bad-value'],
  );
  assert.equal(typed.configs[0].settings.ctx, 2048);
  const deep = parseLlamaCppPython('c.json', '['.repeat(100000));
  assert.equal(deep.configs.length, 0);
  assert.equal(deep.diagnostics[0].code, 'llama-cpp-python.json-error');
  const unterminated = parseLlamaCppPython('c.json', '{"models":[{"model":"x.gguf');
  assert.equal(unterminated.diagnostics[0].message, 'Unterminated string');
});
