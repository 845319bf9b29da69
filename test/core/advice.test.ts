// The cases of issue 12, each with the fix it expects, proven by applying it and estimating again.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeDocument, type AnalyzeOptions } from '../../src/core/analyze';
import { parseConfigFile } from '../../src/core/config';
import { applyTextEdits } from '../../src/core/fixes';
import { customProfile, hardwarePreset } from '../../src/core/hardware';
import type { DocumentAnalysis, Estimate, QuickFix } from '../../src/core/types';
import { writeCatalogGguf } from '../helpers/catalogGguf';

const opts = (id: string, extra: Partial<AnalyzeOptions> = {}): AnalyzeOptions => ({
  hardware: hardwarePreset(id),
  env: {},
  ollamaModelsDir: '/nonexistent',
  ...extra,
});
const MARGIN = 512 * 1024 * 1024;

function fitFixes(a: DocumentAnalysis): QuickFix[] {
  return a.diagnostics.filter((d) => d.code.startsWith('fit.')).flatMap((d) => d.fixes);
}

async function after(file: string, text: string, fix: QuickFix, o: AnalyzeOptions, index = 0): Promise<{ text: string; e: Estimate }> {
  const fixed = applyTextEdits(text, fix.edits);
  const e = (await analyzeDocument(file, fixed, o)).configs[index].estimate;
  assert.ok(e, `no estimate after ${fix.title}`);
  return { text: fixed, e };
}

/** Loads with the safety margin of VRAM to spare. */
function comfortable(e: Estimate): boolean {
  return e.fits && (e.offload.gpuLayers === 0 || e.hardware.freeVramBytes - e.memory.gpuBytes >= MARGIN);
}

describe('fixes by cause', () => {
  it('gpt-oss-120b -ngl 99 on an RTX 4090: --n-cpu-moe with the fewest expert layers on the CPU, no larger quant', async () => {
    const file = '/ws/run.sh';
    const text = 'llama-server -hf ggml-org/gpt-oss-120b-GGUF -c 32768 -ngl 99\n';
    const o = opts('rtx4090');
    const a = await analyzeDocument(file, text, o);
    const fixes = fitFixes(a);
    assert.equal(fixes[0]?.kind, 'fix.cpu-moe', fixes.map((f) => f.title).join(' | '));
    assert.ok(!fixes.some((f) => f.kind === 'fix.quant'), 'every other gpt-oss-120b file is larger than MXFP4');
    const n = Number(/--n-cpu-moe (\d+)/.exec(applyTextEdits(text, fixes[0].edits))?.[1]);
    const { e } = await after(file, text, fixes[0], o);
    assert.equal(e.offload.cpuMoeBlocks, n);
    assert.equal(e.offload.gpuLayers, 37);
    assert.ok(comfortable(e));
    assert.match(fixes[0].title, new RegExp(`--n-cpu-moe ${n}\\).*→ fits, experts of ${n}/36 layers on the CPU, ~[\\d.]+ tok/s$`));
    // One layer's experts fewer on the CPU no longer fits.
    const tighter = (await analyzeDocument(file, text.replace('-ngl 99', `-ngl 99 --n-cpu-moe ${n - 1}`), o)).configs[0].estimate!;
    assert.equal(comfortable(tighter), false);
  });

  it("8B at -c 131072 -ub 2048 on an RTX 3060: the context that fits is searched with llama.cpp's batch sizes", async () => {
    const file = '/ws/run.sh';
    const text = 'llama-server -m ./models/Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 131072 -ngl 99 -ub 2048\n';
    const o = opts('rtx3060-ddr4');
    const fix = fitFixes(await analyzeDocument(file, text, o)).find((f) => f.kind === 'fix.ctx');
    assert.ok(fix);
    const { e, text: fixed } = await after(file, text, fix, o);
    assert.equal(e.fits, true);
    assert.equal(e.fullyOnGpu, true);
    assert.equal(e.settings.ubatch, 2048);
    const c = Number(/-c (\d+)/.exec(fixed)![1]);
    const more = (await analyzeDocument(file, fixed.replace(`-c ${c}`, `-c ${c + 1024}`), o)).configs[0].estimate!;
    assert.equal(comfortable(more) && more.fullyOnGpu, false, '1024 more tokens would not fit: the largest context is offered');
  });

  it('num_gpu 10 on a 12 GB card with room: raise it to 33 (all layers fit), and nothing else', async () => {
    const text = 'FROM llama3.1:8b\nPARAMETER num_gpu 10\n';
    const o = opts('rtx3060-ddr4');
    const a = await analyzeDocument('/ws/Modelfile', text, o);
    const d = a.diagnostics.find((x) => x.code === 'fit.partial')!;
    assert.match(d.message, /num_gpu 10 in this file/);
    assert.deepEqual(d.range, { startLine: 1, startCol: 18, endLine: 1, endCol: 20 });
    assert.deepEqual(
      d.fixes.map((f) => f.kind),
      ['fix.ngl'],
    );
    assert.match(d.fixes[0].title, /^Raise num_gpu to 33 \(all layers fit\) → fits on the GPU, ~[\d.]+ tok\/s$/);
    const { text: fixed, e } = await after('/ws/Modelfile', text, d.fixes[0], o);
    assert.equal(fixed, 'FROM llama3.1:8b\nPARAMETER num_gpu 33\n');
    assert.equal(e.fullyOnGpu, true);
  });

  it('--n-gpu-layers 20 on a quoted path with line continuations: raised in place', async () => {
    const text = 'llama-server \\\n  -m "./models/Llama-3.1-8B-Instruct-Q4_K_M.gguf" \\\n  --n-gpu-layers 20 -c 8192 \\\n  --port 8082\n';
    const o = opts('rtx3060-ddr4');
    const fix = fitFixes(await analyzeDocument('/ws/run.sh', text, o))[0];
    assert.equal(fix?.kind, 'fix.ngl');
    const { text: fixed, e } = await after('/ws/run.sh', text, fix, o);
    assert.match(fixed, /--n-gpu-layers 33 -c 8192 \\\n/);
    assert.equal(e.fullyOnGpu, true);
  });

  it('FROM llama3.1:405b on a CPU-only machine: a smaller Llama 3.1 that fits in RAM', async () => {
    const text = 'FROM llama3.1:405b\n';
    const o = opts('ddr5-cpu');
    const a = await analyzeDocument('/ws/Modelfile', text, o);
    const d = a.diagnostics.find((x) => x.code === 'fit.no-fit')!;
    assert.match(d.message, /^Llama 3\.1 405B Instruct Q4_K_M does not fit in RAM: needs [\d.]+ GB, [\d.]+ GB of [\d.]+ GB RAM available$/);
    const fix = d.fixes.find((f) => f.kind === 'fix.smaller-model');
    assert.ok(fix, d.fixes.map((f) => f.title).join(' | '));
    assert.equal(fix.edits[0].newText, 'llama3.1:70b');
    const { e } = await after('/ws/Modelfile', text, fix, o);
    assert.equal(e.model.name, 'Llama 3.1 70B Instruct');
    assert.equal(e.fits, true);
    assert.match(fix.title, /→ fits in RAM, ~[\d.]+ tok\/s$/);
  });

  it('gemma3:27b with num_ctx 131072 and 24 GB of RAM, no GPU: lower num_ctx first, the smaller model after', async () => {
    const text = 'FROM gemma3:27b\nPARAMETER num_ctx 131072\n';
    const o = opts('ddr5-cpu', { hardware: customProfile(hardwarePreset('ddr5-cpu'), { ramGiB: 24 }) });
    const fixes = fitFixes(await analyzeDocument('/ws/Modelfile', text, o));
    assert.equal(fixes[0]?.kind, 'fix.ctx', fixes.map((f) => f.title).join(' | '));
    const { text: fixed, e } = await after('/ws/Modelfile', text, fixes[0], o);
    assert.equal(e.fits, true);
    const c = Number(/num_ctx (\d+)/.exec(fixed)![1]);
    const more = (await analyzeDocument('/ws/Modelfile', `FROM gemma3:27b\nPARAMETER num_ctx ${c + 1024}\n`, o)).configs[0].estimate!;
    assert.equal(more.fits, false);
  });

  it('llama3.1:70b on a 12 GB card: the smaller quant that loads, then llama3.1:8b, which fits on the GPU', async () => {
    const text = 'FROM llama3.1:70b\n';
    const o = opts('rtx3060-ddr4');
    const fixes = fitFixes(await analyzeDocument('/ws/Modelfile', text, o));
    assert.deepEqual(
      fixes.map((f) => f.kind),
      ['fix.quant', 'fix.smaller-model'],
    );
    const small = await after('/ws/Modelfile', text, fixes[1], o);
    assert.equal(small.text, 'FROM llama3.1:8b\n');
    assert.equal(small.e.fullyOnGpu, true);
    const q = await after('/ws/Modelfile', text, fixes[0], o);
    assert.ok(q.e.model.fileBytes < (await analyzeDocument('/ws/Modelfile', text, o)).configs[0].estimate!.model.fileBytes);
  });
});

describe("edits in the file's own syntax", () => {
  const o = opts('rtx3060-ddr4');
  const cases: Array<[string, string, string, RegExp]> = [
    [
      'compose command list',
      '/ws/compose.yaml',
      'services:\n  llm:\n    image: ghcr.io/ggml-org/llama.cpp:server\n    command: ["-m", "/models/Llama-3.1-8B-Instruct-Q4_K_M.gguf", "-ngl", "99"]\n',
      /"\/models\/Llama-3\.1-8B-Instruct-Q4_K_M\.gguf", "-c", "\d+", "-ngl"/,
    ],
    [
      'Dockerfile exec form',
      '/ws/Dockerfile',
      'FROM ghcr.io/ggml-org/llama.cpp:server\nCMD ["-m", "/models/Llama-3.1-8B-Instruct-Q4_K_M.gguf", "-ngl", "99"]\n',
      /"\/models\/Llama-3\.1-8B-Instruct-Q4_K_M\.gguf", "-c", "\d+", "-ngl"/,
    ],
    [
      'compose block list',
      '/ws/compose.yaml',
      'services:\n  llm:\n    image: ghcr.io/ggml-org/llama.cpp:server\n    command:\n      - -m\n      - /models/Llama-3.1-8B-Instruct-Q4_K_M.gguf\n      - -ngl\n      - "99"\n',
      /\n {6}- \/models\/Llama-3\.1-8B-Instruct-Q4_K_M\.gguf\n {6}- -c\n {6}- \d+\n {6}- -ngl/,
    ],
    [
      'YAML folded scalar',
      '/ws/compose.yaml',
      'services:\n  llm:\n    image: ghcr.io/ggml-org/llama.cpp:server\n    command: >\n      -m /models/Llama-3.1-8B-Instruct-Q4_K_M.gguf\n      -ngl 99\n',
      /-m \/models\/Llama-3\.1-8B-Instruct-Q4_K_M\.gguf -c \d+\n {6}-ngl 99/,
    ],
    [
      'llama-cpp-python JSON',
      '/ws/server.json',
      '{"models": [{"model": "./models/Llama-3.1-8B-Instruct-Q4_K_M.gguf", "n_gpu_layers": -1}]}\n',
      /"\.\/models\/Llama-3\.1-8B-Instruct-Q4_K_M\.gguf", "n_ctx": \d+, "n_gpu_layers"/,
    ],
  ];
  for (const [what, file, text, shape] of cases) {
    it(`${what}: the context fix reads back as -c N and the same model`, async () => {
      // Trained context (131072) when the file sets none: 16 GiB of KV cache on a 12 GB card.
      const t = file.endsWith('.json') ? text.replace('"n_gpu_layers"', '"n_ctx": 131072, "n_gpu_layers"') : text;
      const a = await analyzeDocument(file, t, o);
      const fix = fitFixes(a).find((f) => f.kind === 'fix.ctx');
      assert.ok(
        fix,
        `${what}: ${fitFixes(a)
          .map((f) => f.title)
          .join(' | ')}`,
      );
      const fixed = applyTextEdits(t, fix.edits);
      if (!file.endsWith('.json')) assert.match(fixed, shape);
      const cfg = parseConfigFile(file, fixed).configs[0];
      assert.equal(cfg.modelRef, a.configs[0].config.modelRef);
      assert.equal(cfg.settings.ctx, Number(/(\d+) tokens/.exec(fix.title)![1]));
      assert.equal((await after(file, t, fix, o)).e.fullyOnGpu, true);
    });
  }
});

describe('diagnostics that never mislead', () => {
  it("a missing local GGUF is an error on its path; the estimate says it is the catalog's", async () => {
    const a = await analyzeDocument('/ws/Modelfile', 'FROM ./models/Llama-3.1-8B-Instruct-Q4_K_M.gguf\n', opts('rtx3060-ddr4'));
    const d = a.diagnostics.find((x) => x.code === 'resolve.file-missing');
    assert.ok(d);
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, { startLine: 0, startCol: 5, endLine: 0, endCol: 47 });
    assert.match(d.message, /^No file at \/ws\/models\/Llama-3\.1-8B-Instruct-Q4_K_M\.gguf: ollama create would fail/);
    assert.match(d.message, /catalog's Llama 3\.1 8B Instruct Q4_K_M/);
  });

  for (const [tag, first] of [
    ['llama3.1:70', 'llama3.1:70b'],
    ['llama3.1:8bb', 'llama3.1:8b'],
  ] as const) {
    it(`${tag} is not silently Llama 3.1 8B: a warning offers ${first}`, async () => {
      const a = await analyzeDocument('/ws/Modelfile', `FROM ${tag}\n`, opts('rtx3060-ddr4'));
      const d = a.diagnostics.find((x) => x.code === 'resolve.unknown-tag');
      assert.ok(d);
      assert.match(d.message, /\(8b, 70b, 405b\)/);
      assert.equal(d.fixes[0].edits[0].newText, first);
    });
  }
  it('real tags raise nothing', async () => {
    for (const tag of ['llama3.1:8b', 'llama3.1:70b-instruct-q3_K_L', 'llama3.1', 'llama3.1:latest', 'qwen3:30b-a3b']) {
      const a = await analyzeDocument('/ws/Modelfile', `FROM ${tag}\n`, opts('h100'));
      assert.deepEqual(
        a.diagnostics.filter((x) => x.code.startsWith('resolve.')),
        [],
        tag,
      );
    }
  });
});

describe("container paths read through the file's mounts", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'model-fit-mounts-'));
  mkdirSync(path.join(dir, 'models'));
  const q8 = writeCatalogGguf(path.join(dir, 'models', 'Llama-3.1-8B-Instruct-Q8_0.gguf'), 'llama3.1-8b', 'Q8_0');
  const q4 = writeCatalogGguf(path.join(dir, 'models', 'Llama-3.1-8B-Instruct-Q4_K_M.gguf'), 'llama3.1-8b', 'Q4_K_M');
  const o = opts('rtx3060-ddr4');
  const compose = (volumes: string) =>
    'services:\n  llm:\n    image: ghcr.io/ggml-org/llama.cpp:server\n' +
    `    volumes: ${volumes}\n    command: ["-m", "/models/Llama-3.1-8B-Instruct-Q8_0.gguf", "-c", "32768", "-ngl", "99"]\n`;

  it("compose ./models:/models: the workspace file's own header, and its smaller sibling as the fix, in container terms", async () => {
    const file = path.join(dir, 'compose.yaml');
    const text = compose('["./models:/models:ro"]');
    const a = await analyzeDocument(file, text, o);
    const e = a.configs[0].estimate!;
    assert.equal(e.model.source, 'gguf');
    assert.equal(e.model.fileBytes, q8);
    assert.deepEqual(
      a.diagnostics.filter((d) => d.code.startsWith('resolve.')),
      [],
    );
    const fix = fitFixes(a).find((f) => f.kind === 'fix.quant');
    assert.ok(
      fix,
      fitFixes(a)
        .map((f) => f.title)
        .join(' | '),
    );
    assert.equal(fix.edits[0].newText, '/models/Llama-3.1-8B-Instruct-Q4_K_M.gguf');
    assert.equal((await after(file, text, fix, o)).e.model.fileBytes, q4);
  });

  it('long-syntax bind mounts and Dockerfile COPY map the same way', async () => {
    const long = await analyzeDocument(
      path.join(dir, 'compose.yaml'),
      compose('\n      - type: bind\n        source: ./models\n        target: /models'),
      o,
    );
    assert.equal(long.configs[0].estimate?.model.fileBytes, q8);
    const docker = await analyzeDocument(
      path.join(dir, 'Dockerfile'),
      'FROM ghcr.io/ggml-org/llama.cpp:server\nCOPY models /models\nCMD ["-m", "/models/Llama-3.1-8B-Instruct-Q8_0.gguf"]\n',
      o,
    );
    assert.equal(docker.configs[0].estimate?.model.fileBytes, q8);
  });

  it('an unmapped container path is said to be one, not reported missing', async () => {
    const a = await analyzeDocument(path.join(dir, 'compose.yaml'), compose('["models:/models"]'), o);
    const d = a.diagnostics.find((x) => x.code === 'resolve.container-path');
    assert.ok(d, a.diagnostics.map((x) => x.code).join());
    assert.equal(d.severity, 'info');
    assert.ok(!a.diagnostics.some((x) => x.code === 'resolve.file-missing'));
    rmSync(dir, { recursive: true, force: true });
  });
});
