import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat, parseConfigFile, parseLlamaSwap } from '../../src/core/config';
import type { SourceRange } from '../../src/core/types';

function textAt(text: string, r: SourceRange | undefined): string {
  assert.ok(r, 'range missing');
  const lines = text.split('\n');
  if (r.startLine === r.endLine) return lines[r.startLine].slice(r.startCol, r.endCol);
  return [lines[r.startLine].slice(r.startCol), ...lines.slice(r.startLine + 1, r.endLine), lines[r.endLine].slice(0, r.endCol)].join('\n');
}

const CONFIG = [
  'healthCheckTimeout: 300', // 0
  'startPort: 10001', // 1
  'macros:', // 2
  '  "llama": >', // 3
  '    /opt/llama.cpp/llama-server', // 4
  '    --port ${PORT} -fa on', // 5
  '  ctx: 16384', // 6
  '  common: "${llama} -ngl 99"', // 7
  'x-defaults: &defaults', // 8
  '  ttl: 300', // 9
  'models:', // 10
  '  "qwen3-30b":', // 11
  '    <<: *defaults', // 12
  '    macros:', // 13
  '      ctx: 32768', // 14
  '    cmd: |', // 15
  '      ${common}', // 16
  '      # experts on the CPU keep VRAM for context', // 17
  '      -m /models/Qwen3-30B-A3B-Q4_K_M.gguf', // 18
  '      -c ${ctx} --n-cpu-moe 20', // 19
  '      --cache-type-k q8_0 --cache-type-v=q8_0', // 20
  '    aliases:', // 21
  '      - qwen', // 22
  '  llama-8b:', // 23
  '    cmd: ${llama} -m /models/Llama-3.1-8B-Instruct-Q4_K_M.gguf -c ${ctx} -ngl 33', // 24
  '    env:', // 25
  '      - "LLAMA_ARG_N_PARALLEL=2"', // 26
  '  whisper:', // 27
  '    cmd: whisper-server --port ${PORT} -m ggml-base.bin', // 28
  'groups:', // 29
  '  main:', // 30
  '    swap: true', // 31
  '    members: [qwen3-30b, llama-8b]', // 32
  '',
].join('\n');

test('llama-swap: each model cmd → a RunConfig, macros expanded, ranges back in the file', () => {
  assert.equal(detectFormat('/home/u/llama-swap/config.yaml', CONFIG), 'llama-swap');
  const r = parseLlamaSwap('/home/u/llama-swap/config.yaml', CONFIG);
  assert.deepEqual(
    r.configs.map((c) => c.label),
    ['qwen3-30b', 'llama-8b'],
  );
  assert.deepEqual(
    r.diagnostics.map((d) => d.code),
    ['llama-swap.not-llama-server'],
  );
  const [q, l] = r.configs;
  assert.equal(q.modelRef, '/models/Qwen3-30B-A3B-Q4_K_M.gguf');
  assert.deepEqual(q.settings, { flashAttn: 'on', ngl: 99, ctx: 32768, nCpuMoe: 20, cacheTypeK: 'q8_0', cacheTypeV: 'q8_0' });
  // -c ${ctx}: the model-level macro's literal value (line 14), not the reference.
  assert.deepEqual(q.ranges.ctx, { startLine: 14, startCol: 11, endLine: 14, endCol: 16 });
  // -fa on comes from the global macro "llama" (a folded block), -ngl 99 from "common".
  assert.deepEqual(q.ranges.flashAttn, { startLine: 5, startCol: 23, endLine: 5, endCol: 25 });
  assert.deepEqual(q.ranges.ngl, { startLine: 7, startCol: 25, endLine: 7, endCol: 27 });
  assert.deepEqual(q.ranges.model, { startLine: 18, startCol: 9, endLine: 18, endCol: 42 });
  assert.equal(textAt(CONFIG, q.ranges.nCpuMoe), '20');
  assert.equal(textAt(CONFIG, q.ranges.cacheTypeV), 'q8_0');
  assert.deepEqual(q.range, { startLine: 11, startCol: 0, endLine: 11, endCol: 14 });
  assert.equal(q.baseDir, '/home/u/llama-swap');

  assert.deepEqual(l.settings, { parallel: 2, flashAttn: 'on', ctx: 16384, ngl: 33 });
  assert.deepEqual(l.ranges.ctx, { startLine: 6, startCol: 7, endLine: 6, endCol: 12 });
  assert.equal(textAt(CONFIG, l.ranges.parallel), '2');
  assert.equal(textAt(CONFIG, l.ranges.ngl), '33');
});

test('a value built from a macro and literal text points at the reference in cmd', () => {
  const text = 'macros:\n  n: 4\nmodels:\n  m:\n    cmd: llama-server -m a.gguf -c ${n}096\n';
  const c = parseLlamaSwap('c.yaml', text).configs[0];
  assert.equal(c.settings.ctx, 4096);
  assert.equal(textAt(text, c.ranges.ctx), '${n}096');
});

test('broken YAML, unknown macros and models without cmd give diagnostics, not throws', () => {
  const r = parseLlamaSwap('c.yaml', 'models:\n  a:\n    cmd: llama-server -m x.gguf -c ${nope}\n  b:\n    ttl: 5\n  c: [\n');
  const codes = r.diagnostics.map((d) => d.code);
  assert.ok(codes.includes('llama-swap.yaml-error'));
  assert.ok(codes.includes('llama-swap.unknown-macro'));
  assert.ok(codes.includes('llama-swap.no-cmd'));
  assert.ok(codes.includes('llama-args.bad-value'));
  // Truncated file: whatever parsed is still read.
  const t = parseConfigFile('config.yaml', 'models:\n  a:\n    cmd: "llama-server -m x.gguf -c 2048\n');
  assert.ok(t.diagnostics.length > 0);
});

test('macro expansion is bounded', () => {
  const lines = ['macros:', '  m0: "xxxxxxxxxxxxxxxx"'];
  for (let k = 1; k < 40; k++) lines.push(`  m${k}: "\${m${k - 1}}\${m${k - 1}}"`);
  lines.push('models:', '  a:', '    cmd: llama-server -m x.gguf ${m39}');
  const t0 = Date.now();
  const r = parseLlamaSwap('c.yaml', lines.join('\n'));
  assert.ok(Date.now() - t0 < 5000);
  assert.ok(r.diagnostics.some((d) => d.code === 'llama-swap.macro-too-large' || d.code === 'llama-swap.too-complex'));
});
