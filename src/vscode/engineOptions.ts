// The engine options every editor surface estimates with: the settings, this machine's measured factors, the
// environment. Built here only, so the diagnostics, the panel and completion agree.
import type { AnalyzeOptions } from '../core/analyze';
import type { HardwareProfile } from '../core/types';
import type { MeasurementState } from './measurements';
import { readSettings } from './settings';

export function engineOptions(hardware: HardwareProfile, measurements?: MeasurementState): AnalyzeOptions {
  const s = readSettings();
  return {
    hardware,
    ollamaModelsDir: s.ollamaModelsDir,
    safetyMarginBytes: s.safetyMarginBytes,
    env: process.env,
    // This machine's measured factors, when it has any, on top of the settings' overrides.
    calibration: measurements ? measurements.calibration(s.calibration, hardware) : s.calibration,
    remoteHeaders: s.remoteHeaders,
  };
}
