import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeDocument } from '../../src/core/analyze';
import { llamaFlagCompletions, modelfileCompletions } from '../../src/core/authoring/completion';
import { fitContextOf } from '../../src/core/authoring/fitChoices';
import { catalogFromRefs, localOllamaModels } from '../../src/core/authoring/localModels';
import { hardwarePreset } from '../../src/core/hardware';

const rtx3060 = hardwarePreset('rtx3060-ddr4');
const labels = (xs: { label: string }[]) => xs.map((x) => x.label);

async function fitFor(file: string, text: string) {
  const a = await analyzeDocument(file, text, { hardware: rtx3060 });
  const fit = fitContextOf(a.configs[0], { hardware: rtx3060 });
  assert.ok(fit, 'model resolved');
  return fit;
}

test('instructions at line start, replacing the typed part', () => {
  const xs = modelfileCompletions('FROM x\nPA', 1, 2);
  assert.deepEqual(labels(xs).slice(0, 8), ['FROM', 'PARAMETER', 'TEMPLATE', 'SYSTEM', 'ADAPTER', 'LICENSE', 'MESSAGE', 'REQUIRES']);
  const p = xs.find((x) => x.label === 'PARAMETER')!;
  assert.equal(p.replaceFrom, 0);
  assert.equal(p.insertText, 'PARAMETER ');
  assert.equal(p.retrigger, true);
  // After the instruction word and inside a """ block: not an instruction position.
  assert.deepEqual(modelfileCompletions('FROM x\nSYSTEM """You are\nhe', 2, 2), []);
});

test('PARAMETER names with their docs, documented ones first', () => {
  const xs = modelfileCompletions('FROM x\nPARAMETER num_', 1, 14);
  assert.equal(xs.length, 20);
  const ctx = xs.find((x) => x.label === 'num_ctx')!;
  assert.equal(ctx.replaceFrom, 10);
  assert.match(ctx.documentation!, /context window/);
  assert.match(ctx.detail!, /^int · default 4096/);
  const sorted = [...xs].sort((a, b) => a.sortText.localeCompare(b.sortText));
  assert.equal(sorted[0].label, 'num_ctx');
  assert.ok(sorted.findIndex((x) => x.label === 'num_batch') > sorted.findIndex((x) => x.label === 'min_p'));
});

test('enumerable values: booleans and MESSAGE roles', () => {
  assert.deepEqual(labels(modelfileCompletions('FROM x\nPARAMETER use_mmap ', 1, 19)), ['true', 'false']);
  assert.deepEqual(labels(modelfileCompletions('FROM x\nMESSAGE u', 1, 9)), ['system', 'user', 'assistant']);
  assert.deepEqual(labels(modelfileCompletions('FROM x\nPARAMETER top_k ', 1, 16)), ['40']);
});

test("num_ctx offered with each size's fit and speed on an RTX 3060 12 GB (Llama 3.1 8B Q4_K_M)", async () => {
  const text = 'FROM llama3.1:8b\nPARAMETER num_ctx ';
  const fit = await fitFor('/ws/Modelfile', text);
  const xs = modelfileCompletions(text, 1, 18, { fit });
  // Trained context 131072: 2048 … 131072. KV cache f16 = 32 layers × 8 KV heads × 128 × 2 (K, V) × 2 bytes
  // = 128 KiB per token: 32768 → 4 GiB (+ 4.6 GiB weights) stays on the GPU; 65536 → 8 GiB does not.
  assert.deepEqual(labels(xs), ['2048', '4096', '8192', '16384', '32768', '65536', '131072']);
  for (const x of xs.slice(0, 5)) assert.match(x.detail!, /^fits, ~\d+(\.\d)? tok\/s$/, x.label);
  for (const x of xs.slice(5)) assert.match(x.detail!, /^(partial offload \d+\/33 layers|CPU only|does not fit)/, x.label);
  assert.equal(xs.find((x) => x.preselect)?.label, '32768');
  // Bigger contexts are never faster.
  const tps = xs.map((x) => Number(/~([\d.]+) tok/.exec(x.detail!)?.[1] ?? 0));
  for (let i = 1; i < tps.length; i++) assert.ok(tps[i] <= tps[i - 1], `${xs[i].label}`);
});

test('num_gpu offered with the layer count that fits', async () => {
  const text = 'FROM qwen3:32b\nPARAMETER num_gpu ';
  const fit = await fitFor('/ws/Modelfile', text);
  const xs = modelfileCompletions(text, 1, 18, { fit });
  // Qwen3 32B Q4_K_M (~19 GB over 64 blocks + output) cannot all sit in 12 GB; the rest fits 32 GB of RAM.
  const n = Number(xs[0].label);
  assert.ok(n > 16 && n < 65, xs[0].label);
  assert.match(xs[0].detail!, new RegExp(`^${n} of 65 layers fit, ~\\d+(\\.\\d+)? tok/s$`));
  assert.equal(xs[0].preselect, true);
  assert.deepEqual(labels(xs).slice(1), ['65', '0', '-1']);
  assert.equal(xs[1].detail, 'every layer: does not fit');
  assert.match(xs[2].detail!, /^CPU only, ~/);
  // Fewer layers on the GPU: slower.
  const tps = (d: string) => Number(/~([\d.]+) tok/.exec(d)![1]);
  assert.ok(tps(xs[2].detail!) < tps(xs[0].detail!));
});

test('FROM offers workspace GGUFs, local Ollama models and catalog references', () => {
  const xs = modelfileCompletions('FROM ', 0, 5, {
    ggufFiles: ['./models/qwen3-8b-Q4_K_M.gguf'],
    localModels: ['llama3.1:8b'],
    catalogRefs: [{ ref: 'qwen3:8b', name: 'Qwen3 8B' }],
  });
  assert.deepEqual(
    xs.map((x) => [x.label, x.kind]),
    [
      ['./models/qwen3-8b-Q4_K_M.gguf', 'file'],
      ['llama3.1:8b', 'model'],
      ['qwen3:8b', 'model'],
    ],
  );
  assert.deepEqual(labels(modelfileCompletions('ADAPTER ', 0, 8, { ggufFiles: ['a.gguf'], localModels: ['x'] })), ['a.gguf']);
});

test('llama-server flags inside a command line, with values', async () => {
  const text = 'llama-server -m model.gguf \\\n  --flash';
  const xs = llamaFlagCompletions(text, 1, 9, 'command-line');
  const fa = xs.find((x) => x.label === '--flash-attn')!;
  assert.equal(fa.replaceFrom, 2);
  assert.match(fa.documentation!, /`-fa`, `--flash-attn`.*env: `LLAMA_ARG_FLASH_ATTN`/s);
  assert.deepEqual(labels(llamaFlagCompletions('llama-server -fa ', 0, 17, 'command-line')), ['on', 'off', 'auto']);
  assert.ok(labels(llamaFlagCompletions('llama-server -ctk ', 0, 18, 'command-line')).includes('q8_0'));
  // Not a llama.cpp command: nothing.
  assert.deepEqual(llamaFlagCompletions('ls --co', 0, 7, 'command-line'), []);
  const cmd = 'llama-server -hf bartowski/Meta-Llama-3.1-8B-Instruct-GGUF:Q4_K_M -c ';
  const fit = await fitFor('/ws/run.sh', cmd);
  const ctx = llamaFlagCompletions(cmd, 0, cmd.length, 'command-line', fit);
  assert.equal(ctx.length, 7);
  assert.match(ctx[0].detail!, /^fits/);
  // -ngl: the 8B fits whole on 12 GB, so the first choice is every layer (32 blocks + output), then CPU only, then auto.
  const nglLine = `${cmd.slice(0, -3)}-ngl `;
  const ngl = llamaFlagCompletions(nglLine, 0, nglLine.length, 'command-line', fit);
  assert.deepEqual(labels(ngl), ['33', '0', 'auto']);
  assert.match(ngl[0].detail!, /^all 33 layers fit, ~[\d.]+ tok\/s$/);
});

test('llama-swap cmd: blocks and presets .ini keys', () => {
  const yaml = 'models:\n  qwen:\n    cmd: |\n      llama-server --port ${PORT}\n      -ng\n    ttl: 60\n  -';
  assert.ok(labels(llamaFlagCompletions(yaml, 4, 9, 'llama-swap')).includes('--n-gpu-layers'));
  assert.deepEqual(llamaFlagCompletions(yaml, 6, 3, 'llama-swap'), []);
  const ini = '[qwen]\nctx';
  const keys = llamaFlagCompletions(ini, 1, 3, 'preset-ini');
  assert.equal(keys.find((k) => k.label === 'ctx-size')?.insertText, 'ctx-size = ');
  assert.deepEqual(labels(llamaFlagCompletions('[q]\nflash-attn = ', 1, 13, 'preset-ini')), ['on', 'off', 'auto']);
  assert.ok(labels(llamaFlagCompletions('[q]\ncache-type-v = ', 1, 15, 'preset-ini')).includes('q4_0'));
  // A comment or section header line: nothing.
  assert.deepEqual(llamaFlagCompletions('[q]\n# c', 1, 3, 'preset-ini'), []);
});

test('local Ollama store: manifests become FROM names; catalog tags are Ollama library tags', () => {
  const store = fs.mkdtempSync(path.join(os.tmpdir(), 'ollama-store-'));
  const put = (...p: string[]) => {
    fs.mkdirSync(path.join(store, 'manifests', ...p.slice(0, -1)), { recursive: true });
    fs.writeFileSync(path.join(store, 'manifests', ...p), '{}');
  };
  put('registry.ollama.ai', 'library', 'llama3.1', '8b');
  put('registry.ollama.ai', 'someone', 'coder', 'latest');
  put('hf.co', 'bartowski', 'Qwen3-8B-GGUF', 'Q4_K_M');
  assert.deepEqual(localOllamaModels([store, path.join(store, 'missing')]), [
    'hf.co/bartowski/Qwen3-8B-GGUF:Q4_K_M',
    'llama3.1:8b',
    'someone/coder:latest',
  ]);
  fs.rmSync(store, { recursive: true });
  const refs = catalogFromRefs();
  assert.ok(refs.some((r) => r.ref === 'llama3.1:8b' && r.name === 'Llama 3.1 8B Instruct'));
});
