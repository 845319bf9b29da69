// Reads the modelFit.* settings into engine options.
import * as vscode from 'vscode';
import { defaultCacheDir } from '../core/hardware';
import type { RemoteHeaderOptions } from '../core/resolve';
import { DEFAULT_CALIBRATION } from '../core/estimate/calibration';
import type { Calibration } from '../core/estimate/calibration';
import {
  DEFAULT_COMPARE_PRESETS,
  calibrationOverride,
  parseHardwareOverride,
  safetyMarginBytes,
  type HardwareOverride,
} from './settingValues';

export interface ModelFitSettings {
  preset: string;
  override?: HardwareOverride;
  ollamaModelsDir?: string;
  safetyMarginBytes: number;
  codeLens: boolean;
  hover: boolean;
  diagnostics: boolean;
  comparePresets: string[];
  calibration?: Partial<Calibration>;
  problems: string[];
  /** modelFit.remoteHeaders, honoured only in a trusted workspace. */
  remoteHeaders?: RemoteHeaderOptions;
}

export function readSettings(): ModelFitSettings {
  const c = vscode.workspace.getConfiguration('modelFit');
  const hw = parseHardwareOverride(c.get('hardware.override'));
  const cal = calibrationOverride(
    DEFAULT_CALIBRATION.bandwidthEfficiency,
    c.get('calibration.gpuBandwidthEfficiency'),
    c.get('calibration.cpuBandwidthEfficiency'),
  );
  const preset = c.get<unknown>('hardware.preset');
  const dir = c.get<unknown>('ollama.modelsDir');
  const presets = c.get<unknown>('compare.presets');
  return {
    preset: typeof preset === 'string' && preset.trim() ? preset.trim() : 'this',
    override: hw.override,
    ollamaModelsDir: typeof dir === 'string' && dir.trim() ? dir.trim() : undefined,
    safetyMarginBytes: safetyMarginBytes(c.get('safetyMarginMiB')),
    codeLens: c.get('codeLens.enabled') !== false,
    hover: c.get('hover.enabled') !== false,
    diagnostics: c.get('diagnostics.enabled') !== false,
    comparePresets: Array.isArray(presets) ? presets.filter((p): p is string => typeof p === 'string') : [...DEFAULT_COMPARE_PRESETS],
    calibration: cal.calibration,
    problems: [...hw.problems, ...cal.problems],
    remoteHeaders:
      c.get('remoteHeaders') === true && vscode.workspace.isTrusted
        ? { cacheDir: defaultCacheDir(), endpoint: process.env.HF_ENDPOINT || undefined }
        : undefined,
  };
}
