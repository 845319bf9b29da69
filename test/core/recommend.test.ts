// `recommend` on the article's rigs (../shared/background/bandwidth-article.txt): the RTX 3060 12 GB + DDR4
// desktop, a DDR5 CPU-only rig and the 768 GB Optane server. Expected values follow llama.cpp's rules by hand:
// -ngl offloads whole layers, --n-cpu-moe N moves the routed experts of blocks 0..N-1 to the CPU,
// KV = cells × layers × KV heads × head dim × 2 (K and V) × bytes per element.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { catalogEntry, catalogModel, catalogTensors } from '../../src/core/catalog';
import { DEFAULT_CALIBRATION, estimate } from '../../src/core/estimate';
import { hardwarePreset } from '../../src/core/hardware';
import { bestPlan, recommend, RECOMMEND_QUANTS, workspaceGgufs } from '../../src/core/recommend';
import { MiB } from '../../src/core/units';
import { writeGguf } from '../helpers/ggufWriter';

const rtx3060 = hardwarePreset('rtx3060-ddr4');
// 12 GiB card, 600 MiB held by the desktop (preset), 1024 MiB kept free by llama.cpp's fit (--fit-target).
const BUDGET_3060 = (12 * 1024 - 600 - 1024) * MiB;

test('3060: Qwen3 14B at 8K runs at Q4_K_M fully offloaded, because Q5_K_M cannot fit even without buffers', () => {
  const r = recommend(rtx3060, { ctx: 8192 });
  const row = r.recommendations.find((x) => x.id === 'qwen3-14b');
  assert.ok(row, 'Qwen3 14B is listed');
  assert.equal(row.quant, 'Q4_K_M');
  assert.equal(row.plan, 'gpu');
  assert.equal(row.settings.ngl, 41); // 40 blocks + the output layer
  assert.ok(row.gpuBytes <= BUDGET_3060);
  // Q5_K_M: every tensor but token_embd on the GPU plus the f16 KV exceeds the budget; so does a q8_0 KV (34 bytes per 32 values) with the CUDA context.
  const q5 = catalogModel('qwen3-14b', 'Q5_K_M');
  const kvF16 = 8192 * 40 * 8 * 128 * 2 * 2;
  const kvQ8 = 8192 * 40 * 8 * 128 * 2 * (34 / 32);
  const cudaContext = DEFAULT_CALIBRATION.gpuOverheadMiB.cuda * MiB;
  assert.ok(q5.tensorBytes - q5.tokenEmbd.bytes + kvF16 > BUDGET_3060);
  assert.ok(q5.tensorBytes - q5.tokenEmbd.bytes + kvQ8 + cudaContext > BUDGET_3060);
  assert.equal(row.run.llamaServer, 'llama-server -m Qwen3-14B-Q4_K_M.gguf -c 8192 -ngl 99');
  assert.equal(row.run.modelfile, 'FROM qwen3:14b\nPARAMETER num_ctx 8192');
  assert.equal(row.quality?.band, 'small');
  assert.equal(row.quality?.kld, 0.031273); // llama.cpp scoreboard, q4_K_M without imatrix
});

test('3060: Qwen3 30B-A3B keeps every layer on the GPU with the experts of the fewest leading blocks on the CPU', () => {
  const spec = catalogModel('qwen3-30b-a3b', 'Q4_K_M');
  const plan = bestPlan(spec, 8192, rtx3060);
  assert.ok(plan);
  assert.equal(plan.kind, 'experts-on-cpu');
  assert.equal(plan.settings.ngl, 49);
  const n = plan.settings.nCpuMoe;
  const all = (nCpuMoe: number) => estimate(spec, { ctx: 8192, ngl: 49, nCpuMoe, ...kv(plan.settings) }, rtx3060);
  // Moving the experts of blocks 0..N-1 frees exactly their bytes on the GPU (Q4_K_M gives some blocks' ffn_down_exps Q6_K).
  const expertsOfFirst = (k: number) => spec.blocks.slice(0, k).reduce((sum, b) => sum + b.experts.bytes, 0);
  const full = all(0).memory.gpuBytes;
  assert.equal(full - all(n).memory.gpuBytes, expertsOfFirst(n));
  // The smallest N that fits: the first N whose experts cover what the full offload is over the budget.
  assert.ok(expertsOfFirst(n - 1) < full - BUDGET_3060 && expertsOfFirst(n) >= full - BUDGET_3060);
  assert.ok(all(n - 1).memory.gpuBytes > BUDGET_3060 && all(n).memory.gpuBytes <= BUDGET_3060);
  // It beats the plain -ngl split it replaces.
  assert.ok(plan.instead && plan.instead.ngl < 49 && plan.instead.decodeTps < plan.estimate.speed.decodeTps);
});

function kv(s: { cacheTypeK: string; cacheTypeV: string }) {
  return { cacheTypeK: s.cacheTypeK, cacheTypeV: s.cacheTypeV, flashAttn: 'on' as const };
}

test('3060: the MoE row prints the llama-server line with --n-cpu-moe and no Modelfile (Ollama cannot split experts)', () => {
  const r = recommend(rtx3060, {});
  const row = r.recommendations.find((x) => x.id === 'qwen3-30b-a3b');
  assert.ok(row);
  assert.equal(row.plan, 'experts-on-cpu');
  assert.match(
    row.run.llamaServer,
    new RegExp(`^llama-server -m Qwen3-30B-A3B-${row.quant}\\.gguf -c 8192 -ngl 99 --n-cpu-moe ${row.settings.nCpuMoe}( |$)`),
  );
  assert.equal(row.run.modelfile, null);
  // The 30B MoE outranks every dense model that fits: more parameters, and fast enough.
  const dense = r.recommendations.filter((x) => !x.moe);
  assert.ok(r.recommendations.indexOf(row) < r.recommendations.indexOf(dense[0]));
});

test('DDR5 CPU rig: every row runs on the CPU; each model at the best quant that reaches 10 tok/s', () => {
  const hw = hardwarePreset('ddr5-cpu');
  const r = recommend(hw, { minTps: 10 });
  assert.ok(r.recommendations.length > 0);
  for (const row of r.recommendations) {
    assert.equal(row.plan, 'cpu');
    assert.equal(row.settings.ngl, 0);
    assert.ok(row.decodeTps >= 10, row.id);
    assert.match(row.run.llamaServer, / -ngl 0$/);
    // no GPU: Ollama runs on the CPU without being told
    if (row.run.modelfile) assert.doesNotMatch(row.run.modelfile, /num_gpu/);
  }
  const llama = r.recommendations.find((x) => x.id === 'llama3.1-8b');
  assert.ok(llama);
  // Dense decode cannot beat RAM bandwidth ÷ bytes per token: 89.6 GB/s (DDR5-5600 × 8 B × 2 channels).
  assert.equal(hw.ramBandwidthGBs, 89.6);
  const spec = catalogModel('llama3.1-8b', llama.quant);
  assert.ok(llama.decodeTps < 89.6e9 / (spec.tensorBytes - spec.tokenEmbd.bytes));
  // Better quants than the one chosen stay under 10 tok/s here.
  for (const q of RECOMMEND_QUANTS.slice(0, RECOMMEND_QUANTS.indexOf(llama.quant as (typeof RECOMMEND_QUANTS)[number]))) {
    assert.ok(estimate(catalogModel('llama3.1-8b', q), { ctx: 8192 }, hw).speed.decodeTps < 10, q);
  }
});

test('Optane server: the big MoE is usable, dense 70B and the 235B MoE are not (bandwidth ceiling by hand)', () => {
  const hw = hardwarePreset('optane-768');
  assert.equal(hw.ramBandwidthGBs, 100);
  const r = recommend(hw, {});
  // The largest models that run here at ≥ 10 tok/s are MoE ones (MiniMax M2, gpt-oss-120b): few active parameters.
  assert.ok(r.recommendations[0].moe && r.recommendations[0].decodeTps >= 10);
  assert.ok(r.recommendations.some((x) => x.id === 'gpt-oss-120b'));
  const slow = new Map(r.tooSlow.map((t) => [t.id, t]));
  // 70B at Q3_K_M: ~34 GB of weights per token through 100 GB/s is under 3 tok/s.
  const l70 = catalogModel('llama3.1-70b', 'Q3_K_M');
  assert.ok(100e9 / (l70.tensorBytes - l70.tokenEmbd.bytes) < 10);
  assert.ok(slow.has('llama3.1-70b') && !r.recommendations.some((x) => x.id === 'llama3.1-70b'));
  // Qwen3 235B-A22B at Q3_K_M reads its attention and 8 of 128 experts per block per token.
  const q235 = catalogModel('qwen3-235b-a22b', 'Q3_K_M');
  const perToken = q235.blocks.reduce((s, b) => s + b.dense.bytes + b.experts.bytes * (8 / 128), 0) + q235.output.bytes;
  assert.ok(100e9 / perToken < 10);
  assert.ok(slow.has('qwen3-235b-a22b'));
});

test('use cases: vision lists only image models, long-context sizes for 64K and only models trained for it', () => {
  const vision = recommend(rtx3060, { use: 'vision' });
  assert.ok(vision.recommendations.length > 0);
  for (const row of vision.recommendations) assert.match(row.id, /^gemma3-(4b|12b|27b)$/);
  const long = recommend(rtx3060, { use: 'long-context' });
  assert.equal(long.ctx, 65536);
  for (const row of long.recommendations) {
    assert.ok(catalogEntry(row.id)!.ctxTrain >= 65536, row.id);
    assert.equal(row.settings.ctx, 65536);
  }
});

test('local GGUFs are found in the folder and listed first, with their own path in the run line', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'recommend-local-'));
  try {
    const e = catalogEntry('llama3.2-3b')!;
    const file = path.join(dir, 'models', 'Llama-3.2-3B-Instruct-Q4_K_M.gguf');
    fs.mkdirSync(path.dirname(file));
    writeGguf(file, {
      metadata: {
        'general.architecture': 'llama',
        'general.name': 'My Llama 3B',
        'general.file_type': 15,
        'llama.block_count': e.nLayer,
        'llama.embedding_length': e.nEmbd,
        'llama.feed_forward_length': e.nFf,
        'llama.attention.head_count': e.nHead,
        'llama.attention.head_count_kv': e.nHeadKv,
        'llama.context_length': e.ctxTrain,
        'llama.vocab_size': e.nVocab,
      },
      tensors: catalogTensors('llama3.2-3b', 'Q4_K_M').map((t) => ({ name: t.name, type: t.type, dims: t.dims })),
    });
    // a later shard and a projector are not models
    fs.writeFileSync(path.join(dir, 'x-00002-of-00003.gguf'), '');
    fs.writeFileSync(path.join(dir, 'mmproj-x.gguf'), '');
    const local = await workspaceGgufs(dir);
    assert.deepEqual(
      local.map((m) => m.ref),
      [file],
    );
    const r = recommend(rtx3060, { local });
    assert.equal(r.recommendations[0].origin, 'workspace');
    assert.equal(r.recommendations[0].ref, file);
    assert.equal(r.recommendations[0].run.llamaServer, `llama-server -m ${file} -c 8192 -ngl 99`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a machine with too little memory gets an empty list, not an error', () => {
  // 256 MiB: smaller than the smallest catalog model at Q3_K_M (Qwen2.5 0.5B, ~0.35 GB).
  const tiny = { ...hardwarePreset('cpu-only-laptop'), ramBytes: 256 * MiB, ramFreeBytes: 200 * MiB };
  assert.ok(catalogModel('qwen2.5-0.5b', 'Q3_K_M').fileBytes > 256 * MiB);
  const r = recommend(tiny, {});
  assert.deepEqual(r.recommendations, []);
});
