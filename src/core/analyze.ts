// Document text → everything the editor shows: one Estimate per run configuration, fit diagnostics, quick fixes.
import { fitDiagnostics } from './advice';
import { catalogModel, catalogModelForRef, catalogQuants, matchCatalogRef } from './catalog';
import { parseConfigFile } from './config';
import { documentFormat } from './config/sniff';
import { containerMounts, hostPath, isContainerFile, onHost, type Mount } from './config/containerPaths';
import { estimate, type EstimateOptions } from './estimate';
import type { Calibration } from './estimate/calibration';
import { withOverrides } from './estimate/calibration';
import { loadGgufModel } from './gguf';
import { resolveModel, type RemoteHeaderOptions } from './resolve';
import { unknownOllamaTag } from './ollamaTags';
import { localQuantSiblings } from './resolve/localQuants';
import { refWithQuant } from './quantRefs';
import type { FixDocument } from './fixes';
import type {
  Alternative,
  ConfigAnalysis,
  ConfigDiagnostic,
  DocumentAnalysis,
  Estimate,
  FitDiagnostic,
  HardwareProfile,
  ModelSpec,
  RunConfig,
  RunSettings,
} from './types';

export interface AnalyzeOptions {
  hardware: HardwareProfile;
  ollamaModelsDir?: string;
  safetyMarginBytes?: number;
  env?: Record<string, string | undefined>;
  calibration?: Partial<Calibration>;
  promptTokens?: number;
  /** The editor's language for the document (an untitled buffer in the `modelfile` language is a Modelfile). */
  languageId?: string;
  /** Opt-in remote GGUF headers for hf.co models (never set in an untrusted workspace). */
  remoteHeaders?: RemoteHeaderOptions;
}

/** Whether the document is one this reads: by its name, its editor language, or its text. */
export function isConfigFile(fileName: string, text: string, languageId?: string): boolean {
  return documentFormat(fileName, text, languageId) !== undefined;
}

/** Whether the document names a model to estimate (the "Estimate" command is offered only then). */
export function hasSomethingToEstimate(fileName: string, text: string, languageId?: string): boolean {
  const format = documentFormat(fileName, text, languageId);
  return format !== undefined && parseConfigFile(fileName, text, format).configs.length > 0;
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
  const format = documentFormat(fileName, text, opts.languageId);
  const parsed = parseConfigFile(fileName, text, format);
  const diagnostics: FitDiagnostic[] = parsed.diagnostics.map((d: ConfigDiagnostic) => ({ ...d, fixes: [] }));
  const lines = text.split('\n');
  const configs: ConfigAnalysis[] = [];
  for (const [index, config] of parsed.configs.entries()) {
    const doc = { fileName, text, format, lines, index, config, mounts: containerMounts(fileName, text, config) };
    const analysis = await analyzeConfig(config, format, lines, opts, doc);
    configs.push(analysis);
    diagnostics.push(...analysis.diagnostics);
  }
  return { format, configs, diagnostics };
}

function resolveOptions(opts: AnalyzeOptions) {
  const totalVramBytes = opts.hardware.gpus.reduce((sum, g) => sum + g.vramBytes, 0);
  return { ollamaModelsDir: opts.ollamaModelsDir, env: opts.env, totalVramBytes, remoteHeaders: opts.remoteHeaders };
}

/** A configuration resolved and estimated as the editor would show it; undefined when it cannot be. */
export async function estimateConfig(config: RunConfig, opts: AnalyzeOptions): Promise<Estimate | undefined> {
  const resolved = await resolveModel(config, resolveOptions(opts));
  if (!resolved.spec) return undefined;
  try {
    return estimate(resolved.spec, { ...resolved.settingsFromModel, ...config.settings }, opts.hardware, estimateOptions(config, opts));
  } catch {
    return undefined;
  }
}

/**
 * `doc` is the text the configuration was read from: fixes are proven on it (without it none are offered), and
 * its mounts map container paths to workspace files.
 */
export async function analyzeConfig(
  config: RunConfig,
  format: string | undefined,
  _lines: string[],
  opts: AnalyzeOptions,
  doc?: FixDocument & { mounts?: Mount[] },
): Promise<ConfigAnalysis> {
  const mounts = doc?.mounts ?? [];
  const mapped = hostPath(config.modelRef, mounts);
  const resolved = await resolveModel(onHost(config, mounts), resolveOptions(opts));
  if (resolved.diagnostic?.code === 'resolve.file-missing' && doc && isContainerFile(doc.fileName)) {
    resolved.diagnostic = mapped
      ? { ...resolved.diagnostic, message: `${resolved.diagnostic.message} (${config.modelRef} through ${mapped.mount.written})` }
      : {
          ...resolved.diagnostic,
          severity: 'info',
          code: 'resolve.container-path',
          message:
            `${config.modelRef} is a path inside the container and no volume or COPY in this file maps it to the workspace: ` +
            `the estimate is the catalog's ${resolved.spec?.name ?? ''} ${resolved.spec?.quant ?? ''}`.trimEnd(),
        };
  }
  if (!resolved.spec) {
    return {
      config,
      ctxAlternatives: [],
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
    const diagnostics = await fitDiagnostics({
      config,
      format,
      model,
      settings,
      estimate: est,
      hardware: opts.hardware,
      options,
      otherQuants: spills ? await otherQuants(config, model) : [],
      doc,
      estimateConfig: (c) => estimateConfig(onHost(c, mounts), opts),
    });
    const tag = unknownOllamaTag(config, model);
    if (tag) diagnostics.unshift(tag);
    if (resolved.diagnostic) diagnostics.unshift({ ...resolved.diagnostic, fixes: [] });
    return { config, model, settings, estimate: est, ctxAlternatives, diagnostics };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      config,
      model,
      ctxAlternatives: [],
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
      // As resolution delivers that reference (Ollama's vision blob, a publisher's listed size), so fixes compare like with like.
      const m = matchCatalogRef(ref);
      const spec =
        quant === model.quant && model.source === 'catalog'
          ? model
          : m?.id === match.id
            ? catalogModelForRef(ref, m)
            : catalogModel(match.id, quant);
      out.push({ quant, ref, spec });
    } catch {
      // A quant the catalog lists but cannot build is skipped.
    }
  }
  return out;
}
