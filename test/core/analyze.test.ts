// Fit diagnostics and quick fixes on files written as people write them, on pinned hardware presets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeDocument } from '../../src/core/analyze';
import { hardwarePreset } from '../../src/core/hardware';
import { refWithQuant } from '../../src/core/quantRefs';
import type { DocumentAnalysis, TextEdit } from '../../src/core/types';

const rtx3060 = hardwarePreset('rtx3060-ddr4');

/** Apply edits the way an editor does (last first, so earlier positions stay valid). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (line: number, col: number) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + col;
  return [...edits]
    .sort((a, b) => offset(b.range.startLine, b.range.startCol) - offset(a.range.startLine, a.range.startCol))
    .reduce(
      (t, e) => t.slice(0, offset(e.range.startLine, e.range.startCol)) + e.newText + t.slice(offset(e.range.endLine, e.range.endCol)),
      text,
    );
}

function codes(a: DocumentAnalysis): string[] {
  return a.diagnostics.map((d) => d.code);
}

describe('fit diagnostics and quick fixes', () => {
  it('a 70B that does not even fit GPU + RAM is an error on the FROM reference, with a quant that loads', async () => {
    const text = '# too big\nFROM llama3.1:70b\nPARAMETER num_ctx 32768\n';
    const a = await analyzeDocument('/ws/Modelfile', text, { hardware: rtx3060 });
    const d = a.diagnostics.find((x) => x.code === 'fit.no-fit');
    assert.ok(d, codes(a).join());
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, { startLine: 1, startCol: 5, endLine: 1, endCol: 17 });
    const fix = d.fixes.find((f) => f.kind === 'fix.quant');
    assert.ok(fix, 'a smaller quantization is offered');
    assert.match(fix.edits[0].newText, /^llama3\.1:70b-instruct-(q\d|iq\d)/);
    const fixed = applyEdits(text, fix.edits);
    const after = await analyzeDocument('/ws/Modelfile', fixed, { hardware: rtx3060 });
    assert.ok(!codes(after).includes('fit.no-fit'), `after the fix: ${codes(after).join()}`);
    assert.equal(after.configs[0].estimate?.fits, true);
  });

  it('a context that spills layers to the CPU is a warning whose fix lowers num_ctx until every layer fits', async () => {
    const text = 'FROM llama3.1:8b\r\nPARAMETER num_ctx 131072\r\n';
    const a = await analyzeDocument('/ws/Modelfile', text.replace(/\r/g, ''), { hardware: rtx3060 });
    const d = a.diagnostics.find((x) => x.code === 'fit.partial');
    assert.ok(d, codes(a).join());
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /layers on GPU/);
    const fix = d.fixes.find((f) => f.kind === 'fix.ctx');
    assert.ok(fix);
    assert.deepEqual(fix.edits[0].range, { startLine: 1, startCol: 18, endLine: 1, endCol: 24 });
    const ctx = Number(fix.edits[0].newText);
    assert.ok(ctx >= 2048 && ctx < 131072 && ctx % 1024 === 0);
    const after = await analyzeDocument('/ws/Modelfile', applyEdits(text.replace(/\r/g, ''), fix.edits), { hardware: rtx3060 });
    assert.equal(after.configs[0].estimate?.fullyOnGpu, true);
    assert.deepEqual(
      codes(after).filter((c) => c.startsWith('fit.') && c !== 'fit.tight'),
      [],
    );
    // 1024 more tokens would no longer fit: the fix picks the largest context that does.
    const bigger = await analyzeDocument('/ws/Modelfile', `FROM llama3.1:8b\nPARAMETER num_ctx ${ctx + 1024}\n`, { hardware: rtx3060 });
    assert.equal(bigger.configs[0].estimate?.fullyOnGpu, false);
  });

  it('-ngl 99 beyond free VRAM is an error on the -ngl value, fixed by the layer count that fits', async () => {
    const text = '#!/bin/sh\nllama-server -m models/Meta-Llama-3.1-8B-Instruct-Q8_0.gguf \\\n  -ngl 99 -c 32768 --port 8080\n';
    const a = await analyzeDocument('/ws/run.sh', text, { hardware: hardwarePreset('rtx3060-ddr4') });
    const d = a.diagnostics.find((x) => x.code === 'fit.gpu-oom');
    assert.ok(d, codes(a).join());
    assert.deepEqual(d.range, { startLine: 2, startCol: 7, endLine: 2, endCol: 9 });
    const fix = d.fixes.find((f) => f.kind === 'fix.ngl');
    assert.ok(fix);
    const after = await analyzeDocument('/ws/run.sh', applyEdits(text, fix.edits), { hardware: rtx3060 });
    const e = after.configs[0].estimate!;
    assert.equal(e.settings.ngl, Number(fix.edits[0].newText));
    assert.equal(e.fits, true);
    assert.ok(e.offload.gpuLayers < 33);
  });

  it('offers a q8_0 KV cache on llama-server command lines, inserted after the model', async () => {
    const text = 'llama-server -m models/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 65536\n';
    const a = await analyzeDocument('/ws/run.sh', text, { hardware: rtx3060 });
    const fix = a.diagnostics.flatMap((d) => d.fixes).find((f) => f.kind === 'fix.kv-q8');
    assert.ok(fix, codes(a).join());
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /Q4_K_M\.gguf -ctk q8_0 -ctv q8_0 -c 65536/);
    const before = a.configs[0].estimate!;
    const after = (await analyzeDocument('/ws/run.sh', fixed, { hardware: rtx3060 })).configs[0].estimate!;
    assert.equal(after.settings.cacheTypeK, 'q8_0');
    assert.equal(
      after.memory.breakdown.kvGpu + after.memory.breakdown.kvHost,
      ((before.memory.breakdown.kvGpu + before.memory.breakdown.kvHost) * 34) / 64,
    );
  });

  it('an unknown model is a diagnostic naming what was tried, not an exception', async () => {
    const a = await analyzeDocument('/ws/Modelfile', 'FROM ./nowhere/model.gguf\n', { hardware: rtx3060 });
    const d = a.diagnostics.find((x) => x.code === 'resolve.not-found');
    assert.ok(d, codes(a).join());
    assert.match(d.message, /nowhere/);
    assert.equal(a.configs[0].estimate, undefined);
  });
});

describe("Ollama's default context follows the machine's VRAM", () => {
  // Current Ollama: 4096 below 24 GiB of VRAM, 32768 from 24 GiB, 262144 from 48 GiB, capped at the trained 131072.
  const cases: Array<[string, number]> = [
    ['rtx3060-ddr4', 4096],
    ['rtx4090', 32768],
    ['h100', 131072],
    ['ddr5-cpu', 4096],
  ];
  for (const [preset, ctx] of cases) {
    it(`${preset} → num_ctx ${ctx}`, async () => {
      const a = await analyzeDocument('/ws/Modelfile', 'FROM llama3.1:8b\n', { hardware: hardwarePreset(preset), env: {} });
      assert.equal(a.configs[0].estimate?.settings.ctx, ctx);
    });
  }
  it('OLLAMA_CONTEXT_LENGTH and the file win over the default', async () => {
    const env = await analyzeDocument('/ws/Modelfile', 'FROM llama3.1:8b\n', {
      hardware: hardwarePreset('h100'),
      env: { OLLAMA_CONTEXT_LENGTH: '8192' },
    });
    assert.equal(env.configs[0].estimate?.settings.ctx, 8192);
    const file = await analyzeDocument('/ws/Modelfile', 'FROM llama3.1:8b\nPARAMETER num_ctx 2048\n', {
      hardware: hardwarePreset('h100'),
      env: {},
    });
    assert.equal(file.configs[0].estimate?.settings.ctx, 2048);
  });
});

describe('refWithQuant', () => {
  const cases: Array<[string, string, string | undefined]> = [
    ['llama3.1:8b', 'Q8_0', 'llama3.1:8b-instruct-q8_0'],
    ['llama3.1:70b-instruct-q4_K_M', 'Q2_K', 'llama3.1:70b-instruct-q2_K'],
    ['qwen3:30b-a3b', 'Q8_0', 'qwen3:30b-a3b-q8_0'],
    ['gemma3:27b', 'Q4_K_M', 'gemma3:27b-it-q4_K_M'],
    ['llama3.1:8b', 'F16', 'llama3.1:8b-instruct-fp16'],
    ['hf.co/bartowski/Meta-Llama-3.1-8B-Instruct-GGUF:Q4_K_M', 'Q6_K', 'hf.co/bartowski/Meta-Llama-3.1-8B-Instruct-GGUF:Q6_K'],
    ['llama3.1', 'Q8_0', undefined],
    ['./models/x.gguf', 'Q8_0', undefined],
  ];
  for (const [ref, quant, want] of cases) it(`${ref} → ${quant}`, () => assert.equal(refWithQuant(ref, quant), want));
});
