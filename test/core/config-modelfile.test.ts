import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseModelfile, detectFormat } from '../../src/core/config';
import type { SourceRange } from '../../src/core/types';

/** The text a range covers (lines split on \n, so CRLF files keep their \r out of ranges). */
function textAt(text: string, r: SourceRange | undefined): string {
  assert.ok(r, 'range missing');
  const lines = text.split('\n');
  if (r.startLine === r.endLine) return lines[r.startLine].slice(r.startCol, r.endCol);
  return [lines[r.startLine].slice(r.startCol), ...lines.slice(r.startLine + 1, r.endLine), lines[r.endLine].slice(0, r.endCol)].join('\n');
}

const codes = (r: { diagnostics: { code: string }[] }) => r.diagnostics.map((d) => d.code);

test('a Modelfile as people write it: settings, exact value ranges, defaults in words', () => {
  const text = [
    '# Llama 3.1 for coding',
    'FROM llama3.1:8b',
    '',
    'PARAMETER num_ctx 8192',
    'parameter   num_gpu\t20   ',
    'PARAMETER num_batch 256',
    'PARAMETER num_thread 8',
    'PARAMETER temperature 0.2',
    'PARAMETER stop "<|eot_id|>"',
    'PARAMETER stop <|end_of_text|>',
    'TEMPLATE """{{ if .System }}<|start_header_id|>system',
    '{{ .System }}<|eot_id|>{{ end }}"""',
    'SYSTEM You are a careful reviewer.',
    'MESSAGE user Hello',
    'LICENSE "Llama 3.1 Community License"',
    'REQUIRES 0.5.0',
    '',
  ].join('\n');
  const r = parseModelfile('/home/u/proj/Modelfile', text);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.configs.length, 1);
  const c = r.configs[0];
  assert.equal(c.runtime, 'ollama');
  assert.equal(c.modelRef, 'llama3.1:8b');
  assert.equal(c.label, 'FROM llama3.1:8b');
  assert.equal(c.baseDir, '/home/u/proj');
  // num_batch goes to llama-server as both -b and -ub; num_gpu counts layers like -ngl.
  assert.deepEqual(c.settings, { ctx: 8192, ngl: 20, batch: 256, ubatch: 256, threads: 8, parallel: 1 });
  assert.deepEqual(c.ranges.model, { startLine: 1, startCol: 5, endLine: 1, endCol: 16 });
  assert.deepEqual(c.ranges.ctx, { startLine: 3, startCol: 18, endLine: 3, endCol: 22 });
  // "parameter   num_gpu\t20   ": value starts after the tab at col 20, trailing spaces excluded.
  assert.deepEqual(c.ranges.ngl, { startLine: 4, startCol: 20, endLine: 4, endCol: 22 });
  assert.equal(textAt(text, c.ranges.batch), '256');
  assert.deepEqual(c.ranges.batch, c.ranges.ubatch);
  assert.equal(textAt(text, c.ranges.threads), '8');
  assert.deepEqual(c.range, { startLine: 1, startCol: 0, endLine: 1, endCol: 16 });
  assert.ok(c.defaultsApplied.some((d) => d.startsWith('parallel: 1')));
  assert.ok(c.defaultsApplied.some((d) => /OLLAMA_FLASH_ATTENTION/.test(d)));
  assert.ok(c.defaultsApplied.some((d) => /OLLAMA_KV_CACHE_TYPE/.test(d)));
  assert.ok(!c.defaultsApplied.some((d) => d.startsWith('num_ctx')), 'num_ctx was set, so no default is said');
});

test('CRLF line endings, tabs and lower-case keywords', () => {
  const text = 'from ./models/Llama-3.2-1B-Instruct-Q4_K_M.gguf\r\n\tPARAMETER\tnum_ctx\t16384\r\nadapter ./lora.gguf\r\n';
  const r = parseModelfile('Modelfile', text);
  assert.deepEqual(r.diagnostics, []);
  const c = r.configs[0];
  assert.equal(c.modelRef, './models/Llama-3.2-1B-Instruct-Q4_K_M.gguf');
  assert.deepEqual(c.ranges.model, { startLine: 0, startCol: 5, endLine: 0, endCol: 47 });
  assert.equal(c.settings.ctx, 16384);
  assert.deepEqual(c.ranges.ctx, { startLine: 1, startCol: 19, endLine: 1, endCol: 24 });
  assert.deepEqual(c.settings.lora, ['./lora.gguf']);
  assert.equal(textAt(text, c.ranges.lora), './lora.gguf');
  assert.equal(c.baseDir, '.');
  // Left out: the resolver fills num_ctx and num_batch from the model's params or Ollama's defaults.
  assert.equal(c.settings.batch, undefined);
  assert.ok(c.defaultsApplied.some((d) => d.startsWith('num_batch')));
});

test('FROM forms: hf.co quant tags, user models, absolute paths, directories', () => {
  for (const ref of [
    'hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M',
    'qwen3:30b-a3b-q4_K_M',
    'someone/mymodel:latest',
    '/srv/models/x.gguf',
    './weights',
  ]) {
    const r = parseModelfile('Modelfile', `FROM ${ref}\n`);
    assert.equal(r.configs[0].modelRef, ref);
    assert.deepEqual(r.configs[0].ranges.model, { startLine: 0, startCol: 5, endLine: 0, endCol: 5 + ref.length });
  }
});

test('a quoted PARAMETER value: the range is inside the quotes', () => {
  const text = 'FROM llama3.2\nPARAMETER num_ctx "2048"\n';
  const c = parseModelfile('Modelfile', text).configs[0];
  assert.equal(c.settings.ctx, 2048);
  assert.deepEqual(c.ranges.ctx, { startLine: 1, startCol: 19, endLine: 1, endCol: 23 });
});

test('diagnostics: unknown instruction, unknown / deprecated parameter, wrong types, duplicate FROM', () => {
  const text = [
    'FROM llama3.1',
    'PARAMETERS num_ctx 4096',
    'PARAMETER num_ctxx 4096',
    'PARAMETER num_ctx 8k',
    'PARAMETER use_mmap maybe',
    'PARAMETER temperature hot',
    'PARAMETER mirostat 2',
    'FROM qwen3:8b',
  ].join('\n');
  const r = parseModelfile('Modelfile', text);
  assert.deepEqual(codes(r), [
    'modelfile.unknown-instruction',
    'modelfile.unknown-parameter',
    'modelfile.bad-value',
    'modelfile.bad-value',
    'modelfile.bad-value',
    'modelfile.deprecated-parameter',
    'modelfile.duplicate-from',
  ]);
  assert.deepEqual(r.diagnostics[0].range, { startLine: 1, startCol: 0, endLine: 1, endCol: 10 });
  assert.deepEqual(r.diagnostics[1].range, { startLine: 2, startCol: 10, endLine: 2, endCol: 18 });
  assert.deepEqual(r.diagnostics[2].range, { startLine: 3, startCol: 18, endLine: 3, endCol: 20 });
  assert.equal(r.diagnostics[0].severity, 'error');
  assert.equal(r.diagnostics[5].severity, 'warning');
  // The bad num_ctx is not used; the last FROM wins as in `ollama create`.
  assert.equal(r.configs[0].settings.ctx, undefined);
  assert.equal(r.configs[0].modelRef, 'qwen3:8b');
  assert.deepEqual(r.diagnostics[6].range, { startLine: 7, startCol: 5, endLine: 7, endCol: 13 });
});

test('missing FROM and unterminated """ are errors, not crashes', () => {
  const a = parseModelfile('Modelfile', 'PARAMETER num_ctx 4096\n');
  assert.deepEqual(codes(a), ['modelfile.missing-from']);
  assert.equal(a.configs.length, 0);
  const b = parseModelfile('Modelfile', 'FROM llama3.1\nSYSTEM """You are\nunfinished\n');
  assert.deepEqual(codes(b), ['modelfile.unterminated-string']);
  assert.deepEqual(b.diagnostics[0].range, { startLine: 1, startCol: 7, endLine: 1, endCol: 10 });
  assert.equal(b.configs[0].modelRef, 'llama3.1');
  const c = parseModelfile('Modelfile', 'FROM\nPARAMETER num_ctx\n');
  assert.deepEqual(codes(c), ['modelfile.missing-value', 'modelfile.missing-value', 'modelfile.missing-from']);
});

test('num_gpu -1 means auto (Ollama decides from free VRAM); negative num_ctx is refused', () => {
  const r = parseModelfile('Modelfile', 'FROM llama3.1\nPARAMETER num_gpu -1\nPARAMETER num_ctx -5\n');
  assert.equal(r.configs[0].settings.ngl, 'auto');
  assert.deepEqual(codes(r), ['modelfile.bad-value']);
});

test('detectFormat recognises Modelfile names', () => {
  assert.equal(detectFormat('/a/Modelfile', ''), 'modelfile');
  assert.equal(detectFormat('/a/coder.modelfile', ''), 'modelfile');
  assert.equal(detectFormat('C:\\x\\Modelfile.qwen', ''), 'modelfile');
  assert.equal(detectFormat('/a/README.md', 'FROM llama3.1'), undefined);
});
