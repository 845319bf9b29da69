// Document text → everything the editor shows: one Estimate per run configuration, fit diagnostics, quick fixes.
import { fitDiagnostics } from './advice';
import { catalogModel, catalogQuants, matchCatalogRef } from './catalog';
import { detectFormat, parseConfigFile } from './config';
import { estimate, type EstimateOptions } from './estimate';
import type { Calibration } from './estimate/calibration';
import { withOverrides } from './estimate/calibration';
import { loadGgufModel } from './gguf';
import { resolveModel, type RemoteHeaderOptions } from './resolve';
import { localQuantSiblings } from './resolve/localQuants';
import { refWithQuant } from './quantRefs';
import type {
  Alternative, ConfigAnalysis, ConfigDiagnostic, DocumentAnalysis, FitDiagnostic, HardwareProfile, ModelSpec, RunConfig, RunSettings,
} from './types';

export interface AnalyzeOptions {
  hardware: HardwareProfile;
  ollamaModelsDir?: string;
  safetyMarginBytes?: number;
  env?: Record<string, string | undefined>;
  calibration?: Partial<Calibration>;
  promptTokens?: number;
  /** Opt-in remote GGUF headers for hf.co models (never set in an untrusted workspace). */
  remoteHeaders?: RemoteHeaderOptions;
}

export function isConfigFile(fileName: string, text: string): boolean {
  return detectFormat(fileName, text) !== undefined;
}

export function estimateOptions(config: RunConfig, opts: AnalyzeOptions): EstimateOptions {
  return {
    runtime: config.runtime,
    safetyMarginBytes: opts.safetyMarginBytes,
    calibration: withOverrides(opts.calibration),
    promptTokens: opts.promptTokens,
  };
}

export async function analyzeDocument(fileName: string, text: string, opts: AnalyzeOptions): Promise<DocumentAnalysis> {
  const format = detectFormat(fileName, text);
  const parsed = parseConfigFile(fileName, text);
  const diagnostics: FitDiagnostic[] = parsed.diagnostics.map((d: ConfigDiagnostic) => ({ ...d, fixes: [] }));
  const lines = text.split('\n');
  const configs: ConfigAnalysis[] = [];
  for (const config of parsed.configs) {
    const analysis = await analyzeConfig(config, format, lines, opts);
    configs.push(analysis);
    diagnostics.push(...analysis.diagnostics);
  }
  return { format, configs, diagnostics };
}

export async function analyzeConfig(
  config: RunConfig, format: string | undefined, lines: string[], opts: AnalyzeOptions,
): Promise<ConfigAnalysis> {
  const totalVramBytes = opts.hardware.gpus.reduce((sum, g) => sum + g.vramBytes, 0);
  const resolved = await resolveModel(config, { ollamaModelsDir: opts.ollamaModelsDir, env: opts.env, totalVramBytes, remoteHeaders: opts.remoteHeaders });
  if (!resolved.spec) {
    return {
      config, ctxAlternatives: [],
      diagnostics: resolved.diagnostic ? [{ ...resolved.diagnostic, fixes: [] }] : [],
    };
  }
  const model = resolved.spec;
  const settings: RunSettings = { ...resolved.settingsFromModel, ...config.settings };
  const options = estimateOptions(config, opts);
  try {
    const est = estimate(model, settings, opts.hardware, options);
    const ctxAlternatives: Alternative[] = [0.5, 2].map((factor) => {
      const c = Math.max(256, Math.round((est.settings.ctx * factor) / 256) * 256);
      return { label: `ctx ${c}`, estimate: estimate(model, { ...settings, ctx: c }, opts.hardware, options) };
    });
    // Other quants only matter when this one does not fit on the GPU; skip their I/O on every other keystroke.
    const spills = !est.fits || (opts.hardware.gpus.length > 0 && !est.fullyOnGpu);
    const diagnostics = fitDiagnostics({
      config, format, model, settings, estimate: est, hardware: opts.hardware, options, lines,
      otherQuants: spills ? await otherQuants(config, model) : [],
    });
    return { config, model, settings, estimate: est, ctxAlternatives, diagnostics };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      config, model, ctxAlternatives: [],
      diagnostics: [{ severity: 'error', code: 'estimate.bad-setting', message, range: config.range, fixes: [] }],
    };
  }
}

/**
 * Other quantizations of the model: for a catalog-backed reference (Ollama tag, hf.co ref, catalog id) the
 * catalog's quants; for a local GGUF the files next to it named with another quant label (their own headers).
 */
export async function otherQuants(config: RunConfig, model: ModelSpec): Promise<Array<{ quant: string; ref: string; spec: ModelSpec }>> {
  const out: Array<{ quant: string; ref: string; spec: ModelSpec }> = [];
  if (model.source === 'gguf') {
    for (const sibling of localQuantSiblings(config.modelRef ?? '', model.ref)) {
      try {
        const spec = await loadGgufModel(sibling.path, 'gguf');
        if (spec.quant !== model.quant) out.push({ quant: spec.quant, ref: sibling.ref, spec });
      } catch {
        // A sibling that does not read as a GGUF is not offered.
      }
    }
    return out;
  }
  const match = matchCatalogRef(config.modelRef);
  if (!match) return out;
  for (const quant of catalogQuants(match.id)) {
    const ref = refWithQuant(config.modelRef, quant);
    if (!ref) continue;
    try {
      out.push({ quant, ref, spec: quant === model.quant && model.source === 'catalog' ? model : catalogModel(match.id, quant) });
    } catch {
      // A quant the catalog lists but cannot build is skipped.
    }
  }
  return out;
}
