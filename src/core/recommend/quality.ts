// Quant quality for ranking: the published KL divergence (src/core/data/quantQuality.ts), grouped into bands.
import { QUANT_QUALITY, QUANT_QUALITY_SOURCE, type DataSource } from '../data/quantQuality';

/**
 * Bands over the scoreboard's mean KLD. The grouping is ours: Q8_0–Q5_K_M (≤ 0.015) change the output
 * less than the table's gap between neighbouring rows, Q4_K_M (0.031) is the common default, Q3_K_M (0.10)
 * is the last K-quant below the big jump to Q3_K_S (0.23) and Q2_K (0.45).
 */
export type QualityBand = 'as released' | 'negligible' | 'small' | 'noticeable' | 'large';

export interface QuantQualityInfo {
  band: QualityBand;
  /** Lower = better; the order recommendations prefer (0 = as released). */
  rank: number;
  kld: number | null;
  deltaPpl: number | null;
  source: DataSource | null;
}

const BANDS: Array<{ max: number; band: QualityBand }> = [
  { max: 0.015, band: 'negligible' },
  { max: 0.05, band: 'small' },
  { max: 0.15, band: 'noticeable' },
  { max: Infinity, band: 'large' },
];

/** Quality of a file type on a model of this architecture; null when nothing is published for it. */
export function quantQuality(quant: string, arch: string): QuantQualityInfo | null {
  const q = quant.toUpperCase();
  // gpt-oss was trained for and released in MXFP4: that file is the original model.
  if ((q === 'MXFP4' || q === 'MXFP4_MOE') && arch === 'gpt-oss')
    return { band: 'as released', rank: 0, kld: null, deltaPpl: null, source: null };
  if (q === 'BF16' || q === 'F32') return { band: 'as released', rank: 0, kld: null, deltaPpl: null, source: null };
  const row = QUANT_QUALITY.find((r) => r.quant === q);
  if (!row) return null;
  const i = BANDS.findIndex((b) => row.kld <= b.max);
  return { band: BANDS[i].band, rank: i + 1, kld: row.kld, deltaPpl: row.deltaPpl, source: QUANT_QUALITY_SOURCE };
}
