// `model-fit compare`: one model on several machines — tok/s, tok/s per dollar and joules per token side by side.
import { HARDWARE_PRESETS } from '../core/data/hardwarePresets';
import { estimate } from '../core/estimate';
import { hardwarePreset } from '../core/hardware';
import type { Estimate, ModelSpec, RunSettings, Runtime } from '../core/types';
import { placementColumn } from '../core/present';
import { formatTps } from '../core/units';
import { presetId } from './hardwareArgs';

export const DEFAULT_COMPARE = ['rtx3060-ddr4', 'ddr5-cpu', 'optane-768'];

export interface CompareRow {
  preset: string;
  label: string;
  fits: boolean;
  fitLevel: Estimate['fitLevel'];
  ngl: number;
  decodeTps: number;
  prefillTps: number;
  price: { usd: number; date: string; what: string; source: { repo: string; ref: string; url: string } } | null;
  /** Decode tok/s per 1000 USD of the price above. */
  decodeTpsPer1000Usd: number | null;
  /** Joules per generated token and the power it assumes. */
  joulesPerToken: number | null;
  powerBasis: 'system' | 'gpu-board' | null;
}

export function compareRows(
  spec: ModelSpec,
  settings: RunSettings,
  presets: string[],
  runtime: Runtime,
  io: { promptTokens?: number; genTokens?: number; depth?: number },
): CompareRow[] {
  return presets.map((typed) => {
    const id = presetId(typed);
    const hw = hardwarePreset(id);
    const def = HARDWARE_PRESETS.find((p) => p.id === id)!;
    const e = estimate(spec, settings, hw, { ...io, runtime });
    const ok = e.fits && e.speed.decodeTps > 0;
    let joules: number | null = null;
    let basis: CompareRow['powerBasis'] = null;
    if (ok && def.systemPowerW) {
      joules = def.systemPowerW.watts / e.speed.decodeTps;
      basis = 'system';
    } else if (ok && e.speed.energyPerTokenJ !== null) {
      joules = e.speed.energyPerTokenJ;
      basis = 'gpu-board';
    }
    return {
      preset: id,
      label: hw.label,
      fits: e.fits,
      fitLevel: e.fitLevel,
      ngl: e.settings.ngl,
      decodeTps: e.speed.decodeTps,
      prefillTps: e.speed.prefillTps,
      price: def.price ?? null,
      decodeTpsPer1000Usd: ok && def.price ? (e.speed.decodeTps / def.price.usd) * 1000 : null,
      joulesPerToken: joules,
      powerBasis: basis,
    };
  });
}

export function formatCompare(modelName: string, quant: string, rows: CompareRow[]): string {
  const head = ['machine', 'fit', 'decode', 'prefill', 'price', 'tok/s per $1k', 'J/token'];
  const body = rows.map((r) => [
    r.preset,
    placementColumn(r.fitLevel, r.ngl),
    r.fits ? formatTps(r.decodeTps) : '–',
    r.fits ? formatTps(r.prefillTps) : '–',
    r.price ? `$${r.price.usd}${/whole/.test(r.price.what) ? '' : ' (GPU)'}` : '–',
    r.decodeTpsPer1000Usd === null ? '–' : r.decodeTpsPer1000Usd.toFixed(1),
    r.joulesPerToken === null ? '–' : `${r.joulesPerToken.toFixed(2)}${r.powerBasis === 'gpu-board' ? ' (GPU board)' : ''}`,
  ]);
  const all = [head, ...body];
  const w = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const lines = all.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  '));
  const notes = rows
    .filter((r) => r.price)
    .map((r) => `  ${r.preset}: $${r.price!.usd}, ${r.price!.what} (${r.price!.date}; ${r.price!.source.url || r.price!.source.ref})`);
  return [`${modelName} · ${quant} on ${rows.length} machines`, ...lines, '', 'prices:', ...notes].join('\n');
}
