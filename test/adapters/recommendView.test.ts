// "Best for this machine": the webview's JSON from real recommendations on the article's RTX 3060 rig, and from a
// hand-built row for the cases the catalog does not reach (CPU plan, q8_0 KV, text from a GGUF's metadata).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogModel } from '../../src/core/catalog';
import { hardwarePreset } from '../../src/core/hardware';
import { recommend, type Recommendation } from '../../src/core/recommend';
import { copyText, recommendRow, recommendView } from '../../src/vscode/format/recommendView';

const rtx3060 = hardwarePreset('rtx3060-ddr4');
const result = recommend(rtx3060, { use: 'chat', ctx: 8192 });
const view = recommendView(result);

test('rows keep the ranking, one per recommendation, numbered from 1', () => {
  assert.equal(view.rows.length, result.recommendations.length);
  assert.ok(view.rows.length >= 5);
  assert.deepEqual(
    view.rows.map((r) => r.name),
    result.recommendations.map((r) => r.name),
  );
  assert.deepEqual(
    view.rows.map((r) => r.rank),
    view.rows.map((_, i) => i + 1),
  );
  assert.equal(view.hardwareLabel, rtx3060.label);
  assert.deepEqual(view.uses, ['chat', 'code', 'vision', 'long-context']);
  assert.equal(
    view.heading,
    `${result.recommendations.length} of ${result.considered} models for chat at a 8192-token context and at least 10 tok/s decode`,
  );
});

test('a MoE that fits by keeping experts on the CPU says so in words, and offers no Modelfile', () => {
  const i = result.recommendations.findIndex((r) => r.plan === 'experts-on-cpu');
  assert.ok(i >= 0, 'the 3060 gets an experts-on-CPU plan');
  const rec = result.recommendations[i];
  const row = view.rows[i];
  // -ngl counts every block plus the output layer: "all" means blocks + 1.
  const blocks = catalogModel(rec.id, rec.quant).blocks.length;
  assert.equal(rec.settings.ngl, blocks + 1);
  assert.ok(rec.settings.nCpuMoe > 0 && rec.settings.nCpuMoe < blocks);
  assert.equal(
    row.planText.replace(/, KV cache q8_0$/, ''),
    `all ${blocks + 1} layers on the GPU, experts of ${rec.settings.nCpuMoe} blocks on the CPU`,
  );
  assert.equal(row.fitText, 'Experts on the CPU');
  assert.match(row.llamaServer, new RegExp(`-ngl 99 --n-cpu-moe ${rec.settings.nCpuMoe}\\b`));
  assert.equal(row.modelfile, null);
  assert.equal(row.modelfileNote, 'Ollama cannot keep experts on the CPU: run it with llama-server');
  assert.equal(copyText(view, i, 'llamaServer'), rec.run.llamaServer);
  assert.equal(copyText(view, i, 'modelfile'), undefined);
  if (rec.instead) assert.ok(row.notes.some((n) => n.startsWith(`plain -ngl ${rec.instead!.ngl} without --n-cpu-moe: ~`)));
});

test('Qwen3 14B at Q4_K_M all on the 3060: figures, quality from the KLD table, both lines to copy', () => {
  const i = result.recommendations.findIndex((r) => r.id === 'qwen3-14b');
  assert.ok(i >= 0);
  const rec = result.recommendations[i];
  const row = view.rows[i];
  assert.equal(row.quant, 'Q4_K_M');
  assert.equal(row.fitText, 'All on the GPU');
  // 40 blocks + the output layer
  assert.equal(catalogModel('qwen3-14b', 'Q4_K_M').blocks.length, 40);
  assert.equal(row.planText, 'all 41 layers on the GPU');
  // llama.cpp scoreboard: q4_K_M mean KLD 0.031273 → "small" (0.015 < KLD ≤ 0.05)
  assert.equal(row.qualityText, 'small loss (KLD 0.031)');
  assert.match(row.qualitySource, /^mean KL divergence vs FP16: https:\/\/github\.com\/ggml-org\/llama\.cpp\//);
  assert.equal(row.sizeText, `${(catalogModel('qwen3-14b', 'Q4_K_M').nParams / 1e9).toFixed(1)}B · ${(rec.fileBytes / 1e9).toFixed(1)} GB`);
  assert.equal(row.decodeText, `${rec.decodeTps.toFixed(1)} tok/s`);
  assert.equal(
    row.memText,
    `GPU ${(rec.gpuBytes / 1e9).toFixed(1)} GB · RAM ${rec.hostBytes >= 1e9 ? (rec.hostBytes / 1e9).toFixed(1) + ' GB' : (rec.hostBytes / 1e6).toFixed(0) + ' MB'}`,
  );
  assert.equal(copyText(view, i, 'llamaServer'), 'llama-server -m Qwen3-14B-Q4_K_M.gguf -c 8192 -ngl 99');
  assert.equal(copyText(view, i, 'modelfile'), 'FROM qwen3:14b\nPARAMETER num_ctx 8192');
  assert.equal(row.modelfileNote, '');
});

test('copy requests name an existing row, or copy nothing', () => {
  assert.equal(copyText(view, view.rows.length, 'llamaServer'), undefined);
  assert.equal(copyText(view, -1, 'llamaServer'), undefined);
  assert.equal(copyText(view, 0.5, 'llamaServer'), undefined);
  assert.equal(copyText(undefined, 0, 'llamaServer'), undefined);
});

test('a local CPU-only row: name from the file kept as one line of text, RAM only, KV and context notes', () => {
  const rec: Recommendation = {
    id: '/ws/models/x.gguf',
    name: 'Evil\u001b[31m <script>alert(1)</script>\nmodel',
    origin: 'workspace',
    ref: '/ws/models/x.gguf',
    quant: 'Q4_K_M',
    quality: null,
    nParams: 7.6e9,
    activeParams: 7.6e9,
    moe: false,
    fileBytes: 4_683_073_504,
    plan: 'cpu',
    settings: { ctx: 8192, ngl: 0, nCpuMoe: 0, cacheTypeK: 'q8_0', cacheTypeV: 'q8_0', flashAttn: 'on' },
    maxCtx: 32768,
    decodeTps: 9.876,
    prefillTps: 123.4,
    gpuBytes: 0,
    hostBytes: 5_400_000_000,
    specialised: false,
    run: {
      llamaServer: 'llama-server -m /ws/models/x.gguf -c 8192 -ngl 0 -fa on -ctk q8_0 -ctv q8_0',
      modelfile: 'FROM /ws/models/x.gguf\nPARAMETER num_ctx 8192',
      ollamaEnv: ['OLLAMA_FLASH_ATTENTION=1', 'OLLAMA_KV_CACHE_TYPE=q8_0'],
    },
  };
  const row = recommendRow(rec, 2, 8192);
  assert.equal(row.rank, 3);
  assert.equal(row.name, 'Evil [31m <script>alert(1)</script> model');
  assert.equal(row.where, 'local file');
  assert.equal(row.sizeText, '7.6B · 4.7 GB');
  assert.equal(row.fitText, 'CPU only');
  assert.equal(row.planText, 'all on the CPU, KV cache q8_0');
  assert.equal(row.memText, 'RAM 5.4 GB');
  assert.equal(row.decodeText, '9.88 tok/s');
  assert.equal(row.prefillText, '123 tok/s');
  assert.equal(row.qualityText, 'quality not published');
  assert.deepEqual(row.notes, ['the same settings still fit a 32768-token context']);
  assert.equal(row.modelfileNote, 'Ollama server environment: OLLAMA_FLASH_ATTENTION=1 OLLAMA_KV_CACHE_TYPE=q8_0');
});
