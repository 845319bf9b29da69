// Turns ../shared/calibration into estimator cases: the model, settings and hardware of each measured
// run, and what was measured. Used by bench-accuracy (report) and fit-calibration (fit the constants).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadGgufModel } from '../src/core/gguf';
import { lookupGpu } from '../src/core/hardware';
import { gpuFromSpec } from '../src/core/hardware/buildProfile';
import type { GpuSpec } from '../src/core/data/gpus';
import { GiB, MiB } from '../src/core/units';
import type { GpuBackend, GpuDevice, HardwareProfile, ModelSpec, RunSettings } from '../src/core/types';
import { syntheticSpec, type Shape } from './synthetic-spec';
import { SCRIPT_CALIBRATION_DIR } from '../test/helpers/calibrationData';

/** ../shared/calibration when present (the newest data), else the copy vendored under test/fixtures. */
export const CALIBRATION_DIR = SCRIPT_CALIBRATION_DIR;

export type CaseKind = 'memory' | 'decode' | 'prefill' | 'fit';

export interface CalibrationCase {
  id: string;
  kind: CaseKind;
  /** measured: ../shared measured runs; published: ../shared published results; transcribed: scripts/data/bench-records.json. */
  origin: 'measured' | 'published' | 'transcribed';
  /** Year of the llama.cpp build, where the record or its source says (backends changed a lot between 2023 and 2026). */
  buildYear?: number;
  /** The source a record came from (its URL, or the measured file and machine): the unit left out by leave-one-source-out. */
  sourceKey: string;
  model: ModelSpec;
  settings: RunSettings;
  hardware: HardwareProfile;
  io: { promptTokens: number; genTokens: number; depth: number };
  /** tok/s for speed cases, bytes for memory cases (GPU as nvidia-smi reports), ngl for fit cases. */
  measured: number;
  /** Memory cases: llama.cpp's own buffer sizes, for the per-kind report. */
  buffers?: { weightsGpu: number; weightsHost: number; kvGpu: number; kvHost: number; computeGpu: number; hostSelf: number };
  /** Fit cases: the context llama.cpp chose. */
  measuredCtx?: number;
  runtimeMarginBytes?: number;
}

function gpu(
  name: string,
  vramMiB: number,
  freeMiB: number,
  bandwidthGBs: number,
  fp16Tflops: number | undefined,
  backend: GpuBackend,
  unified = false,
  powerW?: number,
): GpuDevice {
  return {
    name,
    vramBytes: vramMiB * MiB,
    freeBytes: freeMiB * MiB,
    bandwidthGBs,
    fp16Tflops,
    backend,
    unifiedMemory: unified,
    powerW,
    source: 'calibration record',
    provenance: { vram: 'measured', free: 'measured', bandwidth: 'looked-up', fp16: 'looked-up' },
  };
}

function host(id: string, gpus: GpuDevice[], ramGiB: number, ramBandwidthGBs: number, threads: number, flags: string[]): HardwareProfile {
  return {
    id,
    label: id,
    gpus,
    ramBytes: ramGiB * GiB,
    ramFreeBytes: ramGiB * GiB,
    ramBandwidthGBs,
    cpu: { model: id, threads, cores: threads, flags },
    provenance: { ram: 'measured', ramBandwidth: 'measured', cpu: 'measured' },
    notes: [],
  };
}

/** Write the real header and extend it to the real size as a sparse file. */
async function calibrationModel(file: string, cacheDir: string): Promise<ModelSpec> {
  const sizes = JSON.parse(readFileSync(path.join(CALIBRATION_DIR, 'gguf/sizes.json'), 'utf8')) as Record<string, { file_bytes: number }>;
  const out = path.join(cacheDir, file);
  if (!existsSync(out)) {
    const gz = readFileSync(path.join(CALIBRATION_DIR, 'gguf', `${file}.head.gz`)) as unknown as Uint8Array;
    writeFileSync(out, gunzipSync(gz) as unknown as Uint8Array);
    truncateSync(out, sizes[file].file_bytes);
  }
  return loadGgufModel(out);
}

function fileFor(model: string, quant: string): string {
  return `${model}-${quant}.gguf`;
}

// H100 host of measured_llamacpp.json: H100 SXM5 80 GB (3.35 TB/s, 989 dense FP16 TFLOPS, 700 W);
// 16-core Sapphire Rapids VM, RAM read 100 GB/s (torch sum) as the record says.
const SPR_FLAGS = ['avx2', 'avx512f', 'avx512_vnni', 'amx_int8', 'amx_bf16'];

export async function loadCases(): Promise<CalibrationCase[]> {
  const cacheDir = path.join(os.tmpdir(), 'model-fit-calibration');
  mkdirSync(cacheDir, { recursive: true });
  const measured = JSON.parse(readFileSync(path.join(CALIBRATION_DIR, 'measured_llamacpp.json'), 'utf8'));
  const bw = measured.hardware.cpu_ram_bw_GBps.torch_sum_read as number;
  const models = new Map<string, ModelSpec>();
  const model = async (file: string) => {
    if (!models.has(file)) models.set(file, await calibrationModel(file, cacheDir));
    return models.get(file)!;
  };
  const h100Spec = lookupGpu('NVIDIA H100 80GB HBM3');
  const h100 = (freeMiB = 81079) =>
    host(
      'h100-host',
      [withSpecThroughput(gpu('NVIDIA H100 80GB HBM3', 81559, freeMiB, 3350, 989, 'cuda', false, 700), h100Spec)],
      125,
      bw,
      16,
      SPR_FLAGS,
    );
  const cpuOnlyHost = host('h100-host-cpu', [], 125, bw, 16, SPR_FLAGS);
  const cases: CalibrationCase[] = [];

  for (const r of measured.records) {
    const spec = await model(r.file ?? fileFor(r.model, r.quant));
    if (r.kind === 'memory') {
      const settings: RunSettings = {
        ctx: r.n_ctx,
        ngl: r.ngl,
        flashAttn: r.flash_attn_arg,
        cacheTypeK: r.cache_type_k,
        cacheTypeV: r.cache_type_v,
        batch: r.n_batch,
        ubatch: r.n_ubatch,
        nCpuMoe: r.n_cpu_moe,
      };
      const b = (o: Record<string, number> | undefined, k: string) => (o?.[k] ?? 0) * MiB;
      cases.push({
        id: r.tag,
        kind: 'memory',
        origin: 'measured',
        sourceKey: 'measured_llamacpp.json (H100 host)',
        buildYear: 2026,
        model: spec,
        settings,
        hardware: h100(),
        io: { promptTokens: 512, genTokens: 128, depth: 0 },
        measured: r.nvidia_smi_peak_used_MiB * MiB,
        buffers: {
          weightsGpu: b(r.model_buffer_MiB, 'CUDA0'),
          weightsHost: b(r.model_buffer_MiB, 'CPU_Mapped') + b(r.model_buffer_MiB, 'CPU'),
          kvGpu: b(r.kv_buffer_MiB, 'CUDA0'),
          kvHost: b(r.kv_buffer_MiB, 'CPU'),
          computeGpu: b(r.compute_buffer_MiB, 'CUDA0'),
          hostSelf: (r.breakdown_Host_MiB?.self ?? 0) * MiB,
        },
      });
    } else if (r.kind === 'llama-bench') {
      const isPrefill = String(r.test).startsWith('pp');
      const settings: RunSettings = {
        ngl: r.cpu_only ? 0 : r.ngl,
        flashAttn: r.flash_attn === 1 ? 'on' : r.flash_attn === 0 ? 'off' : 'auto',
        cacheTypeK: r.cache_type_k,
        cacheTypeV: r.cache_type_v,
        batch: r.n_batch,
        ubatch: r.n_ubatch,
        nCpuMoe: r.n_cpu_moe,
        threads: r.n_threads,
        ctx: r.n_prompt + r.n_gen + r.n_depth,
      };
      cases.push({
        id: `${r.tag ?? r.model}:${r.quant}:ngl${r.ngl}:fa${r.flash_attn}:ub${r.n_ubatch}:d${r.n_depth}:${r.cpu_only ? 'cpu:' : ''}${r.test}`,
        kind: isPrefill ? 'prefill' : 'decode',
        origin: 'measured',
        sourceKey: 'measured_llamacpp.json (H100 host)',
        buildYear: 2026,
        model: spec,
        settings,
        hardware: r.cpu_only ? cpuOnlyHost : h100(),
        io: { promptTokens: isPrefill ? r.n_prompt : 0, genTokens: isPrefill ? 0 : r.n_gen, depth: r.n_depth },
        measured: r.tps_avg,
      });
    } else if (r.kind === 'fit-params') {
      const args = String(r.args);
      const ctxArg = /-c (\d+)/.exec(args);
      const fitted = String(r.fitted_args);
      const ngl = Number(/-ngl (-?\d+)/.exec(fitted)?.[1] ?? 'NaN');
      cases.push({
        id: r.tag,
        kind: 'fit',
        origin: 'measured',
        sourceKey: 'measured_llamacpp.json (H100 host)',
        buildYear: 2026,
        model: spec,
        settings: { ctx: ctxArg ? Number(ctxArg[1]) : undefined, ngl: 'auto' },
        hardware: h100(r.pretend_free_MiB),
        io: { promptTokens: 512, genTokens: 128, depth: 0 },
        measured: ngl < 0 ? spec.blocks.length + 1 : ngl,
        measuredCtx: Number(/-c (\d+)/.exec(fitted)?.[1] ?? 'NaN'),
        runtimeMarginBytes: 0,
      });
    }
  }

  // The 2-core EPYC (Zen 3, AVX2, ~33 GB/s read) the project is developed on.
  const epyc = host('epyc-2core', [], 8, 33, 2, ['avx2', 'fma']);
  for (const r of measured.local_cpu_records) {
    const spec = await model(fileFor(r.model, r.quant));
    const isPrefill = String(r.test).startsWith('pp');
    const n = Number(String(r.test).slice(2));
    cases.push({
      id: `epyc:${r.model}:${r.quant}:${r.test}`,
      kind: isPrefill ? 'prefill' : 'decode',
      origin: 'measured',
      sourceKey: 'measured_llamacpp.json (2-core EPYC)',
      buildYear: 2026,
      model: spec,
      settings: { ngl: 0, threads: r.n_threads, ctx: 1024 },
      hardware: epyc,
      io: { promptTokens: isPrefill ? n : 0, genTokens: isPrefill ? 0 : n, depth: 0 },
      measured: r.tps_avg,
    });
  }

  const published = JSON.parse(readFileSync(path.join(CALIBRATION_DIR, 'published_bench.json'), 'utf8'));
  const published2025 = JSON.parse(readFileSync(path.join(CALIBRATION_DIR, 'published_2025.json'), 'utf8'));
  const transcribed = JSON.parse(readFileSync(BENCH_RECORDS_FILE, 'utf8'));
  const realModels = {
    'Qwen3-Coder-30B-A3B-Instruct:Q8_0': await model('qwen3-30b-a3b-Q8_0.gguf'),
    'Qwen2.5-Coder-7B:Q8_0': await model('qwen2.5-7b-Q8_0.gguf'),
    'Llama 3.1 8B:Q4_0': await model('llama3.1-8b-Q4_0.gguf'),
  };
  cases.push(
    ...publishedCases(published.records, 'published', realModels),
    ...publishedCases(published2025.records, 'published', realModels, 2025),
    ...publishedCases(transcribed.records, 'transcribed', realModels, 2025),
  );
  return cases;
}

/** Public results the project transcribed itself (2025–26 builds), each with its source. */
export const BENCH_RECORDS_FILE = path.resolve(__dirname, 'data/bench-records.json');

// MXFP4 stores 32 4-bit values and one shared 8-bit exponent per block: 17 bytes per 32 weights.
const MXFP4_BYTES_PER_PARAM = 17 / 32;

// gpt-oss-20b (openai/gpt-oss-20b config.json): sliding window of 128 on every other block.
const GPT_OSS_20B: Shape = {
  nLayer: 24,
  nEmbd: 2880,
  nFf: 2880,
  nHead: 64,
  nHeadKv: 8,
  headDim: 64,
  nVocab: 201088,
  experts: { count: 32, used: 4, ff: 2880, bytesPerParam: MXFP4_BYTES_PER_PARAM },
  slidingWindow: 128,
  swa: (l) => l % 2 === 0,
};

/**
 * Shapes of the models in the published results (from their config.json on Hugging Face: meta-llama,
 * TinyLlama, mistralai, Qwen, openai/gpt-oss-20b and -120b, google/gemma-3-4b-it).
 */
const PUBLISHED_SHAPES: Record<string, Shape> = {
  'LLaMA 2 7B': { nLayer: 32, nEmbd: 4096, nFf: 11008, nHead: 32, nHeadKv: 32, nVocab: 32000 },
  'LLaMA 7B': { nLayer: 32, nEmbd: 4096, nFf: 11008, nHead: 32, nHeadKv: 32, nVocab: 32000 },
  'Llama 3 8B': { nLayer: 32, nEmbd: 4096, nFf: 14336, nHead: 32, nHeadKv: 8, nVocab: 128256 },
  'Llama 3 70B': { nLayer: 80, nEmbd: 8192, nFf: 28672, nHead: 64, nHeadKv: 8, nVocab: 128256 },
  'TinyLlama 1.1B': { nLayer: 22, nEmbd: 2048, nFf: 5632, nHead: 32, nHeadKv: 4, nVocab: 32000 },
  'Mistral 7B Instruct v0.2': { nLayer: 32, nEmbd: 4096, nFf: 14336, nHead: 32, nHeadKv: 8, nVocab: 32000 },
  'Mistral 7B v0.3': { nLayer: 32, nEmbd: 4096, nFf: 14336, nHead: 32, nHeadKv: 8, nVocab: 32768 },
  'Qwen3 8B': { nLayer: 36, nEmbd: 4096, nFf: 12288, nHead: 32, nHeadKv: 8, nVocab: 151936 },
  'Llama 3.2 3B Instruct': { nLayer: 28, nEmbd: 3072, nFf: 8192, nHead: 24, nHeadKv: 8, nVocab: 128256, tied: true },
  // gpt-oss: sliding window of 128 on every other block (layer_types starts with sliding_attention).
  'gpt-oss-20b (ggml-org GGUF)': GPT_OSS_20B,
  // The same model as F16 GGUF (routed experts stay MXFP4, the rest F16).
  'gpt-oss-20b (F16 GGUF: MXFP4 experts, F16 rest)': GPT_OSS_20B,
  'gpt-oss-120b (ggml-org GGUF)': { ...GPT_OSS_20B, nLayer: 36, experts: { ...GPT_OSS_20B.experts!, count: 128 } },
  'Qwen3-30B-A3B': {
    nLayer: 48,
    nEmbd: 2048,
    nFf: 6144,
    nHead: 32,
    nHeadKv: 4,
    headDim: 128,
    nVocab: 151936,
    experts: { count: 128, used: 8, ff: 768 },
  },
  // Gemma 3: five sliding-window (1024) blocks, then one global block.
  'gemma-3-4b-it-qat': {
    nLayer: 34,
    nEmbd: 2560,
    nFf: 10240,
    nHead: 8,
    nHeadKv: 4,
    headDim: 256,
    nVocab: 262208,
    tied: true,
    slidingWindow: 1024,
    swa: (l) => (l + 1) % 6 !== 0,
  },
};

/** Hosts of published CPU results, with the memory they shipped with (bandwidth from the spec sheets). */
const PUBLISHED_CPUS: Record<string, { ramBandwidthGBs: number; flags: string[]; guessed?: boolean; ramGiB?: number }> = {
  // i7-1165G7: RAM not stated; most such laptops ship DDR4-3200 dual channel → 51.2 GB/s (guess).
  'Intel Core i7-1165G7': { ramBandwidthGBs: 51.2, flags: ['avx2', 'avx512f'], guessed: true },
  // Radxa Dragon Q8B: RAM not stated; assumed LPDDR5X on a 64-bit bus → 68 GB/s (guess).
  'Radxa Dragon Q8B': { ramBandwidthGBs: 68, flags: ['neon'], guessed: true },
  // Cix CP8180 (Cix P1): RAM not stated; assumed LPDDR5-6400 on a 128-bit bus → 102.4 GB/s (guess).
  'Cix CP8180': { ramBandwidthGBs: 102.4, flags: ['neon'], guessed: true },
  // Ryzen AI Max+ 395 (Zen 5, AVX-512): 128 GB LPDDR5X-8000 on a 256-bit bus → 256 GB/s (AMD's spec sheet,
  // https://www.amd.com/en/products/processors/laptop/ryzen/ai-300-series/amd-ryzen-ai-max-plus-395.html).
  'AMD Ryzen AI Max+ 395': { ramBandwidthGBs: 256, flags: ['avx2', 'avx512f', 'avx512_vnni', 'avx512_bf16'], ramGiB: 128 },
  // Core i5-4278U (Haswell, AVX2): two channels of DDR3L-1600 → 25.6 GB/s (Intel ARK's maximum memory bandwidth).
  'Intel Core i5-4278U': { ramBandwidthGBs: 25.6, flags: ['avx2', 'fma'], ramGiB: 8 },
};

/** Hosts of published GPU results that the record describes (CPU family and thread count). */
const PUBLISHED_GPU_HOSTS: Array<{ match: RegExp; threads: number; flags: string[]; ramBandwidthGBs?: number }> = [
  // DGX Spark: 20 Arm cores (10 Cortex-X925 + 10 Cortex-A725) sharing the GPU's LPDDR5X.
  { match: /DGX Spark/i, threads: 20, flags: ['neon', 'sve'] },
];

/** The year a record's build string gives: a date, a build number (b4400 ≈ January 2025) or a PR number. */
export function buildYear(build: unknown): number | undefined {
  const text = String(build ?? '');
  const year = /\b(20[2-3]\d)\b/.exec(text);
  if (year) return Number(year[1]);
  const buildNumber = /\((\d{4,5})\)|\bb(\d{4,5})\b/.exec(text);
  if (buildNumber) return Number(buildNumber[1] ?? buildNumber[2]) >= 4400 ? 2025 : 2024;
  const pr = /PR #(\d+)/.exec(text);
  if (pr) return Number(pr[1]) >= 11000 ? 2025 : 2024;
  return undefined;
}

/**
 * Where a record gives no build, the year of its source: llama.cpp threads numbered above ~10800 were
 * opened from December 2024 on (the Vulkan #10879 and CUDA #15013 scoreboards collect 2025–26 runs);
 * geerlingguy/ai-benchmarks started in 2025.
 */
function sourceYear(url: string): number | undefined {
  const thread = /ggml-org\/llama\.cpp\/(?:discussions|pull|issues)\/(\d+)/.exec(url);
  if (thread) return Number(thread[1]) >= 10800 ? 2025 : 2024;
  if (/geerlingguy\/ai-benchmarks/.test(url)) return 2025;
  return undefined;
}

function backendOfRecord(backend: string): GpuBackend | 'cpu' {
  const b = backend.toLowerCase();
  if (b.startsWith('cpu')) return 'cpu';
  return b.includes('metal')
    ? 'metal'
    : b.includes('rocm')
      ? 'rocm'
      : b.includes('vulkan') || b.includes('opencl')
        ? 'vulkan'
        : b.includes('sycl')
          ? 'sycl'
          : 'cuda';
}

function publishedCases(
  records: any[],
  origin: 'published' | 'transcribed',
  real: Record<string, ModelSpec>,
  defaultYear?: number,
): CalibrationCase[] {
  const cases: CalibrationCase[] = [];
  for (const r of records) {
    const shape = PUBLISHED_SHAPES[r.model];
    const realModel = real[`${r.model}:${r.quant}`];
    const test = /^(pp|tg)(\d+)(?: @ d(\d+))?$/.exec(String(r.test));
    // A figure its own source calls unreliable (a spread as large as the value) is no measurement.
    if ((!shape && !realModel) || !test || /unreliable/i.test(String(r.notes ?? ''))) continue;
    const backend = backendOfRecord(String(r.backend));
    let hardware: HardwareProfile;
    if (backend === 'cpu') {
      const cpuName = Object.keys(PUBLISHED_CPUS).find((k) => String(r.hardware).startsWith(k));
      if (!cpuName) continue;
      const c = PUBLISHED_CPUS[cpuName];
      hardware = host(cpuName, [], c.ramGiB ?? 16, c.ramBandwidthGBs, r.threads ?? 4, c.flags);
      if (c.guessed) hardware.provenance.ramBandwidth = 'guessed';
    } else {
      const count = Number(/^(\d+)x /.exec(r.hardware)?.[1] ?? 1);
      const name = String(r.hardware)
        .replace(/^\d+x /, '')
        .replace(/,.*$/, '')
        .replace(/ in .*$/, '')
        .replace(/\s*\((?!GB10)[^)]*\)/g, '')
        .trim();
      // Apple chips come in several GPU-core variants; the record names the one it ran on.
      const spec =
        lookupGpu(r.gpu_cores && !/core/i.test(name) ? `${name} ${r.gpu_cores}-core` : name) ??
        lookupGpu(String(r.hardware).replace(/,.*$/, ''));
      if (!spec) continue;
      const bwGBs = r.mem_bandwidth_gbs ?? spec.bandwidthGBs;
      const vramMiB = (spec.vramGiB ?? 16) * 1024;
      const unified = backend === 'metal' || !!spec.unifiedMemory;
      const g = gpu(spec.name, vramMiB, vramMiB, bwGBs, spec.fp16Tflops, backend, unified, spec.powerW);
      withSpecThroughput(g, spec);
      const hostInfo = PUBLISHED_GPU_HOSTS.find((h) => h.match.test(r.hardware));
      const cpuThreads = r.threads ?? hostInfo?.threads ?? 8;
      hardware = host(
        r.hardware,
        Array.from({ length: count }, () => g),
        128,
        unified ? bwGBs : (hostInfo?.ramBandwidthGBs ?? 60),
        cpuThreads,
        hostInfo?.flags ?? ['avx2'],
      );
    }
    const quant = String(r.quant).replace(/ \(MoE\)$/, '');
    const model = realModel ?? syntheticSpec(r.model, quant, r.file_size_gib * GiB, r.params_b * 1e9, shape);
    const n = Number(test[2]);
    const depth = Number(test[3] ?? r.depth ?? 0);
    const isPrefill = test[1] === 'pp';
    const url = String(r.source?.url ?? r.source ?? '');
    cases.push({
      id: `${r.id}:${r.hardware}:${r.model}:${r.quant}:${r.test}`.replace(/\s+/g, ' '),
      kind: isPrefill ? 'prefill' : 'decode',
      origin,
      sourceKey: url,
      buildYear: buildYear(r.build) ?? sourceYear(url) ?? defaultYear,
      model,
      hardware,
      settings: {
        ngl: backend === 'cpu' ? 0 : r.n_gpu_layers,
        flashAttn: r.flash_attn ? 'on' : 'off',
        threads: r.threads ?? undefined,
        ctx: n + depth + 256,
        noKvOffload: !!r.no_kv_offload,
        nCpuMoe: r.n_cpu_moe ?? undefined,
        batch: r.n_batch ?? undefined,
        ubatch: r.n_ubatch ?? undefined,
      },
      io: { promptTokens: isPrefill ? n : 0, genTokens: isPrefill ? 0 : n, depth },
      measured: r.value,
    });
  }
  return cases;
}

/** The database's throughput, host link and generation for a record's GPU (empty until the database has them). */
function withSpecThroughput(g: GpuDevice, spec: GpuSpec | undefined): GpuDevice {
  if (!spec) return g;
  const db = gpuFromSpec(spec);
  g.bf16Tflops = db.bf16Tflops;
  g.int8Tops = db.int8Tops;
  g.hostLinkGBs = db.hostLinkGBs;
  g.generation = spec.arch;
  return g;
}

export function gitDescribe(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'uncommitted';
  }
}
