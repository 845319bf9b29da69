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
  genTokens?: number;
  /** Tokens already in the context when decode is timed. */
  depth?: number;
  /** What wins over the file (the CLI's flags). With any, no fit advice is given: it would be about other settings. */
  overrides?: ConfigOverrides;
}

export interface ConfigOverrides {
  /** Another model than the file names; a relative path is read from `baseDir`. */
  model?: { ref: string; baseDir: string };
  /** Price a catalog model at another quantization (Q4_K_M, Q8_0, …). */
  quant?: string;
  settings?: RunSettings;
}

function hasOverrides(o: ConfigOverrides | undefined): boolean {
  return !!o && (!!o.model || !!o.quant || Object.keys(o.settings ?? {}).length > 0);
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
    genTokens: opts.genTokens,
    depth: opts.depth,
  };
}

/** The settings a configuration runs with: the model's, the file's, then the overrides. */
export function runSettings(model: ModelSpec, config: RunConfig, fromModel: RunSettings | undefined, opts: AnalyzeOptions): RunSettings {
  const overrides = opts.overrides?.settings ?? {};
  const merged: RunSettings = { ...fromModel, ...config.settings, ...overrides };
  // A dense model has no routed experts: --n-cpu-moe / --cpu-moe keep nothing on the CPU (llama.cpp matches no tensor).
  const s = model.expertCount > 0 ? merged : { ...merged, nCpuMoe: undefined, cpuMoe: undefined };
  // Ollama's OLLAMA_NUM_PARALLEL: that many slots, each with num_ctx (the runner's context is num_ctx × N).
  const n = Number(opts.env?.OLLAMA_NUM_PARALLEL);
  if (config.runtime !== 'ollama' || overrides.parallel !== undefined || !Number.isInteger(n) || n <= 1) return s;
  return { ...s, parallel: n, ...(s.ctx ? { ctx: s.ctx * n } : {}) };
}

/** The configuration with the overridden model in place of the file's. */
function withModelOverride(config: RunConfig, overrides: ConfigOverrides | undefined): RunConfig {
  const m = overrides?.model;
  return m ? { ...config, modelRef: m.ref, baseDir: m.baseDir } : config;
}

/**
 * --quant: a catalog model re-priced at another quantization (the runtime defaults still come from the reference);
 * a file or an Ollama store model is what it is, with a warning.
 */
function requantized(config: RunConfig, spec: ModelSpec | undefined, quant: string): { spec?: ModelSpec; warning?: string } {
  const match = matchCatalogRef(config.modelRef);
  if (match && spec?.source !== 'ollama') return { spec: catalogModelForRef(config.modelRef ?? '', { ...match, quant }) };
  if (spec && spec.quant.toUpperCase() !== quant.toUpperCase())
    return { warning: `--quant ${quant} ignored: ${config.modelRef} is a ${spec.quant} file` };
  return {};
}

export async function analyzeDocument(fileName: string, text: string, opts: AnalyzeOptions): Promise<DocumentAnalysis> {
  const format = documentFormat(fileName, text, opts.languageId);
  const parsed = parseConfigFile(fileName, text, format);
  const diagnostics: FitDiagnostic[] = parsed.diagnostics.map((d: ConfigDiagnostic) => ({ ...d, fixes: [] }));
  const lines = text.split('\n');
  const configs: ConfigAnalysis[] = [];
  for (const [index, written] of parsed.configs.entries()) {
    const config = withModelOverride(written, opts.overrides);
    // An overridden model is not the file's: the file's container mounts do not apply to it.
    const mounts = opts.overrides?.model ? [] : containerMounts(fileName, text, written);
    const doc = { fileName, text, format, lines, index, config, mounts };
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
    return estimate(
      resolved.spec,
      runSettings(resolved.spec, config, resolved.settingsFromModel, opts),
      opts.hardware,
      estimateOptions(config, opts),
    );
  } catch {
    return undefined;
  }
}

export interface ResolvedRun {
  model?: ModelSpec;
  /** The settings it runs with (runSettings); set with `model`. */
  settings?: RunSettings;
  /** Why there is no model, or what is worth knowing about the one found (container paths explained). */
  diagnostic?: ConfigDiagnostic;
  /** Overrides that could not apply. */
  warnings: string[];
}

/** A configuration's model and settings, as every estimate of it starts. */
export async function resolveRun(config: RunConfig, opts: AnalyzeOptions, doc?: FixDocument & { mounts?: Mount[] }): Promise<ResolvedRun> {
  const r = await resolveWithOverrides(config, opts, doc);
  return { ...r, settings: r.model ? runSettings(r.model, config, r.fromModel, opts) : undefined };
}

async function resolveWithOverrides(
  config: RunConfig,
  opts: AnalyzeOptions,
  doc: (FixDocument & { mounts?: Mount[] }) | undefined,
): Promise<{ model?: ModelSpec; fromModel?: RunSettings; diagnostic?: ConfigDiagnostic; warnings: string[] }> {
  const mounts = doc?.mounts ?? [];
  const mapped = hostPath(config.modelRef, mounts);
  const resolved = await resolveModel(onHost(config, mounts), resolveOptions(opts));
  let diagnostic = resolved.diagnostic;
  if (diagnostic?.code === 'resolve.file-missing' && doc && isContainerFile(doc.fileName)) {
    diagnostic = mapped
      ? { ...diagnostic, message: `${diagnostic.message} (${config.modelRef} through ${mapped.mount.written})` }
      : {
          ...diagnostic,
          severity: 'info',
          code: 'resolve.container-path',
          message:
            `${config.modelRef} is a path inside the container and no volume or COPY in this file maps it to the workspace: ` +
            `the estimate is the catalog's ${resolved.spec?.name ?? ''} ${resolved.spec?.quant ?? ''}`.trimEnd(),
        };
  }
  const quant = opts.overrides?.quant;
  const requant = quant ? requantized(config, resolved.spec, quant) : {};
  if (requant.spec) return { model: requant.spec, fromModel: resolved.settingsFromModel, warnings: [] };
  return { model: resolved.spec, fromModel: resolved.settingsFromModel, diagnostic, warnings: requant.warning ? [requant.warning] : [] };
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
  const { model, settings, diagnostic, warnings } = await resolveRun(config, opts, doc);
  const resolveDiagnostics: FitDiagnostic[] = diagnostic ? [{ ...diagnostic, fixes: [] }] : [];
  if (!model || !settings) return { config, ctxAlternatives: [], diagnostics: resolveDiagnostics };
  const options = estimateOptions(config, opts);
  try {
    const est = estimate(model, settings, opts.hardware, options);
    est.warnings.unshift(...warnings);
    const ctxAlternatives: Alternative[] = [0.5, 2].map((factor) => {
      const c = Math.max(256, Math.round((est.settings.ctx * factor) / 256) * 256);
      return { label: `ctx ${c}`, estimate: estimate(model, { ...settings, ctx: c }, opts.hardware, options) };
    });
    const advice = hasOverrides(opts.overrides) ? [] : await fitAdvice(config, format, model, settings, est, opts, doc);
    return { config, model, settings, estimate: est, ctxAlternatives, diagnostics: [...resolveDiagnostics, ...advice] };
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

/** Fit diagnostics with proven fixes, and the unknown-Ollama-tag note. */
async function fitAdvice(
  config: RunConfig,
  format: string | undefined,
  model: ModelSpec,
  settings: RunSettings,
  est: Estimate,
  opts: AnalyzeOptions,
  doc: (FixDocument & { mounts?: Mount[] }) | undefined,
): Promise<FitDiagnostic[]> {
  const mounts = doc?.mounts ?? [];
  // Other quants only matter when this one does not fit on the GPU; skip their I/O on every other keystroke.
  const spills = !est.fits || (opts.hardware.gpus.length > 0 && !est.fullyOnGpu);
  const diagnostics = await fitDiagnostics({
    config,
    format,
    model,
    settings,
    estimate: est,
    hardware: opts.hardware,
    options: estimateOptions(config, opts),
    otherQuants: spills ? await otherQuants(config, model) : [],
    doc,
    estimateConfig: (c) => estimateConfig(onHost(c, mounts), opts),
  });
  const tag = unknownOllamaTag(config, model);
  if (tag) diagnostics.unshift(tag);
  return diagnostics;
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
