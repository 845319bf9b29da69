import type { HardwareProfile, ModelSpec, Runtime } from '../types';
import type { Calibration } from './calibration';
import { padCells } from './kvCache';
import { freeVram, planMemory, type MemoryPlan } from './memory';
import type { DraftSettings } from './runtimeDefaults';

/** llama.cpp's --fit never shrinks the context below this (common/arg.cpp: --fit-ctx). */
export const FIT_MIN_CTX = 4096;

export interface FitResult {
  settings: DraftSettings & { ngl: number };
  plan: MemoryPlan;
  notes: string[];
}

/** Largest -ngl whose GPU part fits `budget` (0 when not even one layer does). */
function largestNglThatFits(model: ModelSpec, s: DraftSettings, hw: HardwareProfile, cal: Calibration, budget: number): number {
  let lo = 0;
  let hi = model.blocks.length + 1;
  // GPU bytes grow with ngl, so a binary search finds the boundary.
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (planMemory(model, { ...s, ngl: mid }, hw, cal).gpuBytes <= budget) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Resolve "auto" the way the runtimes do: all layers if they fit; llama.cpp (when the context was
 * left at its default) first shrinks the context to keep every layer on the GPU; otherwise as many
 * layers as fit the free VRAM minus the safety margin.
 */
export function fitToMemory(
  model: ModelSpec,
  s: DraftSettings,
  hw: HardwareProfile,
  cal: Calibration,
  runtime: Runtime,
  marginBytes: number,
): FitResult {
  const notes: string[] = [];
  if (s.ngl !== 'auto') {
    const fixed = { ...s, ngl: s.ngl };
    return { settings: fixed, plan: planMemory(model, fixed, hw, cal), notes };
  }
  const all = model.blocks.length + 1;
  if (hw.gpus.length === 0) {
    const cpu = { ...s, ngl: 0 };
    return { settings: cpu, plan: planMemory(model, cpu, hw, cal), notes };
  }
  const budget = freeVram(hw) - marginBytes;
  const full = { ...s, ngl: all };
  const fullPlan = planMemory(model, full, hw, cal);
  if (fullPlan.gpuBytes <= budget) return { settings: full, plan: fullPlan, notes };

  if (runtime === 'llama.cpp' && s.ctxFromDefault && s.ctx > FIT_MIN_CTX) {
    let lo = FIT_MIN_CTX;
    let hi = s.ctx;
    if (planMemory(model, { ...full, ctx: lo }, hw, cal).gpuBytes <= budget) {
      while (hi - lo > 256) {
        const mid = padCells((lo + hi) / 2);
        const midSafe = mid >= hi ? hi - 256 : mid;
        if (planMemory(model, { ...full, ctx: midSafe }, hw, cal).gpuBytes <= budget) lo = midSafe;
        else hi = midSafe;
      }
      const shrunk = { ...full, ctx: lo };
      notes.push(`llama.cpp's automatic fit lowers the context from ${s.ctx} to ${lo} to keep every layer on the GPU`);
      return { settings: shrunk, plan: planMemory(model, shrunk, hw, cal), notes };
    }
    const small = { ...s, ctx: FIT_MIN_CTX };
    const ngl = largestNglThatFits(model, small, hw, cal, budget);
    notes.push(`llama.cpp's automatic fit lowers the context to ${FIT_MIN_CTX} and offloads ${ngl}/${all} layers`);
    const chosen = { ...small, ngl };
    return { settings: chosen, plan: planMemory(model, chosen, hw, cal), notes };
  }
  const ngl = largestNglThatFits(model, s, hw, cal, budget);
  const chosen = { ...s, ngl };
  return { settings: chosen, plan: planMemory(model, chosen, hw, cal), notes };
}
