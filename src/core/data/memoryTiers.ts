// Host-memory bandwidth: DRAM peak = MT/s × bus bytes × channels, plus the storage/memory tiers of the seed article.

export type DramType = 'DDR3' | 'DDR4' | 'DDR5' | 'LPDDR4X' | 'LPDDR5' | 'LPDDR5X';

export interface DramSpec {
  type: DramType;
  /** Common data rates, MT/s (first = JEDEC baseline). */
  speeds: number[];
  /** Bytes per transfer of one "channel" as desktop boards count them (a DIMM slot's 64-bit bus). */
  channelBytes: number;
  source: string;
}

const JEDEC = 'JEDEC standards JESD79-4 (DDR4), JESD79-5 (DDR5), JESD209-4/5 (LPDDR4X/5/5X), https://www.jedec.org/standards-documents';

export const DRAM: Record<DramType, DramSpec> = {
  DDR3: { type: 'DDR3', speeds: [1333, 1600, 1866], channelBytes: 8, source: JEDEC },
  DDR4: { type: 'DDR4', speeds: [2133, 2400, 2666, 2933, 3200, 3600], channelBytes: 8, source: JEDEC },
  // A DDR5 DIMM has two 32-bit sub-channels: still 8 bytes per DIMM-channel per transfer.
  DDR5: { type: 'DDR5', speeds: [4800, 5200, 5600, 6000, 6400, 8000], channelBytes: 8, source: JEDEC },
  // LPDDR parts are soldered; "channels" here = 64-bit units of the package bus (e.g. 128-bit laptop = 2).
  LPDDR4X: { type: 'LPDDR4X', speeds: [3733, 4266], channelBytes: 8, source: JEDEC },
  LPDDR5: { type: 'LPDDR5', speeds: [5500, 6400], channelBytes: 8, source: JEDEC },
  LPDDR5X: { type: 'LPDDR5X', speeds: [7500, 8000, 8533, 9600], channelBytes: 8, source: JEDEC },
};

/** Parse a memory-type label as dmidecode, Windows CIM or system_profiler write it ("DDR4", "LPDDR5X", "Ddr5"). */
export function dramType(label: string | undefined): DramType | undefined {
  if (!label) return undefined;
  const u = label.toUpperCase().replace(/[\s-]/g, '');
  for (const t of ['LPDDR5X', 'LPDDR5', 'LPDDR4X', 'DDR5', 'DDR4', 'DDR3'] as DramType[]) if (u.includes(t)) return t;
  return undefined;
}

/** Peak bandwidth in GB/s: MT/s × 8 bytes × channels. DDR5-5600 dual channel → 89.6. */
export function dramBandwidthGBs(type: DramType, mtPerS: number, channels: number): number {
  return (mtPerS * DRAM[type].channelBytes * channels) / 1000;
}

export interface MemoryTier {
  id: string;
  label: string;
  bandwidthGBs: number;
  /** Typical capacity per module or device, as the article lists it. */
  capacity: string;
  source: string;
}

const ARTICLE = 'Model Fit seed article (shared/background/bandwidth-article.txt), spec / bandwidth table';

/** The seed article's tiers: why bandwidth, not capacity, sets tokens/s. */
export const MEMORY_TIERS: readonly MemoryTier[] = [
  {
    id: 'hbm3-h100',
    label: 'HBM3 (H100 80GB SXM)',
    bandwidthGBs: 3350,
    capacity: '80 GB',
    source: `${ARTICLE}; NVIDIA H100 datasheet, https://www.nvidia.com/en-us/data-center/h100/`,
  },
  {
    id: 'gddr6-rtx3060',
    label: 'GDDR6 (RTX 3060 12GB, 192-bit × 15 Gbps)',
    bandwidthGBs: 360,
    capacity: '12 GB',
    source: `${ARTICLE}; TechPowerUp GPU Database`,
  },
  {
    id: 'ddr5-6400-2ch',
    label: 'DDR5-6400 dual channel',
    bandwidthGBs: dramBandwidthGBs('DDR5', 6400, 2),
    capacity: '192 GB+',
    source: `${ARTICLE}; ${JEDEC}`,
  },
  {
    id: 'ddr5-5600-2ch',
    label: 'DDR5-5600 dual channel',
    bandwidthGBs: dramBandwidthGBs('DDR5', 5600, 2),
    capacity: '128 GB+',
    source: JEDEC,
  },
  {
    id: 'ddr4-3200-2ch',
    label: 'DDR4-3200 dual channel',
    bandwidthGBs: dramBandwidthGBs('DDR4', 3200, 2),
    capacity: '128 GB',
    source: JEDEC,
  },
  {
    id: 'ddr4-3200-4ch',
    label: 'DDR4-3200 quad-channel server',
    bandwidthGBs: dramBandwidthGBs('DDR4', 3200, 4),
    capacity: '512 GB+',
    source: `${ARTICLE}; ${JEDEC}`,
  },
  {
    id: 'optane-appdirect',
    label: 'Optane persistent memory (App-Direct, 12 DIMMs pooled)',
    bandwidthGBs: 100,
    capacity: '768 GB+',
    source: `${ARTICLE} (~8–10 GB/s per DIMM read, ~100 GB/s pooled)`,
  },
  {
    id: 'nvme-swap',
    label: 'NVMe SSD swap (WD SN550)',
    bandwidthGBs: 2.4,
    capacity: '1 TB+',
    source: `${ARTICLE}; WD Blue SN550 datasheet (2,400 MB/s sequential read)`,
  },
];

export function memoryTier(id: string): MemoryTier | undefined {
  return MEMORY_TIERS.find((t) => t.id === id);
}
