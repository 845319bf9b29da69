import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat, parsePresetIni } from '../../src/core/config';

const INI = [
  'version = 1', // 0
  '', // 1
  '; shared by every preset', // 2
  '[*]', // 3
  'c = 8192', // 4
  'n-gpu-layers = 8', // 5
  '', // 6
  '[ggml-org/gemma-3-4b-it-GGUF:Q8_0]', // 7
  'chat-template = chatml', // 8
  'n-gpu-layers = 123', // 9
  'jinja = true', // 10
  'LLAMA_ARG_CACHE_TYPE_K = q8_0', // 11
  '', // 12
  '[custom_model]', // 13
  'model = /srv/models/Qwen3-8B-Q4_K_M.gguf   ; absolute is safest', // 14
  'ctx-size = 32768', // 15
  'flash-attn = on', // 16
  'no-kv-offload = true', // 17
  'cpu-moe = false', // 18
  '',
].join('\r\n');

test('presets INI: [*] defaults, per-model overrides, short / long / env keys, exact ranges', () => {
  assert.equal(detectFormat('/etc/llama/my-models.ini', INI), 'preset-ini');
  const r = parsePresetIni('/etc/llama/my-models.ini', INI);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(
    r.configs.map((c) => c.label),
    ['ggml-org/gemma-3-4b-it-GGUF:Q8_0', 'custom_model'],
  );
  const [g, m] = r.configs;
  // A section named like a cached HF model needs no model key.
  assert.equal(g.modelRef, 'hf.co/ggml-org/gemma-3-4b-it-GGUF:Q8_0');
  assert.deepEqual(g.ranges.model, { startLine: 7, startCol: 1, endLine: 7, endCol: 33 });
  assert.deepEqual(g.settings, { ctx: 8192, ngl: 123, cacheTypeK: 'q8_0' });
  // ctx from [*]; ngl overridden in the section.
  assert.deepEqual(g.ranges.ctx, { startLine: 4, startCol: 4, endLine: 4, endCol: 8 });
  assert.deepEqual(g.ranges.ngl, { startLine: 9, startCol: 15, endLine: 9, endCol: 18 });
  assert.deepEqual(g.ranges.cacheTypeK, { startLine: 11, startCol: 25, endLine: 11, endCol: 29 });
  assert.equal(g.runtime, 'llama.cpp');

  assert.equal(m.modelRef, '/srv/models/Qwen3-8B-Q4_K_M.gguf');
  assert.deepEqual(m.ranges.model, { startLine: 14, startCol: 8, endLine: 14, endCol: 40 });
  assert.deepEqual(m.settings, { ctx: 32768, ngl: 8, flashAttn: 'on', noKvOffload: true, cpuMoe: false });
  assert.deepEqual(m.ranges.flashAttn, { startLine: 16, startCol: 13, endLine: 16, endCol: 15 });
  assert.deepEqual(m.range, { startLine: 13, startCol: 0, endLine: 13, endCol: 14 });
  assert.equal(m.baseDir, '/etc/llama');
});

test('bad lines and values in presets are diagnostics', () => {
  const r = parsePresetIni('p.ini', '[a\nmodel = x.gguf\n[b]\nmodel = y.gguf\njust text\nc = big\n');
  assert.deepEqual(
    r.diagnostics.map((d) => d.code),
    ['preset-ini.bad-section', 'preset-ini.bad-line', 'llama-args.bad-value'],
  );
  assert.deepEqual(r.diagnostics[2].range, { startLine: 5, startCol: 4, endLine: 5, endCol: 7 });
  assert.deepEqual(
    r.configs.map((c) => c.modelRef),
    ['y.gguf'],
  );
});
