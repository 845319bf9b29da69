// Settings values → engine inputs, validated. Pure (no vscode import): settings.json can hold anything.
import { DEFAULT_SAFETY_MARGIN } from '../core/estimate';
import type { Calibration } from '../core/estimate/calibration';
import type { ProfileOverrides } from '../core/hardware';
import type { GpuBackend } from '../core/types';

export type HardwareOverride = ProfileOverrides;

const NUMERIC: Array<keyof Omit<HardwareOverride, 'gpu'>> = [
  'vramGiB',
  'freeVramGiB',
  'gpuBandwidthGBs',
  'ramGiB',
  'ramBandwidthGBs',
  'cpuThreads',
];

/** Keeps the fields that make sense (positive finite numbers, a non-empty GPU name); lists the rest as problems. */
export function parseHardwareOverride(raw: unknown): { override?: HardwareOverride; problems: string[] } {
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { problems: ['modelFit.hardware.override must be an object'] };
  }
  const r = raw as Record<string, unknown>;
  const out: HardwareOverride = {};
  if (typeof r.gpu === 'string' && r.gpu.trim()) out.gpu = r.gpu.trim();
  else if (r.gpu !== undefined && r.gpu !== '') problems.push('modelFit.hardware.override.gpu must be a GPU name or "none"');
  for (const key of NUMERIC) {
    const v = r[key];
    if (v === undefined || v === null) continue;
    const ok = typeof v === 'number' && Number.isFinite(v) && (key === 'freeVramGiB' ? v >= 0 : v > 0);
    if (ok && key === 'cpuThreads' && !Number.isInteger(v)) problems.push(`modelFit.hardware.override.${key} must be a whole number`);
    else if (ok) out[key] = v as number;
    else problems.push(`modelFit.hardware.override.${key} must be a positive number, got ${JSON.stringify(v)}`);
  }
  for (const key of Object.keys(r)) {
    if (key !== 'gpu' && !(NUMERIC as string[]).includes(key)) problems.push(`modelFit.hardware.override.${key} is not a known field`);
  }
  return { override: Object.keys(out).length ? out : undefined, problems };
}

const GPU_BACKENDS: GpuBackend[] = ['cuda', 'rocm', 'metal', 'vulkan', 'sycl'];

/**
 * modelFit.calibration.gpuBandwidthEfficiency / cpuBandwidthEfficiency → a calibration override. The engine merges
 * overrides shallowly, so the whole bandwidthEfficiency record is rebuilt on top of `base`.
 */
export function calibrationOverride(
  base: Calibration['bandwidthEfficiency'],
  gpu: unknown,
  cpu: unknown,
): { calibration?: Partial<Calibration>; problems: string[] } {
  const problems: string[] = [];
  const valid = (name: string, v: unknown): number | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 1) return v;
    problems.push(`modelFit.calibration.${name} must be a fraction in (0, 1], got ${JSON.stringify(v)}`);
    return undefined;
  };
  const g = valid('gpuBandwidthEfficiency', gpu);
  const c = valid('cpuBandwidthEfficiency', cpu);
  if (g === undefined && c === undefined) return { problems };
  const eff = { ...base };
  if (g !== undefined) for (const b of GPU_BACKENDS) eff[b] = g;
  if (c !== undefined) eff.cpu = c;
  return { calibration: { bandwidthEfficiency: eff }, problems };
}

/** MiB from settings → bytes; falls back to the default for nonsense. */
export function safetyMarginBytes(mib: unknown, defaultMiB = DEFAULT_SAFETY_MARGIN / (1024 * 1024)): number {
  const v = typeof mib === 'number' && Number.isFinite(mib) && mib >= 0 && mib <= 1024 * 1024 ? mib : defaultMiB;
  return Math.round(v * 1024 * 1024);
}

/** Presets the panel compares this machine with when `modelFit.compare.presets` is unset (package.json repeats it). */
export const DEFAULT_COMPARE_PRESETS: readonly string[] = ['rtx3060-ddr4', 'ddr5-cpu'];
