// Predicted vs measured for every calibration case (shared by bench-accuracy and fit-calibration).
import { estimate } from '../src/core/estimate';
import type { Calibration } from '../src/core/estimate/calibration';
import type { Estimate } from '../src/core/types';
import { MiB } from '../src/core/units';
import type { CalibrationCase } from './calibration-cases';

export interface Prediction {
  c: CalibrationCase;
  predicted: number;
  /** Signed relative error (predicted / measured − 1). */
  error: number;
  estimate: Estimate;
}

export function predict(c: CalibrationCase, cal: Calibration): Prediction {
  const e = estimate(c.model, c.settings, c.hardware, {
    runtime: 'llama.cpp',
    calibration: cal,
    ...c.io,
    safetyMarginBytes: c.runtimeMarginBytes ?? 0,
    fitMarginBytes: c.runtimeMarginBytes ?? 0,
  });
  const predicted =
    c.kind === 'memory'
      ? e.memory.gpuBytes
      : c.kind === 'decode'
        ? e.speed.decodeTps
        : c.kind === 'prefill'
          ? e.speed.prefillTps
          : e.settings.ngl;
  return { c, predicted, error: predicted / c.measured - 1, estimate: e };
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Memory passes within ±3% or ±256 MiB, whichever is looser. */
export function memoryWithinTolerance(p: Prediction): boolean {
  const diff = Math.abs(p.predicted - p.c.measured);
  return diff <= 256 * MiB || diff <= 0.03 * p.c.measured;
}
