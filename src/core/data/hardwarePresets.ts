// What-if machines. GPUs come from the GPU database by name; RAM bandwidth = MT/s × 8 B × channels (memoryTiers).
// Assumptions, stated once: a desktop GPU that also drives the display has ~600 MiB taken by the desktop and driver;
// a headless datacenter GPU ~480 MiB (nvidia-smi on the calibration H100: 81079 of 81559 MiB free before loading);
// host RAM free = total minus max(4 GiB, 10 %) for the OS and apps.

import { dramBandwidthGBs, memoryTier } from './memoryTiers';

export interface PriceSource {
  repo: string;
  ref: string;
  url: string;
}

/** What the machine (or its GPUs) cost, as published; `what` says which part the price covers. */
export interface PresetPrice {
  usd: number;
  /** When the price was published (YYYY-MM-DD, or the year where the source gives no day). */
  date: string;
  what: string;
  source: PriceSource;
}

export interface HardwarePresetDef {
  id: string;
  label: string;
  /** GPU database name; absent = CPU only. */
  gpu?: string;
  gpuCount?: number;
  /** Total as nvidia-smi reports it, where it differs from the marketing size (MiB). */
  gpuTotalMiB?: number;
  /** MiB the desktop/driver holds on the GPU before llama.cpp starts. */
  gpuReservedMiB?: number;
  ramGiB: number;
  ramBandwidthGBs: number;
  ramHow: string;
  cpu: { model: string; threads: number; cores: number; flags: string[] };
  price?: PresetPrice;
  /** Wall power of the whole machine under inference load, W, where published. */
  systemPowerW?: { watts: number; source: PriceSource };
}

// The seed article of this project (../shared/background/bandwidth-article.txt): rig prices and power as it states them.
// The article gives no address or day, only the year ("at home in 2026").
const ARTICLE: PriceSource = { repo: 'model-fit/shared', ref: 'background/bandwidth-article.txt', url: '' };
const ARTICLE_DATE = '2026';

const DESKTOP_RESERVED = 600;
const HEADLESS_RESERVED = 480;
const ZEN4 = ['avx', 'avx2', 'avx512_bf16', 'avx512_vnni', 'avx512bw', 'avx512f', 'f16c', 'fma'];
const ZEN3 = ['avx', 'avx2', 'f16c', 'fma'];
const APPLE = ['dotprod', 'i8mm', 'neon'];

export const HARDWARE_PRESETS: readonly HardwarePresetDef[] = [
  {
    id: 'rtx3060-ddr4',
    label: 'RTX 3060 12 GB + DDR4-3200 32 GB',
    gpu: 'GeForce RTX 3060 12 GB',
    gpuReservedMiB: DESKTOP_RESERVED,
    ramGiB: 32,
    ramBandwidthGBs: dramBandwidthGBs('DDR4', 3200, 2),
    ramHow: 'DDR4-3200 dual channel',
    cpu: { model: 'AMD Ryzen 7 5800X', threads: 8, cores: 8, flags: ZEN3 },
    // "Ryzen 5800X + RTX 3060 12GB ($1,050)" in the article's perf-per-dollar table
    price: { usd: 1050, date: ARTICLE_DATE, what: 'whole machine (Ryzen 7 5800X + RTX 3060 12 GB build)', source: ARTICLE },
  },
  {
    id: 'rtx4090',
    label: 'RTX 4090 24 GB + DDR5-5600 64 GB',
    gpu: 'GeForce RTX 4090',
    gpuReservedMiB: DESKTOP_RESERVED,
    ramGiB: 64,
    ramBandwidthGBs: dramBandwidthGBs('DDR5', 5600, 2),
    ramHow: 'DDR5-5600 dual channel',
    cpu: { model: 'AMD Ryzen 9 7950X', threads: 16, cores: 16, flags: ZEN4 },
    price: {
      usd: 1599,
      date: '2022-09-21',
      what: 'GPU only, launch price',
      source: {
        repo: '',
        ref: 'pcgamer 2022-09-21',
        url: 'https://www.pcgamer.com/nvidia-geforce-rtx-4090-release-date-price-specs-performance/',
      },
    },
  },
  {
    id: 'rtx5090',
    label: 'RTX 5090 32 GB + DDR5-6000 64 GB',
    gpu: 'GeForce RTX 5090',
    gpuReservedMiB: DESKTOP_RESERVED,
    ramGiB: 64,
    ramBandwidthGBs: dramBandwidthGBs('DDR5', 6000, 2),
    ramHow: 'DDR5-6000 dual channel',
    cpu: { model: 'AMD Ryzen 9 9950X', threads: 16, cores: 16, flags: ZEN4 },
  },
  {
    id: 'rx7900xtx',
    label: 'Radeon RX 7900 XTX 24 GB + DDR5-5600 64 GB',
    gpu: 'Radeon RX 7900 XTX',
    gpuReservedMiB: DESKTOP_RESERVED,
    ramGiB: 64,
    ramBandwidthGBs: dramBandwidthGBs('DDR5', 5600, 2),
    ramHow: 'DDR5-5600 dual channel',
    cpu: { model: 'AMD Ryzen 7 7800X3D', threads: 8, cores: 8, flags: ZEN4 },
  },
  {
    id: 'm3-max',
    label: 'MacBook Pro M3 Max (40-core GPU) 64 GB',
    gpu: 'Apple M3 Max (40-core GPU)',
    ramGiB: 64,
    ramBandwidthGBs: 400,
    ramHow: 'unified LPDDR5, 400 GB/s',
    cpu: { model: 'Apple M3 Max', threads: 12, cores: 16, flags: APPLE },
  },
  {
    id: 'm4-pro',
    label: 'Mac mini M4 Pro (20-core GPU) 48 GB',
    gpu: 'Apple M4 Pro (20-core GPU)',
    ramGiB: 48,
    ramBandwidthGBs: 273,
    ramHow: 'unified LPDDR5X, 273 GB/s',
    cpu: { model: 'Apple M4 Pro', threads: 10, cores: 14, flags: APPLE },
  },
  {
    id: 'dgx-spark',
    label: 'DGX Spark (GB10) 128 GB',
    gpu: 'NVIDIA GB10 (DGX Spark)',
    ramGiB: 128,
    ramBandwidthGBs: 273,
    ramHow: 'unified LPDDR5X, 273 GB/s',
    cpu: {
      model: 'NVIDIA Grace (10× Cortex-X925 + 10× Cortex-A725)',
      threads: 10,
      cores: 20,
      flags: ['dotprod', 'i8mm', 'neon', 'sve', 'sve2'],
    },
  },
  {
    id: 'h100',
    label: 'H100 SXM 80 GB (16-core Sapphire Rapids host)',
    gpu: 'H100 SXM 80GB',
    gpuTotalMiB: 81559,
    gpuReservedMiB: HEADLESS_RESERVED,
    // Host measured in shared/calibration: 125 GiB RAM, ~100 GB/s read.
    ramGiB: 125,
    ramBandwidthGBs: 100,
    ramHow: 'measured read bandwidth of the calibration host',
    cpu: {
      model: 'Intel Xeon (Sapphire Rapids)',
      threads: 16,
      cores: 16,
      flags: ['amx_bf16', 'amx_int8', 'avx', 'avx2', 'avx512_bf16', 'avx512_vnni', 'avx512bw', 'avx512f', 'f16c', 'fma'],
    },
  },
  {
    id: 'ddr5-cpu',
    label: 'CPU only, DDR5-5600 dual channel 64 GB',
    ramGiB: 64,
    ramBandwidthGBs: dramBandwidthGBs('DDR5', 5600, 2),
    ramHow: 'DDR5-5600 dual channel',
    cpu: { model: 'AMD Ryzen 7 7700X', threads: 8, cores: 8, flags: ZEN4 },
  },
  {
    id: 'optane-768',
    label: 'Optane server, 768 GB App-Direct (CPU only)',
    ramGiB: 768,
    ramBandwidthGBs: memoryTier('optane-appdirect')?.bandwidthGBs ?? 100,
    ramHow: '12 × 64 GB Optane DIMMs pooled, ~100 GB/s (seed article)',
    cpu: {
      model: 'Intel Xeon Scalable (Cascade Lake), 2 × 20 cores',
      threads: 40,
      cores: 40,
      flags: ['avx', 'avx2', 'avx512_vnni', 'avx512bw', 'avx512f', 'f16c', 'fma'],
    },
    // "Used Optane server ($3,500-$5,000)"; "the rig used about 850 watts under sustained load"
    price: { usd: 3500, date: ARTICLE_DATE, what: 'whole machine, used (low end of $3,500–5,000)', source: ARTICLE },
    systemPowerW: { watts: 850, source: ARTICLE },
  },
  {
    id: 'dual-rtx4090',
    label: '2× RTX 4090 24 GB + DDR5-5600 128 GB',
    gpu: 'GeForce RTX 4090',
    gpuCount: 2,
    gpuReservedMiB: DESKTOP_RESERVED,
    ramGiB: 128,
    ramBandwidthGBs: dramBandwidthGBs('DDR5', 5600, 2),
    ramHow: 'DDR5-5600 dual channel',
    cpu: { model: 'AMD Ryzen 9 7950X', threads: 16, cores: 16, flags: ZEN4 },
    price: {
      usd: 2 * 1599,
      date: '2022-09-21',
      what: 'GPUs only, 2 × launch price',
      source: {
        repo: '',
        ref: 'pcgamer 2022-09-21',
        url: 'https://www.pcgamer.com/nvidia-geforce-rtx-4090-release-date-price-specs-performance/',
      },
    },
  },
  {
    id: 'dual-rtx3090',
    label: '2× RTX 3090 24 GB + DDR4-3200 64 GB',
    gpu: 'GeForce RTX 3090',
    gpuCount: 2,
    gpuReservedMiB: DESKTOP_RESERVED,
    ramGiB: 64,
    ramBandwidthGBs: dramBandwidthGBs('DDR4', 3200, 2),
    ramHow: 'DDR4-3200 dual channel',
    cpu: { model: 'AMD Ryzen 9 5950X', threads: 16, cores: 16, flags: ZEN3 },
    price: {
      usd: 2 * 1499,
      date: '2021-02-08',
      what: 'GPUs only, 2 × launch price',
      source: {
        repo: '',
        ref: 'hothardware 2021-02-08',
        url: 'https://hothardware.com/news/nvidia-geforce-rtx-3060-launch-feb-25-what-expect',
      },
    },
  },
  {
    id: 'cpu-only-laptop',
    label: 'Laptop, CPU only: Core i7-1165G7, 16 GB LPDDR4X-4266',
    ramGiB: 16,
    ramBandwidthGBs: Math.round(dramBandwidthGBs('LPDDR4X', 4266, 2) * 10) / 10,
    ramHow: 'LPDDR4X-4266 on a 128-bit bus',
    cpu: {
      model: 'Intel Core i7-1165G7',
      threads: 4,
      cores: 4,
      flags: ['avx', 'avx2', 'avx512_vnni', 'avx512bw', 'avx512f', 'f16c', 'fma'],
    },
  },
];
