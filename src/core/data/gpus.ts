// GPU database: memory, bandwidth, FP16 matrix throughput and board power of the GPUs people run llama.cpp on.
// Discrete cards store bus width × data rate, so every bandwidth is checkable: GB/s = bits / 8 × Gbps.
// fp16Tflops: dense (no sparsity) FP16 matrix throughput with FP16 accumulate (NVIDIA whitepapers' "FP16 Tensor
// TFLOPS with FP16 Accumulate"; datacenter parts run FP32 accumulate at the same rate). GPUs without FP16 matrix
// units (Pascal, Apple, RDNA2) list their vector FP16/FP32 rate. Omitted where no trustworthy figure was found.

import type { GpuBackend } from '../types';

export type GpuArch =
  | 'pascal' | 'turing' | 'volta' | 'ampere' | 'ada' | 'hopper' | 'blackwell'
  | 'rdna2' | 'rdna3' | 'rdna3.5' | 'rdna4' | 'cdna1' | 'cdna2' | 'cdna3'
  | 'alchemist' | 'battlemage'
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
  apple: 'Apple tech specs and chip announcements (bandwidth, GPU cores, memory options), https://support.apple.com/specs; FP16 ≈ FP32 rate = cores × 128 lanes × 2 × clock',
};
const dc = (page: string) => `NVIDIA datasheet, https://www.nvidia.com/en-us/data-center/${page}/`;

type D = Omit<GpuSpec, 'bandwidthGBs' | 'backend' | 'unifiedMemory' | 'bus' | 'source' | 'aliases' | 'vramGiB' | 'vramOptionsGiB'> & {
  aliases?: string[];
  source?: string;
  vramGiB: number | number[];
};

function base(d: D): Omit<GpuSpec, 'bandwidthGBs' | 'backend' | 'unifiedMemory' | 'source'> {
  const opts = Array.isArray(d.vramGiB) ? d.vramGiB : [d.vramGiB];
  return { ...d, aliases: d.aliases ?? [], vramGiB: opts[0], ...(opts.length > 1 ? { vramOptionsGiB: opts } : {}) };
}

/** Discrete card: bandwidth from bus width × data rate. */
function card(backend: GpuBackend, source: string, bits: number, gbps: number, d: D): GpuSpec {
  return { ...base(d), bus: { bits, gbps }, bandwidthGBs: round1((bits / 8) * gbps), backend, unifiedMemory: false, source: d.source ?? source };
}
/** FLOPs per clock per SM with FP16 accumulate (dense): 1024 on Turing (8 TC × 64 FMA), GA10x/Ada/GB20x (4 TC × 128 FMA). */
const tc = (sms: number, boostGHz: number) => round1((sms * 1024 * boostGHz) / 1000);
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

/** Apple GPU variant: FP16 rate from cores × 128 FP32 lanes × 2 FLOPs × clock (Apple GPUs run FP16 at the FP32 rate). */
function apple(chip: string, arch: GpuArch, cores: number, bandwidthGBs: number, mem: number[], clockGHz: number): GpuSpec {
  return {
    ...base({ name: `Apple ${chip} (${cores}-core GPU)`, aliases: [`${chip} ${cores} core`], vramGiB: mem, arch }),
    bandwidthGBs,
    fp16Tflops: round1((cores * 256 * clockGHz) / 1000),
    backend: 'metal',
    unifiedMemory: true,
    gpuCores: cores,
    source: SRC.apple,
  };
}

export const GPUS: readonly GpuSpec[] = [
  // ---- NVIDIA GeForce 10 (Pascal: no tensor cores, FP16 is 1/64 rate on GeForce; llama.cpp runs FP32 → FP32 rate listed)
  nv(SRC.pascal, 192, 8, { name: 'GeForce GTX 1060 6 GB', arch: 'pascal', vramGiB: 6, fp16Tflops: 4.4, powerW: 120, aliases: ['gtx 1060'] }),
  nv(SRC.pascal, 256, 8, { name: 'GeForce GTX 1070', arch: 'pascal', vramGiB: 8, fp16Tflops: 6.5, powerW: 150 }),
  nv(SRC.pascal, 256, 8, { name: 'GeForce GTX 1070 Ti', arch: 'pascal', vramGiB: 8, fp16Tflops: 8.2, powerW: 180 }),
  nv(SRC.pascal, 256, 10, { name: 'GeForce GTX 1080', arch: 'pascal', vramGiB: 8, fp16Tflops: 8.9, powerW: 180 }),
  nv(SRC.pascal, 352, 11, { name: 'GeForce GTX 1080 Ti', arch: 'pascal', vramGiB: 11, fp16Tflops: 11.3, powerW: 250 }),
  // ---- GeForce 16 (Turing without tensor cores: double-rate FP16 vector)
  nv(SRC.turing, 128, 8, { name: 'GeForce GTX 1650', arch: 'turing', vramGiB: 4, fp16Tflops: 6, powerW: 75 }),
  nv(SRC.turing, 192, 14, { name: 'GeForce GTX 1660 Super', arch: 'turing', vramGiB: 6, fp16Tflops: 10.1, powerW: 125 }),
  nv(SRC.turing, 192, 14, { name: 'GeForce GTX 1660 Ti', arch: 'turing', vramGiB: 6, fp16Tflops: 10.9, powerW: 120 }),
  // ---- GeForce 20 (Turing)
  nv(SRC.turing, 192, 14, { name: 'GeForce RTX 2060', arch: 'turing', vramGiB: [6, 12], fp16Tflops: tc(30, 1.68), powerW: 160 }),
  nv(SRC.turing, 256, 14, { name: 'GeForce RTX 2060 Super', arch: 'turing', vramGiB: 8, fp16Tflops: tc(34, 1.65), powerW: 175 }),
  nv(SRC.turing, 256, 14, { name: 'GeForce RTX 2070', arch: 'turing', vramGiB: 8, fp16Tflops: tc(36, 1.62), powerW: 175 }),
  nv(SRC.turing, 256, 14, { name: 'GeForce RTX 2070 Super', arch: 'turing', vramGiB: 8, fp16Tflops: tc(40, 1.77), powerW: 215 }),
  nv(SRC.turing, 256, 14, { name: 'GeForce RTX 2080', arch: 'turing', vramGiB: 8, fp16Tflops: tc(46, 1.71), powerW: 215 }),
  nv(SRC.turing, 256, 15.5, { name: 'GeForce RTX 2080 Super', arch: 'turing', vramGiB: 8, fp16Tflops: tc(48, 1.815), powerW: 250 }),
  nv(SRC.turing, 352, 14, { name: 'GeForce RTX 2080 Ti', arch: 'turing', vramGiB: 11, fp16Tflops: tc(68, 1.545), powerW: 250 }),
  // ---- GeForce 30 (Ampere)
  nv(SRC.ampere, 128, 14, { name: 'GeForce RTX 3050', arch: 'ampere', vramGiB: 8, fp16Tflops: tc(20, 1.777), powerW: 130 }),
  nv(SRC.ampere, 192, 15, { name: 'GeForce RTX 3060 12 GB', arch: 'ampere', vramGiB: 12, fp16Tflops: tc(28, 1.777), powerW: 170, aliases: ['rtx 3060'] }),
  nv(SRC.ampere, 128, 15, { name: 'GeForce RTX 3060 8 GB', arch: 'ampere', vramGiB: 8, fp16Tflops: tc(28, 1.777), powerW: 170, aliases: ['rtx 3060'] }),
  nv(SRC.ampere, 256, 14, { name: 'GeForce RTX 3060 Ti', arch: 'ampere', vramGiB: 8, fp16Tflops: tc(38, 1.665), powerW: 200 }),
  nv(SRC.ampere, 256, 14, { name: 'GeForce RTX 3070', arch: 'ampere', vramGiB: 8, fp16Tflops: tc(46, 1.725), powerW: 220 }),
  nv(SRC.ampere, 256, 19, { name: 'GeForce RTX 3070 Ti', arch: 'ampere', vramGiB: 8, fp16Tflops: tc(48, 1.77), powerW: 290 }),
  nv(SRC.ampere, 320, 19, { name: 'GeForce RTX 3080 10 GB', arch: 'ampere', vramGiB: 10, fp16Tflops: tc(68, 1.71), powerW: 320, aliases: ['rtx 3080'] }),
  nv(SRC.ampere, 384, 19, { name: 'GeForce RTX 3080 12 GB', arch: 'ampere', vramGiB: 12, fp16Tflops: tc(70, 1.71), powerW: 350, aliases: ['rtx 3080'] }),
  nv(SRC.ampere, 384, 19, { name: 'GeForce RTX 3080 Ti', arch: 'ampere', vramGiB: 12, fp16Tflops: tc(80, 1.665), powerW: 350 }),
  nv(SRC.ampere, 384, 19.5, { name: 'GeForce RTX 3090', arch: 'ampere', vramGiB: 24, fp16Tflops: tc(82, 1.695), powerW: 350 }),
  nv(SRC.ampere, 384, 21, { name: 'GeForce RTX 3090 Ti', arch: 'ampere', vramGiB: 24, fp16Tflops: tc(84, 1.86), powerW: 450 }),
  // ---- GeForce 30 laptop (power-limited: boost clock at the top TGP)
  nv(SRC.laptop, 128, 12, { name: 'GeForce RTX 3050 Laptop GPU', arch: 'ampere', laptop: true, vramGiB: 4, fp16Tflops: tc(16, 1.74), powerW: 80 }),
  nv(SRC.laptop, 192, 14, { name: 'GeForce RTX 3060 Laptop GPU', arch: 'ampere', laptop: true, vramGiB: 6, fp16Tflops: tc(30, 1.703), powerW: 115 }),
  nv(SRC.laptop, 256, 14, { name: 'GeForce RTX 3070 Laptop GPU', arch: 'ampere', laptop: true, vramGiB: 8, fp16Tflops: tc(40, 1.62), powerW: 125 }),
  nv(SRC.laptop, 256, 14, { name: 'GeForce RTX 3070 Ti Laptop GPU', arch: 'ampere', laptop: true, vramGiB: 8, fp16Tflops: tc(46, 1.485), powerW: 125 }),
  nv(SRC.laptop, 256, 14, { name: 'GeForce RTX 3080 Laptop GPU', arch: 'ampere', laptop: true, vramGiB: [8, 16], fp16Tflops: tc(48, 1.71), powerW: 150 }),
  nv(SRC.laptop, 256, 16, { name: 'GeForce RTX 3080 Ti Laptop GPU', arch: 'ampere', laptop: true, vramGiB: 16, fp16Tflops: tc(58, 1.59), powerW: 150 }),
  // ---- GeForce 40 (Ada)
  nv(SRC.ada, 128, 17, { name: 'GeForce RTX 4060', arch: 'ada', vramGiB: 8, fp16Tflops: tc(24, 2.46), powerW: 115 }),
  nv(SRC.ada, 128, 18, { name: 'GeForce RTX 4060 Ti', arch: 'ada', vramGiB: [8, 16], fp16Tflops: tc(34, 2.535), powerW: 160 }),
  nv(SRC.ada, 192, 21, { name: 'GeForce RTX 4070', arch: 'ada', vramGiB: 12, fp16Tflops: tc(46, 2.475), powerW: 200 }),
  nv(SRC.ada, 192, 21, { name: 'GeForce RTX 4070 Super', arch: 'ada', vramGiB: 12, fp16Tflops: tc(56, 2.475), powerW: 220 }),
  nv(SRC.ada, 192, 21, { name: 'GeForce RTX 4070 Ti', arch: 'ada', vramGiB: 12, fp16Tflops: tc(60, 2.61), powerW: 285 }),
  nv(SRC.ada, 256, 21, { name: 'GeForce RTX 4070 Ti Super', arch: 'ada', vramGiB: 16, fp16Tflops: tc(66, 2.61), powerW: 285 }),
  nv(SRC.ada, 256, 22.4, { name: 'GeForce RTX 4080', arch: 'ada', vramGiB: 16, fp16Tflops: tc(76, 2.505), powerW: 320 }),
  nv(SRC.ada, 256, 23, { name: 'GeForce RTX 4080 Super', arch: 'ada', vramGiB: 16, fp16Tflops: tc(80, 2.55), powerW: 320 }),
  nv(SRC.ada, 384, 21, { name: 'GeForce RTX 4090', arch: 'ada', vramGiB: 24, fp16Tflops: tc(128, 2.52), powerW: 450 }),
  nv(SRC.laptop, 96, 16, { name: 'GeForce RTX 4050 Laptop GPU', arch: 'ada', laptop: true, vramGiB: 6, fp16Tflops: tc(20, 2.37), powerW: 115 }),
  nv(SRC.laptop, 128, 16, { name: 'GeForce RTX 4060 Laptop GPU', arch: 'ada', laptop: true, vramGiB: 8, fp16Tflops: tc(24, 2.37), powerW: 115 }),
  nv(SRC.laptop, 128, 16, { name: 'GeForce RTX 4070 Laptop GPU', arch: 'ada', laptop: true, vramGiB: 8, fp16Tflops: tc(36, 2.175), powerW: 115 }),
  nv(SRC.laptop, 192, 18, { name: 'GeForce RTX 4080 Laptop GPU', arch: 'ada', laptop: true, vramGiB: 12, fp16Tflops: tc(58, 2.28), powerW: 150 }),
  nv(SRC.laptop, 256, 18, { name: 'GeForce RTX 4090 Laptop GPU', arch: 'ada', laptop: true, vramGiB: 16, fp16Tflops: tc(76, 2.04), powerW: 150 }),
  // ---- GeForce 50 (Blackwell)
  nv(SRC.blackwellRtx, 128, 28, { name: 'GeForce RTX 5060', arch: 'blackwell', vramGiB: 8, fp16Tflops: tc(30, 2.497), powerW: 145 }),
  nv(SRC.blackwellRtx, 128, 28, { name: 'GeForce RTX 5060 Ti', arch: 'blackwell', vramGiB: [8, 16], fp16Tflops: tc(36, 2.572), powerW: 180 }),
  nv(SRC.blackwellRtx, 192, 28, { name: 'GeForce RTX 5070', arch: 'blackwell', vramGiB: 12, fp16Tflops: tc(48, 2.512), powerW: 250 }),
  nv(SRC.blackwellRtx, 256, 28, { name: 'GeForce RTX 5070 Ti', arch: 'blackwell', vramGiB: 16, fp16Tflops: tc(70, 2.452), powerW: 300 }),
  nv(SRC.blackwellRtx, 256, 30, { name: 'GeForce RTX 5080', arch: 'blackwell', vramGiB: 16, fp16Tflops: tc(84, 2.617), powerW: 360 }),
  nv(SRC.blackwellRtx, 512, 28, { name: 'GeForce RTX 5090', arch: 'blackwell', vramGiB: 32, fp16Tflops: tc(170, 2.407), powerW: 575 }),
  nv(SRC.laptop, 128, 24, { name: 'GeForce RTX 5060 Laptop GPU', arch: 'blackwell', laptop: true, vramGiB: 8, powerW: 115 }),
  nv(SRC.laptop, 128, 24, { name: 'GeForce RTX 5070 Laptop GPU', arch: 'blackwell', laptop: true, vramGiB: 8, powerW: 115 }),
  nv(SRC.laptop, 192, 28, { name: 'GeForce RTX 5070 Ti Laptop GPU', arch: 'blackwell', laptop: true, vramGiB: 12, powerW: 140 }),
  nv(SRC.laptop, 256, 28, { name: 'GeForce RTX 5080 Laptop GPU', arch: 'blackwell', laptop: true, vramGiB: 16, powerW: 150 }),
  nv(SRC.laptop, 256, 28, { name: 'GeForce RTX 5090 Laptop GPU', arch: 'blackwell', laptop: true, vramGiB: 24, powerW: 150 }),
  // ---- NVIDIA RTX workstation
  nv(SRC.workstation, 192, 12, { name: 'RTX A2000', arch: 'ampere', vramGiB: [6, 12], fp16Tflops: tc(26, 1.2), powerW: 70 }),
  nv(SRC.workstation, 256, 14, { name: 'RTX A4000', arch: 'ampere', vramGiB: 16, fp16Tflops: tc(48, 1.56), powerW: 140 }),
  nv(SRC.workstation, 320, 16, { name: 'RTX A4500', arch: 'ampere', vramGiB: 20, fp16Tflops: tc(56, 1.65), powerW: 200 }),
  nv(SRC.workstation, 384, 16, { name: 'RTX A5000', arch: 'ampere', vramGiB: 24, fp16Tflops: tc(64, 1.695), powerW: 230 }),
  nv(SRC.workstation, 384, 16, { name: 'RTX A6000', arch: 'ampere', vramGiB: 48, fp16Tflops: tc(84, 1.8), powerW: 300 }),
  nv(SRC.workstation, 128, 16, { name: 'RTX 2000 Ada Generation', arch: 'ada', vramGiB: 16, fp16Tflops: tc(22, 2.13), powerW: 70, aliases: ['rtx 2000 ada'] }),
  nv(SRC.workstation, 160, 16, { name: 'RTX 4000 SFF Ada Generation', arch: 'ada', vramGiB: 20, fp16Tflops: tc(48, 1.565), powerW: 70, aliases: ['rtx 4000 sff ada'] }),
  nv(SRC.workstation, 160, 18, { name: 'RTX 4000 Ada Generation', arch: 'ada', vramGiB: 20, fp16Tflops: tc(48, 2.175), powerW: 130, aliases: ['rtx 4000 ada'] }),
  nv(SRC.workstation, 192, 18, { name: 'RTX 4500 Ada Generation', arch: 'ada', vramGiB: 24, fp16Tflops: tc(60, 2.58), powerW: 210, aliases: ['rtx 4500 ada'] }),
  nv(SRC.workstation, 256, 18, { name: 'RTX 5000 Ada Generation', arch: 'ada', vramGiB: 32, fp16Tflops: tc(100, 2.55), powerW: 250, aliases: ['rtx 5000 ada'] }),
  nv(SRC.workstation, 384, 20, { name: 'RTX 6000 Ada Generation', arch: 'ada', vramGiB: 48, fp16Tflops: tc(142, 2.505), powerW: 300, aliases: ['rtx 6000 ada'] }),
  nv(SRC.workstation, 192, 28, { name: 'RTX PRO 4000 Blackwell', arch: 'blackwell', vramGiB: 24, powerW: 140 }),
  nv(SRC.workstation, 256, 28, { name: 'RTX PRO 4500 Blackwell', arch: 'blackwell', vramGiB: 32, powerW: 200 }),
  nv(SRC.workstation, 384, 28, { name: 'RTX PRO 5000 Blackwell', arch: 'blackwell', vramGiB: 48, powerW: 300 }),
  nv(SRC.workstation, 512, 28, { name: 'RTX PRO 6000 Blackwell Workstation Edition', arch: 'blackwell', vramGiB: 96, fp16Tflops: tc(188, 2.617), powerW: 600, aliases: ['rtx pro 6000 blackwell', 'rtx pro 6000'] }),
  nv(SRC.workstation, 512, 28, { name: 'RTX PRO 6000 Blackwell Max-Q Workstation Edition', arch: 'blackwell', vramGiB: 96, powerW: 300, aliases: ['rtx pro 6000 blackwell maxq workstation'] }),
  nv(SRC.workstation, 512, 28, { name: 'RTX PRO 6000 Blackwell Server Edition', arch: 'blackwell', vramGiB: 96, powerW: 600 }),
  // ---- NVIDIA datacenter (HBM bandwidth as stated by NVIDIA)
  nv(dc('tesla-t4'), 256, 10, { name: 'Tesla T4', arch: 'turing', vramGiB: 16, fp16Tflops: 65, powerW: 70, aliases: ['t4'] }),
  direct('cuda', false, dc('v100'), 900, { name: 'Tesla V100 SXM2', arch: 'volta', vramGiB: [16, 32], fp16Tflops: 125, powerW: 300, aliases: ['v100 sxm', 'v100'] }),
  direct('cuda', false, dc('v100'), 900, { name: 'Tesla V100 PCIe', arch: 'volta', vramGiB: [16, 32], fp16Tflops: 112, powerW: 250, aliases: ['v100 pcie'] }),
  nv(dc('products/a10-gpu'), 384, 12.5, { name: 'NVIDIA A10', arch: 'ampere', vramGiB: 24, fp16Tflops: 125, powerW: 150, aliases: ['a10'] }),
  direct('cuda', false, dc('a100'), 1555, { name: 'A100 40GB PCIe', arch: 'ampere', vramGiB: 40, fp16Tflops: 312, powerW: 250, aliases: ['a100 pcie', 'a100'] }),
  direct('cuda', false, dc('a100'), 1555, { name: 'A100 40GB SXM', arch: 'ampere', vramGiB: 40, fp16Tflops: 312, powerW: 400, aliases: ['a100 sxm'] }),
  direct('cuda', false, dc('a100'), 1935, { name: 'A100 80GB PCIe', arch: 'ampere', vramGiB: 80, fp16Tflops: 312, powerW: 300, aliases: ['a100 pcie', 'a100'] }),
  direct('cuda', false, dc('a100'), 2039, { name: 'A100 80GB SXM', arch: 'ampere', vramGiB: 80, fp16Tflops: 312, powerW: 400, aliases: ['a100 sxm'] }),
  nv(dc('l4'), 192, 12.5, { name: 'NVIDIA L4', arch: 'ada', vramGiB: 24, fp16Tflops: 121, powerW: 72, aliases: ['l4'] }),
  nv(dc('l40'), 384, 18, { name: 'NVIDIA L40', arch: 'ada', vramGiB: 48, fp16Tflops: 181, powerW: 300, aliases: ['l40'] }),
  nv(dc('l40s'), 384, 18, { name: 'NVIDIA L40S', arch: 'ada', vramGiB: 48, fp16Tflops: 362, powerW: 350, aliases: ['l40s'] }),
  direct('cuda', false, dc('h100'), 2000, { name: 'H100 PCIe 80GB', arch: 'hopper', vramGiB: 80, fp16Tflops: 756, powerW: 350, aliases: ['h100 pcie'] }),
  // nvidia-smi names the SXM5 part "NVIDIA H100 80GB HBM3".
  direct('cuda', false, dc('h100'), 3350, { name: 'H100 SXM 80GB', arch: 'hopper', vramGiB: 80, fp16Tflops: 989, powerW: 700, aliases: ['h100 sxm', 'h100 hbm3', 'h100'] }),
  direct('cuda', false, dc('h100'), 3900, { name: 'H100 NVL 94GB', arch: 'hopper', vramGiB: 94, fp16Tflops: 835, powerW: 400, aliases: ['h100 nvl'] }),
  direct('cuda', false, dc('h200'), 4800, { name: 'H200 SXM 141GB', arch: 'hopper', vramGiB: 141, fp16Tflops: 989, powerW: 700, aliases: ['h200', 'h200 sxm'] }),
  direct('cuda', false, dc('h200'), 4800, { name: 'H200 NVL 141GB', arch: 'hopper', vramGiB: 141, fp16Tflops: 835, powerW: 600, aliases: ['h200 nvl'] }),
  direct('cuda', false, dc('dgx-b200'), 8000, { name: 'B200 180GB', arch: 'blackwell', vramGiB: [180, 192], fp16Tflops: 2250, powerW: 1000, aliases: ['b200'] }),
  direct('cuda', true, 'NVIDIA DGX Spark specs, https://www.nvidia.com/en-us/products/workstations/dgx-spark/', 273, { name: 'NVIDIA GB10 (DGX Spark)', arch: 'blackwell', vramGiB: 128, powerW: 140, aliases: ['gb10', 'dgx spark'] }),
  direct('cuda', true, 'NVIDIA Jetson modules, https://developer.nvidia.com/embedded/jetson-modules', 204.8, { name: 'Jetson AGX Orin 64GB', arch: 'ampere', vramGiB: 64, powerW: 60, aliases: ['agx orin', 'jetson agx orin'] }),
  direct('cuda', true, 'NVIDIA Jetson modules, https://developer.nvidia.com/embedded/jetson-modules', 204.8, { name: 'Jetson AGX Orin 32GB', arch: 'ampere', vramGiB: 32, powerW: 40, aliases: ['agx orin', 'jetson agx orin'] }),
  direct('cuda', true, 'NVIDIA Jetson modules, https://developer.nvidia.com/embedded/jetson-modules', 102.4, { name: 'Jetson Orin NX 16GB', arch: 'ampere', vramGiB: 16, powerW: 25, aliases: ['orin nx', 'jetson orin nx'] }),
  direct('cuda', true, 'NVIDIA Jetson Orin Nano Super, https://developer.nvidia.com/embedded/jetson-modules', 102, { name: 'Jetson Orin Nano 8GB', arch: 'ampere', vramGiB: 8, powerW: 25, aliases: ['orin nano', 'jetson orin nano'] }),
  // ---- AMD Radeon RX 6000 (RDNA2: packed FP16 = 2× FP32, no matrix units)
  amd(SRC.amd, 128, 14, { name: 'Radeon RX 6600', arch: 'rdna2', vramGiB: 8, fp16Tflops: 17.9, powerW: 132 }),
  amd(SRC.amd, 128, 16, { name: 'Radeon RX 6600 XT', arch: 'rdna2', vramGiB: 8, fp16Tflops: 21.2, powerW: 160 }),
  amd(SRC.amd, 192, 16, { name: 'Radeon RX 6700 XT', arch: 'rdna2', vramGiB: 12, fp16Tflops: 26.4, powerW: 230 }),
  amd(SRC.amd, 192, 18, { name: 'Radeon RX 6750 XT', arch: 'rdna2', vramGiB: 12, fp16Tflops: 26.6, powerW: 250 }),
  amd(SRC.amd, 256, 16, { name: 'Radeon RX 6800', arch: 'rdna2', vramGiB: 16, fp16Tflops: 32.3, powerW: 250 }),
  amd(SRC.amd, 256, 16, { name: 'Radeon RX 6800 XT', arch: 'rdna2', vramGiB: 16, fp16Tflops: 41.5, powerW: 300 }),
  amd(SRC.amd, 256, 16, { name: 'Radeon RX 6900 XT', arch: 'rdna2', vramGiB: 16, fp16Tflops: 46.1, powerW: 300 }),
  amd(SRC.amd, 256, 18, { name: 'Radeon RX 6950 XT', arch: 'rdna2', vramGiB: 16, fp16Tflops: 47.3, powerW: 335 }),
  // ---- RX 7000 (RDNA3: AMD's stated peak FP16)
  amd(SRC.amd, 128, 18, { name: 'Radeon RX 7600', arch: 'rdna3', vramGiB: 8, fp16Tflops: 43.5, powerW: 165 }),
  amd(SRC.amd, 128, 18, { name: 'Radeon RX 7600 XT', arch: 'rdna3', vramGiB: 16, fp16Tflops: 45.1, powerW: 190 }),
  amd(SRC.amd, 192, 18, { name: 'Radeon RX 7700 XT', arch: 'rdna3', vramGiB: 12, fp16Tflops: 70.3, powerW: 245 }),
  amd(SRC.amd, 256, 19.5, { name: 'Radeon RX 7800 XT', arch: 'rdna3', vramGiB: 16, fp16Tflops: 74.6, powerW: 263 }),
  amd(SRC.amd, 256, 18, { name: 'Radeon RX 7900 GRE', arch: 'rdna3', vramGiB: 16, fp16Tflops: 92, powerW: 260 }),
  amd(SRC.amd, 320, 20, { name: 'Radeon RX 7900 XT', arch: 'rdna3', vramGiB: 20, fp16Tflops: 103, powerW: 315 }),
  amd(SRC.amd, 384, 20, { name: 'Radeon RX 7900 XTX', arch: 'rdna3', vramGiB: 24, fp16Tflops: 122.8, powerW: 355 }),
  // ---- RX 9000 (RDNA4)
  amd(SRC.amd, 128, 20, { name: 'Radeon RX 9060 XT', arch: 'rdna4', vramGiB: [8, 16], powerW: 160 }),
  amd(SRC.amd, 256, 20, { name: 'Radeon RX 9070', arch: 'rdna4', vramGiB: 16, powerW: 220 }),
  amd(SRC.amd, 256, 20, { name: 'Radeon RX 9070 XT', arch: 'rdna4', vramGiB: 16, fp16Tflops: 194.7, powerW: 304 }),
  // ---- Radeon PRO
  amd(SRC.amdPro, 256, 16, { name: 'Radeon PRO W6800', arch: 'rdna2', vramGiB: 32, fp16Tflops: 35.7, powerW: 250 }),
  amd(SRC.amdPro, 256, 18, { name: 'Radeon PRO W7800', arch: 'rdna3', vramGiB: 32, fp16Tflops: 90.5, powerW: 260 }),
  amd(SRC.amdPro, 384, 18, { name: 'Radeon PRO W7900', arch: 'rdna3', vramGiB: 48, fp16Tflops: 122.6, powerW: 295 }),
  amd(SRC.amdPro, 256, 20, { name: 'Radeon AI PRO R9700', arch: 'rdna4', vramGiB: 32, powerW: 300 }),
  // ---- AMD unified-memory APU (Strix Halo): LPDDR5X-8000 on 256 bits
  direct('vulkan', true, 'AMD Ryzen AI Max+ 395 specifications, https://www.amd.com/en/products/processors/laptop/ryzen/ai-300-series/amd-ryzen-ai-max-plus-395.html', 256, { name: 'Radeon 8060S (Ryzen AI Max+ 395)', arch: 'rdna3.5', vramGiB: [64, 128], powerW: 120, aliases: ['radeon 8060s', '8060s'] }),
  // ---- AMD Instinct (HBM; FP16 matrix dense)
  direct('rocm', false, SRC.instinct, 1228.8, { name: 'Instinct MI100', arch: 'cdna1', vramGiB: 32, fp16Tflops: 184.6, powerW: 300, aliases: ['mi100'] }),
  direct('rocm', false, SRC.instinct, 1638.4, { name: 'Instinct MI210', arch: 'cdna2', vramGiB: 64, fp16Tflops: 181, powerW: 300, aliases: ['mi210'] }),
  direct('rocm', false, SRC.instinct, 3276.8, { name: 'Instinct MI250', arch: 'cdna2', vramGiB: 128, fp16Tflops: 362.1, powerW: 500, aliases: ['mi250'] }),
  direct('rocm', false, SRC.instinct, 3276.8, { name: 'Instinct MI250X', arch: 'cdna2', vramGiB: 128, fp16Tflops: 383, powerW: 500, aliases: ['mi250x'] }),
  direct('rocm', false, SRC.instinct, 5300, { name: 'Instinct MI300X', arch: 'cdna3', vramGiB: 192, fp16Tflops: 1307.4, powerW: 750, aliases: ['mi300x'] }),
  direct('rocm', false, SRC.instinct, 6000, { name: 'Instinct MI325X', arch: 'cdna3', vramGiB: 256, fp16Tflops: 1307.4, powerW: 1000, aliases: ['mi325x'] }),
  // ---- Intel Arc (XMX FP16 dense where Intel states it)
  arc(96, 15.5, { name: 'Arc A380', arch: 'alchemist', vramGiB: 6, powerW: 75 }),
  arc(256, 16, { name: 'Arc A580', arch: 'alchemist', vramGiB: 8, powerW: 175 }),
  arc(256, 16, { name: 'Arc A750', arch: 'alchemist', vramGiB: 8, powerW: 225 }),
  arc(256, 16, { name: 'Arc A770 8GB', arch: 'alchemist', vramGiB: 8, fp16Tflops: 138, powerW: 225, aliases: ['arc a770'] }),
  arc(256, 17.5, { name: 'Arc A770 16GB', arch: 'alchemist', vramGiB: 16, fp16Tflops: 138, powerW: 225, aliases: ['arc a770'] }),
  arc(160, 19, { name: 'Arc B570', arch: 'battlemage', vramGiB: 10, powerW: 150 }),
  arc(192, 19, { name: 'Arc B580', arch: 'battlemage', vramGiB: 12, fp16Tflops: 116.5, powerW: 190 }),
  arc(192, 19, { name: 'Arc Pro B60', arch: 'battlemage', vramGiB: 24, powerW: 200 }),
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
];

// ---------------------------------------------------------------- name matching

/** Words that never tell two GPUs apart. */
const NOISE = new Set([
  'nvidia', 'geforce', 'amd', 'ati', 'radeon', 'intel', 'r', 'tm', 'corporation', 'corp', 'graphics', 'gpu', 'apple',
  'tesla', 'generation', 'gen', 'edition', 'hbm2', 'hbm2e', 'gddr6', 'gddr6x', 'gddr7', 'founders', 'oc', 'the', 'with',
  'series',
]);
/** Extra words in a name that change which GPU it is: a name with one of these never falls back to a shorter entry. */
const DISCRIMINATORS = new Set(['ti', 'super', 'xt', 'xtx', 'gre', 'laptop', 'max', 'pro', 'ultra', 'sxm', 'pcie', 'nvl', 'sff', 'ada', 'blackwell', 'maxq', 's', 'x', 'nx', 'nano', 'agx', 'server', 'workstation']);

export interface NormalizedGpuName {
  /** Sorted distinguishing tokens. */
  tokens: string[];
  /** "12GB" written in the name. */
  vramHintGiB?: number;
  /** "76-core GPU" written in the name (Apple). */
  gpuCores?: number;
}

/** Lower-case, drop vendor words and memory sizes, split letters from digits, mark laptop parts. */
export function normalizeGpuName(name: string): NormalizedGpuName {
  let s = name.toLowerCase().replace(/\((tm|r)\)|[®™]/g, ' ');
  let gpuCores: number | undefined;
  s = s.replace(/(\d+)[\s-]*cores?(\s+gpu)?/g, (_m, n: string) => {
    gpuCores = Number(n);
    return ' ';
  });
  let vramHintGiB: number | undefined;
  s = s.replace(/(?:^|[^a-z0-9])(\d+)\s*gi?b\b/g, (_m, n: string) => {
    vramHintGiB = Number(n);
    return ' ';
  });
  s = s.replace(/max-q/g, ' maxq ').replace(/\bmobile\b/g, ' laptop ').replace(/\bsxm\d\b/g, ' sxm ');
  // Drop vendor words first, then split "3060ti" / "h100" so both spellings give the same tokens.
  let tokens = s
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !NOISE.has(w))
    .flatMap((w) => w.replace(/([a-z])(\d)/g, '$1 $2').replace(/(\d)([a-z])/g, '$1 $2').split(' '));
  // Max-Q is a laptop GPU, except NVIDIA's 300 W "Max-Q Workstation Edition" desktop card.
  if (tokens.includes('maxq') && !tokens.includes('workstation')) tokens = tokens.map((t) => (t === 'maxq' ? 'laptop' : t));
  tokens = [...new Set(tokens)].sort();
  return { tokens, vramHintGiB, gpuCores };
}

interface IndexedAlias {
  spec: GpuSpec;
  tokens: string[];
  key: string;
}

let index: IndexedAlias[] | undefined;
function aliasIndex(): IndexedAlias[] {
  if (index) return index;
  index = [];
  for (const spec of GPUS) {
    for (const alias of [spec.name, ...spec.aliases]) {
      const n = normalizeGpuName(alias);
      const tokens = spec.laptop && !n.tokens.includes('laptop') ? [...n.tokens, 'laptop'].sort() : n.tokens;
      index.push({ spec, tokens, key: tokens.join(' ') });
    }
  }
  return index;
}

export function vramOptions(spec: GpuSpec): number[] {
  return spec.vramOptionsGiB ?? [spec.vramGiB];
}

/** Among same-named variants, the one whose memory (or Apple core count) matches best. */
function pick(cands: GpuSpec[], vramGiB: number | undefined, cores: number | undefined): GpuSpec | undefined {
  let list = [...new Set(cands)];
  if (cores !== undefined && list.some((s) => s.gpuCores !== undefined)) {
    const exact = list.filter((s) => s.gpuCores === cores);
    if (exact.length) list = exact;
  }
  if (vramGiB !== undefined && list.length > 1) {
    const dist = (s: GpuSpec) => Math.min(...vramOptions(s).map((v) => Math.abs(v - vramGiB)));
    const best = Math.min(...list.map(dist));
    list = list.filter((s) => dist(s) === best);
  }
  return list[0];
}

/**
 * Database entry for a GPU name as drivers, tools or people write it; undefined when unknown.
 * `vramBytes` (e.g. nvidia-smi's memory.total) tells apart variants sold with different memory.
 */
export function lookupGpu(name: string, vramBytes?: number): GpuSpec | undefined {
  if (typeof name !== 'string' || name.length > 200) return undefined;
  // lspci / rocm-smi style "Navi 31 [Radeon RX 7900 XT/7900 XTX/7900M]": try each alternative, memory decides.
  const alt = /\[([^\]]+\/[^\]]+)\]/.exec(name);
  if (alt) {
    const parts = alt[1].split('/').map((p) => p.trim());
    const prefix = parts[0].replace(/\d.*$/, '');
    const found = parts.map((p, i) => lookupOne(i === 0 ? p : prefix + p, vramBytes)).filter((s): s is GpuSpec => !!s);
    const vramGiB = vramBytes !== undefined && vramBytes > 0 ? vramBytes / 1024 ** 3 : undefined;
    if (found.length) return pick(found, vramGiB, undefined);
  }
  return lookupOne(name, vramBytes);
}

function lookupOne(name: string, vramBytes?: number): GpuSpec | undefined {
  const n = normalizeGpuName(name);
  if (n.tokens.length === 0) return undefined;
  const vramGiB = vramBytes !== undefined && vramBytes > 0 ? vramBytes / 1024 ** 3 : n.vramHintGiB;
  const all = aliasIndex();
  // Apple names match on the chip; the written core count (or the memory size) picks the variant.
  const cores = n.gpuCores;
  const key = n.tokens.join(' ');
  const exact = all.filter((a) => a.key === key);
  if (exact.length) return pick(exact.map((a) => a.spec), vramGiB, cores);
  // Fallback: the longest alias contained in the name, if the name's extra words cannot change the GPU.
  const input = new Set(n.tokens);
  let best: IndexedAlias[] = [];
  for (const a of all) {
    if (!a.tokens.every((t) => input.has(t))) continue;
    const extra = n.tokens.filter((t) => !a.tokens.includes(t));
    if (extra.some((t) => DISCRIMINATORS.has(t) || /^\d+$/.test(t))) continue;
    if (!best.length || a.tokens.length > best[0].tokens.length) best = [a];
    else if (a.tokens.length === best[0].tokens.length) best.push(a);
  }
  return best.length ? pick(best.map((a) => a.spec), vramGiB, cores) : undefined;
}
