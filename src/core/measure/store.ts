// Measurements kept per machine (the extension stores them in its global storage, never in a repository):
// keyed by a fingerprint of the hardware, deduplicated, bounded.
import type { HardwareProfile } from '../types';
import type { LoadReport, SpeedRun } from './types';

export const MAX_STORED_RUNS = 5000;
export const MAX_STORED_LOADS = 500;

export interface MachineMeasurements {
  version: 1;
  fingerprint: string;
  label: string;
  runs: SpeedRun[];
  loads: LoadReport[];
  imports: Array<{ source: string; at: string; runs: number; loads: number }>;
}

/** Stable across reboots and driver updates: GPU names and sizes, CPU model, RAM rounded to GiB. */
export function hardwareFingerprint(hw: HardwareProfile): string {
  const gpus = hw.gpus.map((g) => `${g.name}/${Math.round(g.vramBytes / 2 ** 30)}G`).join('+') || 'no-gpu';
  return `${gpus}|${hw.cpu.model}/${hw.cpu.cores}c|${Math.round(hw.ramBytes / 2 ** 30)}G`;
}

export function emptyMeasurements(hw: HardwareProfile): MachineMeasurements {
  return { version: 1, fingerprint: hardwareFingerprint(hw), label: hw.label, runs: [], loads: [], imports: [] };
}

function runKey(r: SpeedRun): string {
  const { line: _line, ...rest } = r;
  return JSON.stringify(rest);
}

/** `store` plus the new records (duplicates of stored ones dropped; the oldest go past the bounds). */
export function mergeMeasurements(
  store: MachineMeasurements,
  add: { runs: SpeedRun[]; loads: LoadReport[] },
  source: string,
  at = new Date().toISOString(),
): { store: MachineMeasurements; added: number } {
  const seen = new Set(store.runs.map(runKey));
  const fresh = add.runs.filter((r) => {
    const k = runKey(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const runs = [...store.runs, ...fresh].slice(-MAX_STORED_RUNS);
  const loads = [...store.loads, ...add.loads].slice(-MAX_STORED_LOADS);
  const imports = [...store.imports, { source, at, runs: fresh.length, loads: add.loads.length }].slice(-100);
  return { store: { ...store, runs, loads, imports }, added: fresh.length };
}

/** A stored object read back from disk, or undefined when it is not one (corrupt, other version). */
export function parseStoredMeasurements(value: unknown, fingerprint: string): MachineMeasurements | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Partial<MachineMeasurements>;
  if (v.version !== 1 || v.fingerprint !== fingerprint || !Array.isArray(v.runs) || !Array.isArray(v.loads)) return undefined;
  const runs = v.runs
    .filter((r) => r && typeof r === 'object' && typeof r.tps === 'number' && Number.isFinite(r.tps) && typeof r.kind === 'string')
    .slice(-MAX_STORED_RUNS);
  return {
    version: 1,
    fingerprint,
    label: String(v.label ?? ''),
    runs,
    loads: v.loads.slice(-MAX_STORED_LOADS),
    imports: Array.isArray(v.imports) ? v.imports.slice(-100) : [],
  };
}

/** Model-number words of a device name: "NVIDIA H100 80GB HBM3" → h100, 80gb, hbm3. */
function modelWords(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3 && /\d/.test(w));
}

/**
 * Runs whose printed GPU (llama-bench gpu_info) is not one of this machine's: they would calibrate this machine on
 * another's speed. Undefined when every run that names a GPU names one of ours (or none names one).
 */
export function foreignRunsWarning(runs: readonly SpeedRun[], hw: HardwareProfile): string | undefined {
  const ours = new Set(hw.gpus.flatMap((g) => modelWords(g.name)));
  const foreign = [...new Set(runs.map((r) => r.gpuInfo).filter((g): g is string => !!g && g.trim() !== ''))].filter(
    (g) => !modelWords(g).some((w) => ours.has(w)),
  );
  if (!foreign.length) return undefined;
  const here = hw.gpus.map((g) => g.name).join(', ') || 'no GPU';
  return `runs were measured on ${foreign.slice(0, 3).join(', ')}, but this machine has ${here}: calibrating on them fits another machine`;
}
