import assert from 'node:assert/strict';
import { test } from 'node:test';
import { llamaFlagDocHover, modelfileDocHover } from '../../src/core/authoring/hoverDocs';
import { llamaSwapOutline, modelfileFolding, modelfileOutline } from '../../src/core/authoring/outline';

const MODELFILE = [
  '# Coding assistant',
  '# on a 12 GB GPU',
  'FROM qwen3:8b',
  'PARAMETER num_ctx 16384',
  'parameter temperature 0.2',
  'TEMPLATE """{{ if .System }}',
  'SYSTEM not an instruction here',
  '{{ end }}"""',
  'MESSAGE user Hi',
  'PARAMETER mirostat 1',
  '',
].join('\n');

test('hover docs on instruction and PARAMETER names, not on values or inside """ blocks', () => {
  const ins = modelfileDocHover(MODELFILE, 2, 2)!;
  assert.match(ins.markdown, /^\*\*FROM\*\* — Defines the base model/);
  assert.deepEqual(ins.range, { startLine: 2, startCol: 0, endLine: 2, endCol: 4 });
  const p = modelfileDocHover(MODELFILE, 3, 13)!;
  assert.match(p.markdown, /\*\*PARAMETER num_ctx\*\* — Size of the context window/);
  assert.match(p.markdown, /default 4096/);
  assert.deepEqual(p.range, { startLine: 3, startCol: 10, endLine: 3, endCol: 17 });
  assert.match(modelfileDocHover(MODELFILE, 4, 12)!.markdown, /temperature.*default 0\.8/s);
  assert.equal(modelfileDocHover(MODELFILE, 3, 20), undefined, 'the value belongs to the fit hover');
  assert.equal(modelfileDocHover(MODELFILE, 6, 2), undefined, 'inside TEMPLATE');
  assert.match(modelfileDocHover(MODELFILE, 9, 12)!.markdown, /deprecated since Ollama 0\.7\.0/);
});

test('hover docs on llama-server flags, LLAMA_ARG_* variables and presets keys', () => {
  const sh = 'LLAMA_ARG_CTX_SIZE=8192 llama-server -m ./m.gguf -ngl 99 --flash-attn on --ctx-size=4096';
  const ngl = llamaFlagDocHover(sh, 0, sh.indexOf('-ngl') + 1, 'command-line')!;
  assert.match(ngl.markdown, /max\. number of layers to store in VRAM/);
  assert.match(ngl.markdown, /env: `LLAMA_ARG_N_GPU_LAYERS`/);
  assert.equal(sh.slice(ngl.range.startCol, ngl.range.endCol), '-ngl');
  assert.match(llamaFlagDocHover(sh, 0, 3, 'command-line')!.markdown, /size of the prompt context/);
  const eq = llamaFlagDocHover(sh, 0, sh.indexOf('--ctx-size') + 3, 'command-line')!;
  assert.equal(sh.slice(eq.range.startCol, eq.range.endCol), '--ctx-size');
  assert.equal(llamaFlagDocHover(sh, 0, 28, 'command-line'), undefined, 'the program name');
  assert.equal(llamaFlagDocHover(sh, 0, sh.indexOf(' 99') + 2, 'command-line'), undefined, 'a value');
  const ini = '[qwen]\nn-gpu-layers = 99\nc = 8192\n';
  assert.match(llamaFlagDocHover(ini, 1, 3, 'preset-ini')!.markdown, /layers to store in VRAM/);
  assert.match(llamaFlagDocHover(ini, 2, 0, 'preset-ini')!.markdown, /prompt context/);
  assert.equal(llamaFlagDocHover(ini, 1, 16, 'preset-ini'), undefined);
});

test('Modelfile outline: one symbol per instruction; folds """ blocks and comment runs', () => {
  const syms = modelfileOutline(MODELFILE);
  assert.deepEqual(
    syms.map((s) => s.name),
    ['FROM', 'num_ctx 16384', 'temperature 0.2', 'TEMPLATE', 'MESSAGE user', 'mirostat 1'],
  );
  assert.equal(syms[0].detail, 'qwen3:8b');
  assert.deepEqual([syms[3].range.startLine, syms[3].range.endLine], [5, 7]);
  // The selection (the name) always lies inside the range, also while a PARAMETER has no value yet.
  for (const t of [MODELFILE, 'PARAMETER \n', 'PARAMETER num_ctx', 'MESSAGE user']) {
    for (const sym of modelfileOutline(t)) {
      const r = sym.range;
      const sel = sym.selection;
      const before = (a: { line: number; col: number }, b: { line: number; col: number }) =>
        a.line < b.line || (a.line === b.line && a.col <= b.col);
      assert.ok(before({ line: r.startLine, col: r.startCol }, { line: sel.startLine, col: sel.startCol }), `${t}: ${sym.name}`);
      assert.ok(before({ line: sel.endLine, col: sel.endCol }, { line: r.endLine, col: r.endCol }), `${t}: ${sym.name}`);
    }
  }
  assert.deepEqual(modelfileFolding(MODELFILE), [
    { startLine: 0, endLine: 1, kind: 'comment' },
    { startLine: 5, endLine: 7 },
  ]);
});

test('llama-swap outline: models with their keys and exact ranges', () => {
  const yaml = [
    'healthCheckTimeout: 60',
    'models:',
    '  "qwen3-8b":',
    '    cmd: |',
    '      llama-server --port ${PORT}',
    '      -m /m/qwen3-8b.gguf -c 16384',
    '    ttl: 300',
    '',
    '  gemma:',
    '    proxy: http://127.0.0.1:9999',
    '    cmd: llama-server -hf ggml-org/gemma-3-4b-it-GGUF',
    'groups:',
    '  g: {}',
  ].join('\n');
  const models = llamaSwapOutline(yaml);
  assert.deepEqual(
    models.map((m) => m.name),
    ['qwen3-8b', 'gemma'],
  );
  assert.deepEqual(
    models[0].children.map((c) => c.name),
    ['cmd', 'ttl'],
  );
  assert.deepEqual([models[0].range.startLine, models[0].range.endLine], [2, 6]);
  assert.deepEqual([models[0].children[0].range.startLine, models[0].children[0].range.endLine], [3, 5]);
  assert.deepEqual(models[0].selection, { startLine: 2, startCol: 3, endLine: 2, endCol: 11 });
  assert.deepEqual([models[1].range.startLine, models[1].range.endLine], [8, 10]);
  assert.equal(models[1].children[1].detail, 'llama-server -hf ggml-org/gemma-3-4b-it-GGUF');
});
