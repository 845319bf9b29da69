// GPU database: memory, bandwidth, dense matrix throughput per type, host link and board power of the GPUs people run llama.cpp on.
// Discrete cards store bus width × data rate, so every bandwidth is checkable: GB/s = bits / 8 × Gbps.
// Throughput is dense (no sparsity). Where an entry gives compute units and boost clock, it is computed from the
// per-clock rates of its architecture (RATES below, from the vendors' whitepapers), so each figure is checkable too.
// fp16Tflops: FP16 matrix with FP16 accumulate (NVIDIA whitepapers' "FP16 Tensor TFLOPS with FP16 Accumulate"; datacenter
//   and RTX professional parts run FP32 accumulate at the same rate, GeForce cards at half). GPUs without FP16 matrix
//   units (Pascal, Apple, RDNA2) list their vector FP16/FP32 rate.
// bf16Tflops: BF16 matrix (always FP32 accumulate, so GeForce cards list half their fp16Tflops).
// int8Tops: INT8 matrix (tensor cores / WMMA / XMX), or DP4A-style dot products where there are no matrix units.
// Omitted where no trustworthy figure was found.

import type { GpuBackend } from '../types';

export type GpuArch =
  | 'pascal' | 'turing' | 'volta' | 'ampere' | 'ada' | 'hopper' | 'blackwell'
  | 'rdna2' | 'rdna3' | 'rdna3.5' | 'rdna4' | 'cdna1' | 'cdna2' | 'cdna3'
  | 'gcn5' | 'alchemist' | 'battlemage' | 'adreno-x1'
  | 'apple-m1' | 'apple-m2' | 'apple-m3' | 'apple-m4' | 'apple-m5';

export type HostLink = { pcieGen: number; lanes: number } | 'unified';

export interface GpuSpec {
  /** Canonical display name, e.g. "GeForce RTX 3060 12 GB". */
  name: string;
  /** Other ways drivers and people write it (matched after normalisation, see normalizeGpuName). */
  aliases: string[];
  /** Memory in GiB of the usual configuration (for Apple: the smallest unified-memory option). */
  vramGiB: number;
  /** Every memory configuration sold, GiB, when there are several. */
  vramOptionsGiB?: number[];
  bandwidthGBs: number;
  /** Bus width and per-pin data rate the bandwidth comes from (discrete GPUs). */
  bus?: { bits: number; gbps: number };
  fp16Tflops?: number;
  /** Dense BF16 matrix throughput, TFLOPS (omit where the chip has no BF16 matrix path). */
  bf16Tflops?: number;
  /** Dense INT8 matrix throughput, TOPS (llama.cpp's quantized matmul paths use it: MMQ / DP4A / WMMA). */
  int8Tops?: number;
  /** Host link: PCIe generation × lanes, or 'unified' (no copy between host and GPU memory). */
  hostLink?: HostLink;
  /** Boost clock, MHz, and compute units (NVIDIA SMs, AMD CUs, Intel Xe cores, Apple GPU cores). */
  boostClockMHz?: number;
  computeUnits?: number;
  powerW?: number;
  backend: GpuBackend;
  unifiedMemory: boolean;
  arch: GpuArch;
  laptop?: boolean;
  /** Apple: GPU core count of this variant. */
  gpuCores?: number;
  source: string;
}

const TPU = 'TechPowerUp GPU Database, https://www.techpowerup.com/gpu-specs/';
const SRC = {
  pascal: `NVIDIA GeForce 10 series specs, https://www.nvidia.com/en-us/geforce/10-series/; ${TPU}`,
  turing: `NVIDIA Turing whitepaper, https://images.nvidia.com/aem-dam/en-zz/Solutions/design-visualization/technologies/turing-architecture/NVIDIA-Turing-Architecture-Whitepaper.pdf; ${TPU}`,
  ampere: `NVIDIA GA102 whitepaper, https://www.nvidia.com/content/PDF/nvidia-ampere-ga-102-gpu-architecture-whitepaper-v2.pdf; ${TPU}`,
  ada: `NVIDIA Ada whitepaper, https://images.nvidia.com/aem-dam/Solutions/geforce/ada/nvidia-ada-gpu-architecture.pdf; ${TPU}`,
  blackwellRtx: `NVIDIA RTX Blackwell whitepaper, https://images.nvidia.com/aem-dam/Solutions/geforce/blackwell/nvidia-rtx-blackwell-gpu-architecture.pdf; ${TPU}`,
  laptop: `NVIDIA laptop GPU specs (bus, memory; boost clock at top TGP), https://www.nvidia.com/en-us/geforce/laptops/; ${TPU}`,
  workstation: `NVIDIA RTX professional GPU datasheets, https://www.nvidia.com/en-us/design-visualization/desktop-graphics/; ${TPU}`,
  amd: `AMD Radeon specifications, https://www.amd.com/en/products/specifications/graphics.html; ${TPU}`,
  amdPro: `AMD Radeon PRO specifications, https://www.amd.com/en/products/specifications/professional-graphics.html`,
  instinct: 'AMD Instinct accelerator specifications, https://www.amd.com/en/products/specifications/accelerators.html',
  intel: `Intel Arc product specifications, https://www.intel.com/content/www/us/en/products/details/discrete-gpus/arc.html; ${TPU}`,
  qualcomm: 'Qualcomm Snapdragon X platform specifications, https://www.qualcomm.com/laptops/products/snapdragon-x-elite',
  apple: 'Apple tech specs and chip announcements (bandwidth, GPU cores, memory options), https://support.apple.com/specs; FP16 ≈ FP32 rate = cores × 128 lanes × 2 × clock',
};
const dc = (page: string) => `NVIDIA datasheet, https://www.nvidia.com/en-us/data-center/${page}/`;

type D = Omit<GpuSpec, 'bandwidthGBs' | 'backend' | 'unifiedMemory' | 'bus' | 'source' | 'aliases' | 'vramGiB' | 'vramOptionsGiB'> & {
  aliases?: string[];
  source?: string;
  vramGiB: number | number[];
  /** RTX professional / datacenter part: FP32-accumulate (BF16) matrix math at the full FP16 rate. */
  pro?: boolean;
  /** No matrix units (GTX 16): vector FP16 and DP4A rates. */
  noTensor?: boolean;
};

/**
 * Dense ops per clock per compute unit (NVIDIA SM, AMD CU, Intel Xe core, Apple GPU core).
 * NVIDIA Turing/GA10x/Ada/GB20x: 4 tensor cores × 128 FP16 FMA = 1024 FLOPs (FP16 accumulate), INT8 2×; BF16 at the
 * FP32-accumulate rate, half on GeForce (Turing, GA102, Ada, RTX Blackwell whitepapers' tables). Pascal: 128 FP32 lanes
 * × 2, DP4A 4 MACs per lane. RDNA2: packed FP16 2× FP32, dot4 INT8. RDNA3/3.5 WMMA: 512 FLOPs FP16/BF16/INT8
 * (RX 7900 XTX: 96 CU × 2.5 GHz × 512 = 122.8 TFLOPS, AMD's figure). RDNA4: 1024 FP16/BF16, 2048 INT8 (RX 9070 XT:
 * 64 × 2.97 × 1024 = 194.7). Intel XMX (Alchemist, Xe2): 2048 FP16/BF16, 4096 INT8 per Xe core (Arc B580: 20 × 2.85 ×
 * 4096 = 233 TOPS, Intel's figure). Apple: 128 FP32 lanes × 2 per core, FP16 at the same rate.
 */
interface PerClock {
  fp16: number;
  bf16?: number;
  bf16Pro?: number;
  int8?: number;
}
const RATES: Partial<Record<GpuArch, PerClock>> = {
  pascal: { fp16: 256, int8: 1024 },
  turing: { fp16: 1024, int8: 2048 },
  ampere: { fp16: 1024, bf16: 512, bf16Pro: 1024, int8: 2048 },
  ada: { fp16: 1024, bf16: 512, bf16Pro: 1024, int8: 2048 },
  blackwell: { fp16: 1024, bf16: 512, bf16Pro: 1024, int8: 2048 },
  rdna2: { fp16: 256, int8: 512 },
  rdna3: { fp16: 512, bf16: 512, int8: 512 },
  'rdna3.5': { fp16: 512, bf16: 512, int8: 512 },
  rdna4: { fp16: 1024, bf16: 1024, int8: 2048 },
  alchemist: { fp16: 2048, bf16: 2048, int8: 4096 },
  battlemage: { fp16: 2048, bf16: 2048, int8: 4096 },
  'apple-m1': { fp16: 256 },
  'apple-m2': { fp16: 256 },
  'apple-m3': { fp16: 256 },
  'apple-m4': { fp16: 256 },
  'apple-m5': { fp16: 256 },
};
/** GTX 16 (Turing without tensor cores): 64 lanes per SM, FP16 at 2× FP32, DP4A 4 MACs per lane. */
const NO_TENSOR: PerClock = { fp16: 256, int8: 512 };

/** Units × ops per clock × MHz → T(FL)OPS, 1 decimal. */
const peak = (units: number, mhz: number, perClock: number) => round1((units * perClock * mhz) / 1e6);

function base(d: D): Omit<GpuSpec, 'bandwidthGBs' | 'backend' | 'unifiedMemory' | 'source'> {
  const { pro, noTensor, ...rest } = d;
  const opts = Array.isArray(d.vramGiB) ? d.vramGiB : [d.vramGiB];
  const out: Omit<GpuSpec, 'bandwidthGBs' | 'backend' | 'unifiedMemory' | 'source'> = { ...rest, aliases: d.aliases ?? [], vramGiB: opts[0], ...(opts.length > 1 ? { vramOptionsGiB: opts } : {}) };
  const r: PerClock | undefined = noTensor ? NO_TENSOR : RATES[d.arch];
  if (r && d.computeUnits !== undefined && d.boostClockMHz !== undefined) {
    const u = d.computeUnits;
    const mhz = d.boostClockMHz;
    const bf16 = pro ? r.bf16Pro ?? r.bf16 : r.bf16;
    out.fp16Tflops ??= peak(u, mhz, r.fp16);
    if (bf16 !== undefined) out.bf16Tflops ??= peak(u, mhz, bf16);
    if (r.int8 !== undefined) out.int8Tops ??= peak(u, mhz, r.int8);
  }
  return out;
}

/** NVIDIA's "AI TOPS" (FP4 with sparsity, RTX Blackwell) → dense FP16 (÷8), INT8 (÷4), BF16 (÷16 GeForce, ÷8 RTX PRO). */
const fromAiTops = (aiTops: number, pro = false) => ({ fp16Tflops: round1(aiTops / 8), int8Tops: round1(aiTops / 4), bf16Tflops: round1(aiTops / (pro ? 8 : 16)) });

/** Discrete card: bandwidth from bus width × data rate. */
function card(backend: GpuBackend, source: string, bits: number, gbps: number, d: D): GpuSpec {
  return { ...base(d), bus: { bits, gbps }, bandwidthGBs: round1((bits / 8) * gbps), backend, unifiedMemory: false, source: d.source ?? source };
}
function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

const nv = (src: string, bits: number, gbps: number, d: D) => card('cuda', src, bits, gbps, d);
const amd = (src: string, bits: number, gbps: number, d: D) => card('rocm', src, bits, gbps, d);
const arc = (bits: number, gbps: number, d: D) => card('sycl', SRC.intel, bits, gbps, d);

/** HBM / LPDDR parts where vendors state bandwidth directly. */
function direct(backend: GpuBackend, unified: boolean, source: string, bandwidthGBs: number, d: D): GpuSpec {
  return { ...base(d), bandwidthGBs, backend, unifiedMemory: unified, source: d.source ?? source };
}

/** Apple GPU variant: FP16 at the FP32 rate, cores × 128 lanes × 2 FLOPs × clock. */
function apple(chip: string, arch: GpuArch, cores: number, bandwidthGBs: number, mem: number[], clockGHz: number): GpuSpec {
  return {
    ...base({ name: `Apple ${chip} (${cores}-core GPU)`, aliases: [`${chip} ${cores} core`], vramGiB: mem, arch, computeUnits: cores, boostClockMHz: Math.round(clockGHz * 1000), hostLink: 'unified' }),
    bandwidthGBs,
    backend: 'metal',
    unifiedMemory: true,
    gpuCores: cores,
    source: SRC.apple,
  };
}

export const GPUS: readonly GpuSpec[] = [
  // ---- NVIDIA GeForce 10 (Pascal: no tensor cores, FP16 is 1/64 rate on GeForce; llama.cpp runs FP32 → FP32 rate listed)
  nv(SRC.pascal, 192, 8, { name: 'GeForce GTX 1060 6 GB', computeUnits: 10, boostClockMHz: 1708, hostLink: { pcieGen: 3, lanes: 16 }, arch: 'pascal', vramGiB: 6, powerW: 120, aliases: ['gtx 1060'] }),
  nv(SRC.pascal, 256, 8, { name: 'GeForce GTX 1070', computeUnits: 15, boostClockMHz: 1683, hostLink: { pcieGen: 3, lanes: 16 }, arch: 'pascal', vramGiB: 8, powerW: 150 }),
  nv(SRC.pascal, 256, 8, { name: 'GeForce GTX 1070 Ti', computeUnits: 19, boostClockMHz: 1683, hostLink: { pcieGen: 3, lanes: 16 }, arch: 'pascal', vramGiB: 8, powerW: 180 }),
  nv(SRC.pascal, 256, 10, { name: 'GeForce GTX 1080', computeUnits: 20, boostClockMHz: 1733, hostLink: { pcieGen: 3, lanes: 16 }, arch: 'pascal', vramGiB: 8, powerW: 180 }),
  nv(SRC.pascal, 352, 11, { name: 'GeForce GTX 1080 Ti', computeUnits: 28, boostClockMHz: 1582, hostLink: { pcieGen: 3, lanes: 16 }, arch: 'pascal', vramGiB: 11, powerW: 250 }),
  // ---- GeForce 16 (Turing without tensor cores: double-rate FP16 vector)
  nv(SRC.turing, 128, 8, { name: 'GeForce GTX 1650', noTensor: true, computeUnits: 14, boostClockMHz: 1665, hostLink: { pcieGen: 3, lanes: 16 }, arch: 'turing', vramGiB: 4, powerW: 75 }),
  nv(SRC.turing, 192, 14, { name: 'GeForce GTX 1660 Super', noTensor: true, computeUnits: 22, boostClockMHz: 1785, hostLink: { pcieGen: 3, lanes: 16 }, arch: 'turing', vramGiB: 6, powerW: 125 }),
  nv(SRC.turing, 192, 14, { name: 'GeForce GTX 1660 Ti', noTensor: true, computeUnits: 24, boostClockMHz: 1770, hostLink: { pcieGen: 3, lanes: 16 }, arch: 'turing', vramGiB: 6, powerW: 120 }),
  // ---- GeForce 20 (Turing)
  nv(SRC.turing, 192, 14, { name: 'GeForce RTX 2060', hostLink: { pcieGen: 3, lanes: 16 }, arch: 'turing', vramGiB: [6, 12], computeUnits: 30, boostClockMHz: 1680, powerW: 160 }),
  nv(SRC.turing, 256, 14, { name: 'GeForce RTX 2060 Super', hostLink: { pcieGen: 3, lanes: 16 }, arch: 'turing', vramGiB: 8, computeUnits: 34, boostClockMHz: 1650, powerW: 175 }),
  nv(SRC.turing, 256, 14, { name: 'GeForce RTX 2070', hostLink: { pcieGen: 3, lanes: 16 }, arch: 'turing', vramGiB: 8, computeUnits: 36, boostClockMHz: 1620, powerW: 175 }),
  nv(SRC.turing, 256, 14, { name: 'GeForce RTX 2070 Super', hostLink: { pcieGen: 3, lanes: 16 }, arch: 'turing', vramGiB: 8, computeUnits: 40, boostClockMHz: 1770, powerW: 215 }),
  nv(SRC.turing, 256, 14, { name: 'GeForce RTX 2080', hostLink: { pcieGen: 3, lanes: 16 }, arch: 'turing', vramGiB: 8, computeUnits: 46, boostClockMHz: 1710, powerW: 215 }),
  nv(SRC.turing, 256, 15.5, { name: 'GeForce RTX 2080 Super', hostLink: { pcieGen: 3, lanes: 16 }, arch: 'turing', vramGiB: 8, computeUnits: 48, boostClockMHz: 1815, powerW: 250 }),
  nv(SRC.turing, 352, 14, { name: 'GeForce RTX 2080 Ti', hostLink: { pcieGen: 3, lanes: 16 }, arch: 'turing', vramGiB: 11, computeUnits: 68, boostClockMHz: 1545, powerW: 250 }),
  // ---- GeForce 30 (Ampere)
  nv(SRC.ampere, 128, 14, { name: 'GeForce RTX 3050', hostLink: { pcieGen: 4, lanes: 8 }, arch: 'ampere', vramGiB: 8, computeUnits: 20, boostClockMHz: 1777, powerW: 130 }),
  nv(SRC.ampere, 96, 14, { name: 'GeForce RTX 3050 6 GB', hostLink: { pcieGen: 4, lanes: 8 }, arch: 'ampere', vramGiB: 6, computeUnits: 18, boostClockMHz: 1470, powerW: 70 }),
  nv(SRC.ampere, 192, 15, { name: 'GeForce RTX 3060 12 GB', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 12, computeUnits: 28, boostClockMHz: 1777, powerW: 170, aliases: ['rtx 3060'] }),
  nv(SRC.ampere, 128, 15, { name: 'GeForce RTX 3060 8 GB', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 8, computeUnits: 28, boostClockMHz: 1777, powerW: 170, aliases: ['rtx 3060'] }),
  nv(SRC.ampere, 256, 14, { name: 'GeForce RTX 3060 Ti', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 8, computeUnits: 38, boostClockMHz: 1665, powerW: 200 }),
  nv(SRC.ampere, 256, 14, { name: 'GeForce RTX 3070', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 8, computeUnits: 46, boostClockMHz: 1725, powerW: 220 }),
  nv(SRC.ampere, 256, 19, { name: 'GeForce RTX 3070 Ti', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 8, computeUnits: 48, boostClockMHz: 1770, powerW: 290 }),
  nv(SRC.ampere, 320, 19, { name: 'GeForce RTX 3080 10 GB', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 10, computeUnits: 68, boostClockMHz: 1710, powerW: 320, aliases: ['rtx 3080'] }),
  nv(SRC.ampere, 384, 19, { name: 'GeForce RTX 3080 12 GB', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 12, computeUnits: 70, boostClockMHz: 1710, powerW: 350, aliases: ['rtx 3080'] }),
  nv(SRC.ampere, 384, 19, { name: 'GeForce RTX 3080 Ti', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 12, computeUnits: 80, boostClockMHz: 1665, powerW: 350 }),
  nv(SRC.ampere, 384, 19.5, { name: 'GeForce RTX 3090', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 24, computeUnits: 82, boostClockMHz: 1695, powerW: 350 }),
  nv(SRC.ampere, 384, 21, { name: 'GeForce RTX 3090 Ti', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 24, computeUnits: 84, boostClockMHz: 1860, powerW: 450 }),
  // ---- GeForce 30 laptop (power-limited: boost clock at the top TGP)
  nv(SRC.laptop, 128, 12, { name: 'GeForce RTX 3050 Laptop GPU', hostLink: { pcieGen: 4, lanes: 8 }, arch: 'ampere', laptop: true, vramGiB: 4, computeUnits: 16, boostClockMHz: 1740, powerW: 80 }),
  nv(SRC.laptop, 128, 12, { name: 'GeForce RTX 3050 Ti Laptop GPU', hostLink: { pcieGen: 4, lanes: 8 }, arch: 'ampere', laptop: true, vramGiB: 4, computeUnits: 20, boostClockMHz: 1695, powerW: 80 }),
  nv(SRC.laptop, 192, 14, { name: 'GeForce RTX 3060 Laptop GPU', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', laptop: true, vramGiB: 6, computeUnits: 30, boostClockMHz: 1703, powerW: 115 }),
  nv(SRC.laptop, 256, 14, { name: 'GeForce RTX 3070 Laptop GPU', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', laptop: true, vramGiB: 8, computeUnits: 40, boostClockMHz: 1620, powerW: 125 }),
  nv(SRC.laptop, 256, 14, { name: 'GeForce RTX 3070 Ti Laptop GPU', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', laptop: true, vramGiB: 8, computeUnits: 46, boostClockMHz: 1485, powerW: 125 }),
  nv(SRC.laptop, 256, 14, { name: 'GeForce RTX 3080 Laptop GPU', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', laptop: true, vramGiB: [8, 16], computeUnits: 48, boostClockMHz: 1710, powerW: 150 }),
  nv(SRC.laptop, 256, 16, { name: 'GeForce RTX 3080 Ti Laptop GPU', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', laptop: true, vramGiB: 16, computeUnits: 58, boostClockMHz: 1590, powerW: 150 }),
  // ---- GeForce 40 (Ada)
  nv(SRC.ada, 128, 17, { name: 'GeForce RTX 4060', hostLink: { pcieGen: 4, lanes: 8 }, arch: 'ada', vramGiB: 8, computeUnits: 24, boostClockMHz: 2460, powerW: 115 }),
  nv(SRC.ada, 128, 18, { name: 'GeForce RTX 4060 Ti 8 GB', hostLink: { pcieGen: 4, lanes: 8 }, arch: 'ada', vramGiB: 8, computeUnits: 34, boostClockMHz: 2535, powerW: 160, aliases: ['rtx 4060 ti'] }),
  nv(SRC.ada, 128, 18, { name: 'GeForce RTX 4060 Ti 16 GB', hostLink: { pcieGen: 4, lanes: 8 }, arch: 'ada', vramGiB: 16, computeUnits: 34, boostClockMHz: 2535, powerW: 165, aliases: ['rtx 4060 ti'] }),
  nv(SRC.ada, 192, 21, { name: 'GeForce RTX 4070', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', vramGiB: 12, computeUnits: 46, boostClockMHz: 2475, powerW: 200 }),
  nv(SRC.ada, 192, 21, { name: 'GeForce RTX 4070 Super', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', vramGiB: 12, computeUnits: 56, boostClockMHz: 2475, powerW: 220 }),
  nv(SRC.ada, 192, 21, { name: 'GeForce RTX 4070 Ti', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', vramGiB: 12, computeUnits: 60, boostClockMHz: 2610, powerW: 285 }),
  nv(SRC.ada, 256, 21, { name: 'GeForce RTX 4070 Ti Super', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', vramGiB: 16, computeUnits: 66, boostClockMHz: 2610, powerW: 285 }),
  nv(SRC.ada, 256, 22.4, { name: 'GeForce RTX 4080', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', vramGiB: 16, computeUnits: 76, boostClockMHz: 2505, powerW: 320 }),
  nv(SRC.ada, 256, 23, { name: 'GeForce RTX 4080 Super', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', vramGiB: 16, computeUnits: 80, boostClockMHz: 2550, powerW: 320 }),
  nv(SRC.ada, 384, 21, { name: 'GeForce RTX 4090', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', vramGiB: 24, computeUnits: 128, boostClockMHz: 2520, powerW: 450 }),
  nv(SRC.laptop, 96, 16, { name: 'GeForce RTX 4050 Laptop GPU', hostLink: { pcieGen: 4, lanes: 8 }, arch: 'ada', laptop: true, vramGiB: 6, computeUnits: 20, boostClockMHz: 2370, powerW: 115 }),
  nv(SRC.laptop, 128, 16, { name: 'GeForce RTX 4060 Laptop GPU', hostLink: { pcieGen: 4, lanes: 8 }, arch: 'ada', laptop: true, vramGiB: 8, computeUnits: 24, boostClockMHz: 2370, powerW: 115 }),
  nv(SRC.laptop, 128, 16, { name: 'GeForce RTX 4070 Laptop GPU', hostLink: { pcieGen: 4, lanes: 8 }, arch: 'ada', laptop: true, vramGiB: 8, computeUnits: 36, boostClockMHz: 2175, powerW: 115 }),
  nv(SRC.laptop, 192, 18, { name: 'GeForce RTX 4080 Laptop GPU', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', laptop: true, vramGiB: 12, computeUnits: 58, boostClockMHz: 2280, powerW: 150 }),
  nv(SRC.laptop, 256, 18, { name: 'GeForce RTX 4090 Laptop GPU', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', laptop: true, vramGiB: 16, computeUnits: 76, boostClockMHz: 2040, powerW: 150 }),
  // ---- GeForce 50 (Blackwell)
  nv(SRC.blackwellRtx, 128, 20, { name: 'GeForce RTX 5050', hostLink: { pcieGen: 5, lanes: 8 }, arch: 'blackwell', vramGiB: 8, computeUnits: 20, boostClockMHz: 2572, powerW: 130 }),
  nv(SRC.blackwellRtx, 128, 28, { name: 'GeForce RTX 5060', hostLink: { pcieGen: 5, lanes: 8 }, arch: 'blackwell', vramGiB: 8, computeUnits: 30, boostClockMHz: 2497, powerW: 145 }),
  nv(SRC.blackwellRtx, 128, 28, { name: 'GeForce RTX 5060 Ti', hostLink: { pcieGen: 5, lanes: 8 }, arch: 'blackwell', vramGiB: [8, 16], computeUnits: 36, boostClockMHz: 2572, powerW: 180 }),
  nv(SRC.blackwellRtx, 192, 28, { name: 'GeForce RTX 5070', hostLink: { pcieGen: 5, lanes: 16 }, arch: 'blackwell', vramGiB: 12, computeUnits: 48, boostClockMHz: 2512, powerW: 250 }),
  nv(SRC.blackwellRtx, 256, 28, { name: 'GeForce RTX 5070 Ti', hostLink: { pcieGen: 5, lanes: 16 }, arch: 'blackwell', vramGiB: 16, computeUnits: 70, boostClockMHz: 2452, powerW: 300 }),
  nv(SRC.blackwellRtx, 256, 30, { name: 'GeForce RTX 5080', hostLink: { pcieGen: 5, lanes: 16 }, arch: 'blackwell', vramGiB: 16, computeUnits: 84, boostClockMHz: 2617, powerW: 360 }),
  nv(SRC.blackwellRtx, 512, 28, { name: 'GeForce RTX 5090', hostLink: { pcieGen: 5, lanes: 16 }, arch: 'blackwell', vramGiB: 32, computeUnits: 170, boostClockMHz: 2407, powerW: 575 }),
  nv(SRC.laptop, 128, 24, { name: 'GeForce RTX 5050 Laptop GPU', computeUnits: 20, ...fromAiTops(440), hostLink: { pcieGen: 5, lanes: 8 }, arch: 'blackwell', laptop: true, vramGiB: 8, powerW: 100 }),
  nv(SRC.laptop, 128, 24, { name: 'GeForce RTX 5060 Laptop GPU', computeUnits: 26, ...fromAiTops(572), hostLink: { pcieGen: 5, lanes: 8 }, arch: 'blackwell', laptop: true, vramGiB: 8, powerW: 115 }),
  nv(SRC.laptop, 128, 24, { name: 'GeForce RTX 5070 Laptop GPU', computeUnits: 36, ...fromAiTops(798), hostLink: { pcieGen: 5, lanes: 8 }, arch: 'blackwell', laptop: true, vramGiB: 8, powerW: 115 }),
  nv(SRC.laptop, 192, 28, { name: 'GeForce RTX 5070 Ti Laptop GPU', computeUnits: 46, ...fromAiTops(992), hostLink: { pcieGen: 5, lanes: 16 }, arch: 'blackwell', laptop: true, vramGiB: 12, powerW: 140 }),
  nv(SRC.laptop, 256, 28, { name: 'GeForce RTX 5080 Laptop GPU', computeUnits: 60, ...fromAiTops(1334), hostLink: { pcieGen: 5, lanes: 16 }, arch: 'blackwell', laptop: true, vramGiB: 16, powerW: 150 }),
  nv(SRC.laptop, 256, 28, { name: 'GeForce RTX 5090 Laptop GPU', computeUnits: 82, ...fromAiTops(1824), hostLink: { pcieGen: 5, lanes: 16 }, arch: 'blackwell', laptop: true, vramGiB: 24, powerW: 150 }),
  // ---- NVIDIA RTX workstation
  nv(SRC.workstation, 256, 13, { pro: true, name: 'Quadro RTX 4000', hostLink: { pcieGen: 3, lanes: 16 }, arch: 'turing', vramGiB: 8, computeUnits: 36, boostClockMHz: 1545, powerW: 160 }),
  nv(SRC.workstation, 256, 14, { pro: true, name: 'Quadro RTX 5000', hostLink: { pcieGen: 3, lanes: 16 }, arch: 'turing', vramGiB: 16, computeUnits: 48, boostClockMHz: 1815, powerW: 230 }),
  nv(SRC.workstation, 384, 14, { pro: true, name: 'Quadro RTX 6000', hostLink: { pcieGen: 3, lanes: 16 }, arch: 'turing', vramGiB: 24, computeUnits: 72, boostClockMHz: 1770, powerW: 260 }),
  nv(SRC.workstation, 384, 14, { pro: true, name: 'Quadro RTX 8000', hostLink: { pcieGen: 3, lanes: 16 }, arch: 'turing', vramGiB: 48, computeUnits: 72, boostClockMHz: 1770, powerW: 260 }),
  nv(SRC.workstation, 192, 12, { pro: true, name: 'RTX A2000', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: [6, 12], computeUnits: 26, boostClockMHz: 1200, powerW: 70 }),
  nv(SRC.workstation, 256, 14, { pro: true, name: 'RTX A4000', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 16, computeUnits: 48, boostClockMHz: 1560, powerW: 140 }),
  nv(SRC.workstation, 320, 16, { pro: true, name: 'RTX A4500', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 20, computeUnits: 56, boostClockMHz: 1650, powerW: 200 }),
  nv(SRC.workstation, 384, 16, { pro: true, name: 'RTX A5000', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 24, computeUnits: 64, boostClockMHz: 1695, powerW: 230 }),
  nv(SRC.workstation, 384, 16, { pro: true, name: 'RTX A5500', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 24, computeUnits: 80, boostClockMHz: 1665, powerW: 230 }),
  nv(SRC.workstation, 384, 16, { pro: true, name: 'RTX A6000', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 48, computeUnits: 84, boostClockMHz: 1800, powerW: 300 }),
  nv(SRC.workstation, 128, 16, { pro: true, name: 'RTX 2000 Ada Generation', hostLink: { pcieGen: 4, lanes: 8 }, arch: 'ada', vramGiB: 16, computeUnits: 22, boostClockMHz: 2130, powerW: 70, aliases: ['rtx 2000 ada'] }),
  nv(SRC.workstation, 160, 16, { pro: true, name: 'RTX 4000 SFF Ada Generation', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', vramGiB: 20, computeUnits: 48, boostClockMHz: 1565, powerW: 70, aliases: ['rtx 4000 sff ada'] }),
  nv(SRC.workstation, 160, 18, { pro: true, name: 'RTX 4000 Ada Generation', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', vramGiB: 20, computeUnits: 48, boostClockMHz: 2175, powerW: 130, aliases: ['rtx 4000 ada'] }),
  nv(SRC.workstation, 192, 18, { pro: true, name: 'RTX 4500 Ada Generation', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', vramGiB: 24, computeUnits: 60, boostClockMHz: 2580, powerW: 210, aliases: ['rtx 4500 ada'] }),
  nv(SRC.workstation, 256, 18, { pro: true, name: 'RTX 5000 Ada Generation', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', vramGiB: 32, computeUnits: 100, boostClockMHz: 2550, powerW: 250, aliases: ['rtx 5000 ada'] }),
  nv(SRC.workstation, 384, 20, { pro: true, name: 'RTX 6000 Ada Generation', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', vramGiB: 48, computeUnits: 142, boostClockMHz: 2505, powerW: 300, aliases: ['rtx 6000 ada'] }),
  nv(SRC.workstation, 192, 28, { pro: true, name: 'RTX PRO 4000 Blackwell', computeUnits: 70, boostClockMHz: 2452, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'blackwell', vramGiB: 24, powerW: 140 }),
  nv(SRC.workstation, 256, 28, { pro: true, name: 'RTX PRO 4500 Blackwell', computeUnits: 82, boostClockMHz: 2617, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'blackwell', vramGiB: 32, powerW: 200 }),
  nv(SRC.workstation, 384, 28, { pro: true, name: 'RTX PRO 5000 Blackwell', computeUnits: 110, ...fromAiTops(2064, true), hostLink: { pcieGen: 5, lanes: 16 }, arch: 'blackwell', vramGiB: [48, 72], powerW: 300 }),
  nv(SRC.workstation, 512, 28, { pro: true, name: 'RTX PRO 6000 Blackwell Workstation Edition', hostLink: { pcieGen: 5, lanes: 16 }, arch: 'blackwell', vramGiB: 96, computeUnits: 188, boostClockMHz: 2617, powerW: 600, aliases: ['rtx pro 6000 blackwell', 'rtx pro 6000'] }),
  nv(SRC.workstation, 512, 28, { pro: true, name: 'RTX PRO 6000 Blackwell Max-Q Workstation Edition', computeUnits: 188, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'blackwell', vramGiB: 96, powerW: 300, aliases: ['rtx pro 6000 blackwell maxq workstation'] }),
  nv(SRC.workstation, 512, 28, { pro: true, name: 'RTX PRO 6000 Blackwell Server Edition', computeUnits: 188, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'blackwell', vramGiB: 96, powerW: 600 }),
  // ---- NVIDIA datacenter (HBM bandwidth as stated by NVIDIA)
  nv(dc('tesla-t4'), 256, 10, { name: 'Tesla T4', computeUnits: 40, boostClockMHz: 1590, int8Tops: 130, hostLink: { pcieGen: 3, lanes: 16 }, arch: 'turing', vramGiB: 16, fp16Tflops: 65, powerW: 70, aliases: ['t4'] }),
  direct('cuda', false, dc('v100'), 900, { name: 'Tesla V100 SXM2', computeUnits: 80, boostClockMHz: 1530, int8Tops: peak(80, 1530, 512), hostLink: { pcieGen: 3, lanes: 16 }, arch: 'volta', vramGiB: [16, 32], fp16Tflops: 125, powerW: 300, aliases: ['v100 sxm', 'v100'] }),
  direct('cuda', false, dc('v100'), 900, { name: 'Tesla V100 PCIe', computeUnits: 80, boostClockMHz: 1380, int8Tops: peak(80, 1380, 512), hostLink: { pcieGen: 3, lanes: 16 }, arch: 'volta', vramGiB: [16, 32], fp16Tflops: 112, powerW: 250, aliases: ['v100 pcie'] }),
  nv(dc('products/a10-gpu'), 384, 12.5, { name: 'NVIDIA A10', computeUnits: 72, boostClockMHz: 1695, bf16Tflops: 125, int8Tops: 250, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 24, fp16Tflops: 125, powerW: 150, aliases: ['a10'] }),
  nv(dc('a40'), 384, 14.5, { pro: true, name: 'NVIDIA A40', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 48, computeUnits: 84, boostClockMHz: 1740, powerW: 300, aliases: ['a40'] }),
  direct('cuda', false, dc('products/a30-gpu'), 933, { name: 'NVIDIA A30', hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 24, computeUnits: 56, boostClockMHz: 1440, fp16Tflops: 165, bf16Tflops: 165, int8Tops: 330, powerW: 165, aliases: ['a30'] }),
  direct('cuda', false, dc('a100'), 1555, { name: 'A100 40GB PCIe', computeUnits: 108, boostClockMHz: 1410, bf16Tflops: 312, int8Tops: 624, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 40, fp16Tflops: 312, powerW: 250, aliases: ['a100 pcie', 'a100'] }),
  direct('cuda', false, dc('a100'), 1555, { name: 'A100 40GB SXM', computeUnits: 108, boostClockMHz: 1410, bf16Tflops: 312, int8Tops: 624, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 40, fp16Tflops: 312, powerW: 400, aliases: ['a100 sxm'] }),
  direct('cuda', false, dc('a100'), 1935, { name: 'A100 80GB PCIe', computeUnits: 108, boostClockMHz: 1410, bf16Tflops: 312, int8Tops: 624, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 80, fp16Tflops: 312, powerW: 300, aliases: ['a100 pcie', 'a100'] }),
  direct('cuda', false, dc('a100'), 2039, { name: 'A100 80GB SXM', computeUnits: 108, boostClockMHz: 1410, bf16Tflops: 312, int8Tops: 624, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ampere', vramGiB: 80, fp16Tflops: 312, powerW: 400, aliases: ['a100 sxm'] }),
  nv(dc('l4'), 192, 12.5, { name: 'NVIDIA L4', computeUnits: 58, boostClockMHz: 2040, bf16Tflops: 121, int8Tops: 242.5, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', vramGiB: 24, fp16Tflops: 121, powerW: 72, aliases: ['l4'] }),
  nv(dc('l40'), 384, 18, { name: 'NVIDIA L40', computeUnits: 142, boostClockMHz: 2490, bf16Tflops: 181, int8Tops: 362, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', vramGiB: 48, fp16Tflops: 181, powerW: 300, aliases: ['l40'] }),
  nv(dc('l40s'), 384, 18, { name: 'NVIDIA L40S', computeUnits: 142, boostClockMHz: 2520, bf16Tflops: 362, int8Tops: 733, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'ada', vramGiB: 48, fp16Tflops: 362, powerW: 350, aliases: ['l40s'] }),
  direct('cuda', false, dc('h100'), 2000, { name: 'H100 PCIe 80GB', computeUnits: 114, boostClockMHz: 1755, bf16Tflops: 756, int8Tops: 1513, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'hopper', vramGiB: 80, fp16Tflops: 756, powerW: 350, aliases: ['h100 pcie'] }),
  // nvidia-smi names the SXM5 part "NVIDIA H100 80GB HBM3".
  direct('cuda', false, dc('h100'), 3350, { name: 'H100 SXM 80GB', computeUnits: 132, boostClockMHz: 1980, bf16Tflops: 989, int8Tops: 1979, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'hopper', vramGiB: 80, fp16Tflops: 989, powerW: 700, aliases: ['h100 sxm', 'h100 hbm3', 'h100'] }),
  direct('cuda', false, dc('h100'), 3900, { name: 'H100 NVL 94GB', computeUnits: 132, boostClockMHz: 1785, bf16Tflops: 835, int8Tops: 1671, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'hopper', vramGiB: 94, fp16Tflops: 835, powerW: 400, aliases: ['h100 nvl'] }),
  direct('cuda', false, dc('h200'), 4800, { name: 'H200 SXM 141GB', computeUnits: 132, boostClockMHz: 1980, bf16Tflops: 989, int8Tops: 1979, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'hopper', vramGiB: 141, fp16Tflops: 989, powerW: 700, aliases: ['h200', 'h200 sxm'] }),
  direct('cuda', false, dc('h200'), 4800, { name: 'H200 NVL 141GB', computeUnits: 132, boostClockMHz: 1785, bf16Tflops: 835, int8Tops: 1671, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'hopper', vramGiB: 141, fp16Tflops: 835, powerW: 600, aliases: ['h200 nvl'] }),
  direct('cuda', false, dc('dgx-b200'), 8000, { name: 'B200 180GB', bf16Tflops: 2250, int8Tops: 4500, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'blackwell', vramGiB: [180, 192], fp16Tflops: 2250, powerW: 1000, aliases: ['b200'] }),
  direct('cuda', true, 'NVIDIA DGX Spark specs, https://www.nvidia.com/en-us/products/workstations/dgx-spark/', 273, { name: 'NVIDIA GB10 (DGX Spark)', computeUnits: 48, fp16Tflops: 125, int8Tops: 250, hostLink: 'unified', arch: 'blackwell', vramGiB: 128, powerW: 140, aliases: ['gb10', 'dgx spark', 'nvidia dgx spark', 'asus ascent gx10', 'ascent gx10'] }),
  direct('cuda', true, 'NVIDIA Jetson modules, https://developer.nvidia.com/embedded/jetson-modules', 204.8, { name: 'Jetson AGX Orin 64GB', computeUnits: 16, boostClockMHz: 1300, int8Tops: 85, hostLink: 'unified', arch: 'ampere', vramGiB: 64, powerW: 60, aliases: ['agx orin', 'jetson agx orin'] }),
  direct('cuda', true, 'NVIDIA Jetson modules, https://developer.nvidia.com/embedded/jetson-modules', 204.8, { name: 'Jetson AGX Orin 32GB', computeUnits: 14, boostClockMHz: 930, int8Tops: 54, hostLink: 'unified', arch: 'ampere', vramGiB: 32, powerW: 40, aliases: ['agx orin', 'jetson agx orin'] }),
  direct('cuda', true, 'NVIDIA Jetson modules, https://developer.nvidia.com/embedded/jetson-modules', 102.4, { name: 'Jetson Orin NX 16GB', computeUnits: 8, boostClockMHz: 918, int8Tops: 30, hostLink: 'unified', arch: 'ampere', vramGiB: 16, powerW: 25, aliases: ['orin nx', 'jetson orin nx'] }),
  direct('cuda', true, 'NVIDIA Jetson Orin Nano Super, https://developer.nvidia.com/embedded/jetson-modules', 102, { name: 'Jetson Orin Nano 8GB', computeUnits: 8, boostClockMHz: 1020, int8Tops: 33.5, hostLink: 'unified', arch: 'ampere', vramGiB: 8, powerW: 25, aliases: ['orin nano', 'jetson orin nano'] }),
  // Thor: 2070 FP4 TFLOPS with sparsity (NVIDIA) = 258.8 dense FP16; 20 SMs (2560 CUDA cores), 256-bit LPDDR5X-8533.
  direct('cuda', true, 'NVIDIA Jetson Thor, https://www.nvidia.com/en-us/autonomous-machines/embedded-systems/jetson-thor/', 273, { name: 'Jetson AGX Thor (T5000)', hostLink: 'unified', arch: 'blackwell', vramGiB: 128, computeUnits: 20, fp16Tflops: 258.8, powerW: 130, aliases: ['jetson thor', 'agx thor', 'thor', 'jetson t5000', 't5000'] }),
  // ---- AMD Radeon RX 6000 (RDNA2: packed FP16 = 2× FP32, no matrix units)
  amd(SRC.amd, 128, 14, { name: 'Radeon RX 6600', computeUnits: 28, boostClockMHz: 2491, hostLink: { pcieGen: 4, lanes: 8 }, arch: 'rdna2', vramGiB: 8, fp16Tflops: 17.9, powerW: 132 }),
  amd(SRC.amd, 128, 16, { name: 'Radeon RX 6600 XT', computeUnits: 32, boostClockMHz: 2589, hostLink: { pcieGen: 4, lanes: 8 }, arch: 'rdna2', vramGiB: 8, fp16Tflops: 21.2, powerW: 160 }),
  amd(SRC.amd, 192, 16, { name: 'Radeon RX 6700 XT', computeUnits: 40, boostClockMHz: 2581, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'rdna2', vramGiB: 12, fp16Tflops: 26.4, powerW: 230 }),
  amd(SRC.amd, 192, 18, { name: 'Radeon RX 6750 XT', computeUnits: 40, boostClockMHz: 2600, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'rdna2', vramGiB: 12, fp16Tflops: 26.6, powerW: 250 }),
  amd(SRC.amd, 256, 16, { name: 'Radeon RX 6800', computeUnits: 60, boostClockMHz: 2105, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'rdna2', vramGiB: 16, fp16Tflops: 32.3, powerW: 250 }),
  amd(SRC.amd, 256, 16, { name: 'Radeon RX 6800 XT', computeUnits: 72, boostClockMHz: 2250, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'rdna2', vramGiB: 16, fp16Tflops: 41.5, powerW: 300 }),
  amd(SRC.amd, 256, 16, { name: 'Radeon RX 6900 XT', computeUnits: 80, boostClockMHz: 2250, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'rdna2', vramGiB: 16, fp16Tflops: 46.1, powerW: 300 }),
  amd(SRC.amd, 256, 18, { name: 'Radeon RX 6950 XT', computeUnits: 80, boostClockMHz: 2310, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'rdna2', vramGiB: 16, fp16Tflops: 47.3, powerW: 335 }),
  // ---- RX 7000 (RDNA3: AMD's stated peak FP16)
  amd(SRC.amd, 128, 18, { name: 'Radeon RX 7600', computeUnits: 32, boostClockMHz: 2655, hostLink: { pcieGen: 4, lanes: 8 }, arch: 'rdna3', vramGiB: 8, fp16Tflops: 43.5, powerW: 165 }),
  amd(SRC.amd, 128, 18, { name: 'Radeon RX 7600 XT', computeUnits: 32, boostClockMHz: 2755, hostLink: { pcieGen: 4, lanes: 8 }, arch: 'rdna3', vramGiB: 16, fp16Tflops: 45.1, powerW: 190 }),
  amd(SRC.amd, 192, 18, { name: 'Radeon RX 7700 XT', computeUnits: 54, boostClockMHz: 2544, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'rdna3', vramGiB: 12, fp16Tflops: 70.3, powerW: 245 }),
  amd(SRC.amd, 256, 19.5, { name: 'Radeon RX 7800 XT', computeUnits: 60, boostClockMHz: 2430, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'rdna3', vramGiB: 16, fp16Tflops: 74.6, powerW: 263 }),
  amd(SRC.amd, 256, 18, { name: 'Radeon RX 7900 GRE', computeUnits: 80, boostClockMHz: 2245, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'rdna3', vramGiB: 16, fp16Tflops: 92, powerW: 260 }),
  amd(SRC.amd, 320, 20, { name: 'Radeon RX 7900 XT', computeUnits: 84, boostClockMHz: 2400, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'rdna3', vramGiB: 20, fp16Tflops: 103, powerW: 315 }),
  amd(SRC.amd, 384, 20, { name: 'Radeon RX 7900 XTX', computeUnits: 96, boostClockMHz: 2500, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'rdna3', vramGiB: 24, fp16Tflops: 122.8, powerW: 355 }),
  // ---- RX 9000 (RDNA4)
  amd(SRC.amd, 128, 20, { name: 'Radeon RX 9060 XT', computeUnits: 32, boostClockMHz: 3130, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'rdna4', vramGiB: [8, 16], powerW: 160 }),
  amd(SRC.amd, 256, 20, { name: 'Radeon RX 9070', computeUnits: 56, boostClockMHz: 2520, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'rdna4', vramGiB: 16, powerW: 220 }),
  amd(SRC.amd, 192, 20, { name: 'Radeon RX 9070 GRE', computeUnits: 48, boostClockMHz: 2790, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'rdna4', vramGiB: 12, powerW: 220 }),
  amd(SRC.amd, 256, 20, { name: 'Radeon RX 9070 XT', computeUnits: 64, boostClockMHz: 2970, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'rdna4', vramGiB: 16, fp16Tflops: 194.7, powerW: 304 }),
  // ---- Radeon PRO
  amd(SRC.amdPro, 256, 16, { name: 'Radeon PRO W6800', computeUnits: 60, boostClockMHz: 2320, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'rdna2', vramGiB: 32, fp16Tflops: 35.7, powerW: 250 }),
  amd(SRC.amdPro, 128, 18, { name: 'Radeon PRO W7600', computeUnits: 32, boostClockMHz: 2440, hostLink: { pcieGen: 4, lanes: 8 }, arch: 'rdna3', vramGiB: 8, powerW: 130 }),
  amd(SRC.amdPro, 256, 18, { name: 'Radeon PRO W7700', computeUnits: 48, boostClockMHz: 2600, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'rdna3', vramGiB: 16, powerW: 190 }),
  amd(SRC.amdPro, 256, 18, { name: 'Radeon PRO W7800', computeUnits: 70, boostClockMHz: 2525, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'rdna3', vramGiB: 32, fp16Tflops: 90.5, powerW: 260 }),
  amd(SRC.amdPro, 384, 18, { name: 'Radeon PRO W7900', computeUnits: 96, boostClockMHz: 2495, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'rdna3', vramGiB: 48, fp16Tflops: 122.6, powerW: 295 }),
  amd(SRC.amdPro, 256, 20, { name: 'Radeon AI PRO R9700', computeUnits: 64, boostClockMHz: 2920, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'rdna4', vramGiB: 32, powerW: 300 }),
  // ---- AMD unified-memory APU (Strix Halo): LPDDR5X-8000 on 256 bits
  // AMD Ryzen AI Max (Strix Halo): LPDDR5X-8000 on 256 bits; 128 GB is the usual build for LLMs (the what-if default).
  direct('vulkan', true, 'AMD Ryzen AI Max+ 395 specifications, https://www.amd.com/en/products/processors/laptop/ryzen/ai-300-series/amd-ryzen-ai-max-plus-395.html', 256, { name: 'Radeon 8060S (Ryzen AI Max+ 395)', computeUnits: 40, boostClockMHz: 2900, hostLink: 'unified', arch: 'rdna3.5', vramGiB: [128, 32, 64, 96], powerW: 120, aliases: ['radeon 8060s', '8060s', 'ryzen ai max+ 395', 'ryzen ai max 395', 'strix halo'] }),
  direct('vulkan', true, 'AMD Ryzen AI Max 390/385 specifications, https://www.amd.com/en/products/processors/laptop/ryzen/ai-300-series.html', 256, { name: 'Radeon 8050S (Ryzen AI Max 390/385)', computeUnits: 32, boostClockMHz: 2800, hostLink: 'unified', arch: 'rdna3.5', vramGiB: [64, 32, 128], powerW: 120, aliases: ['radeon 8050s', '8050s', 'ryzen ai max 390', 'ryzen ai max 385'] }),
  // AMD Ryzen 7040/8040 (Phoenix / Hawk Point): Radeon 780M, 12 RDNA3 CUs; LPDDR5X-7500 on 128 bits = 120 GB/s (DDR5-5600 laptops: 89.6).
  direct('vulkan', true, 'AMD Ryzen 7 7840U specifications, https://www.amd.com/en/products/processors/laptop/ryzen/7000-series/amd-ryzen-7-7840u.html', 120, { name: 'Radeon 780M (Ryzen 7 7840U/HS)', computeUnits: 12, boostClockMHz: 2700, hostLink: 'unified', arch: 'rdna3', vramGiB: [32, 16, 64], powerW: 28, aliases: ['radeon 780m', '780m'] }),
  // AMD Ryzen AI 300 (Strix Point): LPDDR5X-7500 on 128 bits = 120 GB/s.
  direct('vulkan', true, 'AMD Ryzen AI 9 HX 370 specifications, https://www.amd.com/en/products/processors/laptop/ryzen/ai-300-series/amd-ryzen-ai-9-hx-370.html', 120, { name: 'Radeon 890M (Ryzen AI 9 HX 370)', computeUnits: 16, boostClockMHz: 2900, hostLink: 'unified', arch: 'rdna3.5', vramGiB: [32, 16, 24, 64], powerW: 28, aliases: ['radeon 890m', '890m', 'strix point'] }),
  direct('vulkan', true, 'AMD Ryzen AI 9 365 specifications, https://www.amd.com/en/products/processors/laptop/ryzen/ai-300-series/amd-ryzen-ai-9-365.html', 120, { name: 'Radeon 880M (Ryzen AI 9 365)', computeUnits: 12, boostClockMHz: 2900, hostLink: 'unified', arch: 'rdna3.5', vramGiB: [32, 16, 24, 64], powerW: 28, aliases: ['radeon 880m', '880m'] }),
  // ---- AMD Instinct (HBM; FP16 matrix dense)
  direct('rocm', false, SRC.instinct, 1024, { name: 'Instinct MI50', computeUnits: 60, boostClockMHz: 1725, fp16Tflops: 26.5, int8Tops: 53, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'gcn5', vramGiB: [16, 32], powerW: 300, aliases: ['mi50', 'radeon instinct mi50'] }),
  direct('rocm', false, SRC.instinct, 1024, { name: 'Instinct MI60', computeUnits: 64, boostClockMHz: 1800, fp16Tflops: 29.5, int8Tops: 59, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'gcn5', vramGiB: 32, powerW: 300, aliases: ['mi60', 'radeon instinct mi60'] }),
  direct('rocm', false, SRC.instinct, 1228.8, { name: 'Instinct MI100', computeUnits: 120, boostClockMHz: 1502, bf16Tflops: 92.3, int8Tops: 184.6, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'cdna1', vramGiB: 32, fp16Tflops: 184.6, powerW: 300, aliases: ['mi100'] }),
  direct('rocm', false, SRC.instinct, 1638.4, { name: 'Instinct MI210', computeUnits: 104, boostClockMHz: 1700, bf16Tflops: 181, int8Tops: 181, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'cdna2', vramGiB: 64, fp16Tflops: 181, powerW: 300, aliases: ['mi210'] }),
  direct('rocm', false, SRC.instinct, 3276.8, { name: 'Instinct MI250', computeUnits: 208, boostClockMHz: 1700, bf16Tflops: 362.1, int8Tops: 362.1, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'cdna2', vramGiB: 128, fp16Tflops: 362.1, powerW: 500, aliases: ['mi250'] }),
  direct('rocm', false, SRC.instinct, 3276.8, { name: 'Instinct MI250X', computeUnits: 220, boostClockMHz: 1700, bf16Tflops: 383, int8Tops: 383, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'cdna2', vramGiB: 128, fp16Tflops: 383, powerW: 500, aliases: ['mi250x'] }),
  direct('rocm', false, SRC.instinct, 5300, { name: 'Instinct MI300X', computeUnits: 304, boostClockMHz: 2100, bf16Tflops: 1307.4, int8Tops: 2614.9, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'cdna3', vramGiB: 192, fp16Tflops: 1307.4, powerW: 750, aliases: ['mi300x'] }),
  direct('rocm', true, SRC.instinct, 5300, { name: 'Instinct MI300A', computeUnits: 228, boostClockMHz: 2100, fp16Tflops: 980.6, bf16Tflops: 980.6, int8Tops: 1961.2, hostLink: 'unified', arch: 'cdna3', vramGiB: 128, powerW: 550, aliases: ['mi300a'] }),
  direct('rocm', false, SRC.instinct, 6000, { name: 'Instinct MI325X', computeUnits: 304, boostClockMHz: 2100, bf16Tflops: 1307.4, int8Tops: 2614.9, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'cdna3', vramGiB: 256, fp16Tflops: 1307.4, powerW: 1000, aliases: ['mi325x'] }),
  // ---- Intel Arc (XMX FP16 dense where Intel states it)
  arc(64, 15.5, { name: 'Arc A310', computeUnits: 6, boostClockMHz: 2000, hostLink: { pcieGen: 4, lanes: 8 }, arch: 'alchemist', vramGiB: 4, powerW: 75 }),
  arc(96, 15.5, { name: 'Arc A380', computeUnits: 8, boostClockMHz: 2000, hostLink: { pcieGen: 4, lanes: 8 }, arch: 'alchemist', vramGiB: 6, powerW: 75 }),
  arc(256, 16, { name: 'Arc A580', computeUnits: 24, boostClockMHz: 1700, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'alchemist', vramGiB: 8, powerW: 175 }),
  arc(256, 16, { name: 'Arc A750', computeUnits: 28, boostClockMHz: 2050, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'alchemist', vramGiB: 8, powerW: 225 }),
  arc(256, 16, { name: 'Arc A770 8GB', computeUnits: 32, boostClockMHz: 2100, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'alchemist', vramGiB: 8, fp16Tflops: 138, powerW: 225, aliases: ['arc a770'] }),
  arc(256, 17.5, { name: 'Arc A770 16GB', computeUnits: 32, boostClockMHz: 2100, hostLink: { pcieGen: 4, lanes: 16 }, arch: 'alchemist', vramGiB: 16, fp16Tflops: 138, powerW: 225, aliases: ['arc a770'] }),
  arc(160, 19, { name: 'Arc B570', computeUnits: 18, boostClockMHz: 2750, hostLink: { pcieGen: 4, lanes: 8 }, arch: 'battlemage', vramGiB: 10, powerW: 150 }),
  arc(192, 19, { name: 'Arc B580', computeUnits: 20, boostClockMHz: 2850, hostLink: { pcieGen: 4, lanes: 8 }, arch: 'battlemage', vramGiB: 12, fp16Tflops: 116.5, powerW: 190 }),
  arc(192, 19, { name: 'Arc Pro B60', computeUnits: 20, boostClockMHz: 2400, hostLink: { pcieGen: 5, lanes: 8 }, arch: 'battlemage', vramGiB: 24, powerW: 200 }),
  arc(128, 14, { name: 'Arc Pro B50', computeUnits: 16, boostClockMHz: 2600, hostLink: { pcieGen: 5, lanes: 8 }, arch: 'battlemage', vramGiB: 16, powerW: 70 }),
  arc(256, 19, { name: 'Arc Pro B70', computeUnits: 32, boostClockMHz: 2800, hostLink: { pcieGen: 5, lanes: 16 }, arch: 'battlemage', vramGiB: 32, powerW: 230 }),
  // ---- Qualcomm Snapdragon X (Adreno X1; llama.cpp runs it through Vulkan/OpenCL): Qualcomm's FP32 TFLOPS, LPDDR5X-8448 × 128 bits
  direct('vulkan', true, SRC.qualcomm, 135.2, { name: 'Adreno X1-85 (Snapdragon X Elite)', hostLink: 'unified', arch: 'adreno-x1', vramGiB: [16, 32, 64], fp16Tflops: 3.8, aliases: ['snapdragon x elite', 'adreno x1 85', 'x elite'] }),
  direct('vulkan', true, SRC.qualcomm, 135.2, { name: 'Adreno X1-45 (Snapdragon X Plus)', hostLink: 'unified', arch: 'adreno-x1', vramGiB: [16, 32], fp16Tflops: 1.7, aliases: ['snapdragon x plus', 'adreno x1 45', 'x plus', 'snapdragon x'] }),
  // ---- Apple Silicon (bandwidth by chip and GPU-core variant; memory options in GiB)
  apple('M1', 'apple-m1', 7, 68.25, [8, 16], 1.278),
  apple('M1', 'apple-m1', 8, 68.25, [8, 16], 1.278),
  apple('M1 Pro', 'apple-m1', 14, 200, [16, 32], 1.296),
  apple('M1 Pro', 'apple-m1', 16, 200, [16, 32], 1.296),
  apple('M1 Max', 'apple-m1', 24, 400, [32, 64], 1.296),
  apple('M1 Max', 'apple-m1', 32, 400, [32, 64], 1.296),
  apple('M1 Ultra', 'apple-m1', 48, 800, [64, 128], 1.296),
  apple('M1 Ultra', 'apple-m1', 64, 800, [64, 128], 1.296),
  apple('M2', 'apple-m2', 8, 100, [8, 16, 24], 1.398),
  apple('M2', 'apple-m2', 10, 100, [8, 16, 24], 1.398),
  apple('M2 Pro', 'apple-m2', 16, 200, [16, 32], 1.398),
  apple('M2 Pro', 'apple-m2', 19, 200, [16, 32], 1.398),
  apple('M2 Max', 'apple-m2', 30, 400, [32, 64, 96], 1.398),
  apple('M2 Max', 'apple-m2', 38, 400, [32, 64, 96], 1.398),
  apple('M2 Ultra', 'apple-m2', 60, 800, [64, 128, 192], 1.398),
  apple('M2 Ultra', 'apple-m2', 76, 800, [64, 128, 192], 1.398),
  apple('M3', 'apple-m3', 8, 100, [8, 16, 24], 1.38),
  apple('M3', 'apple-m3', 10, 100, [8, 16, 24], 1.38),
  apple('M3 Pro', 'apple-m3', 14, 150, [18, 36], 1.38),
  apple('M3 Pro', 'apple-m3', 18, 150, [18, 36], 1.38),
  apple('M3 Max', 'apple-m3', 30, 300, [36, 96], 1.38),
  apple('M3 Max', 'apple-m3', 40, 400, [48, 64, 128], 1.38),
  apple('M3 Ultra', 'apple-m3', 60, 819, [96, 256], 1.38),
  apple('M3 Ultra', 'apple-m3', 80, 819, [96, 256, 512], 1.38),
  apple('M4', 'apple-m4', 8, 120, [16, 24, 32], 1.578),
  apple('M4', 'apple-m4', 10, 120, [16, 24, 32], 1.578),
  apple('M4 Pro', 'apple-m4', 16, 273, [24, 48, 64], 1.578),
  apple('M4 Pro', 'apple-m4', 20, 273, [24, 48, 64], 1.578),
  apple('M4 Max', 'apple-m4', 32, 410, [36], 1.578),
  apple('M4 Max', 'apple-m4', 40, 546, [48, 64, 128], 1.578),
  apple('M5', 'apple-m5', 10, 153, [16, 24, 32], 1.578),
  apple('M5 Pro', 'apple-m5', 20, 307, [24, 48, 64], 1.578),
  apple('M5 Max', 'apple-m5', 40, 614, [48, 64, 128], 1.578),
];
