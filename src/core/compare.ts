// The comparison panel's numbers: quantizations × contexts on one machine, the configuration on
// several machines, and decode speed as the context fills. Every cell is an Estimate.
import { estimateOptions, otherQuants, resolveRun, type AnalyzeOptions } from './analyze';
import { estimate } from './estimate';
import type { Comparison, ConfigAnalysis, HardwareProfile, ModelSpec, RunSettings } from './types';

/** The quantizations people actually pick; the panel compares these (plus the file's own). */
const PANEL_QUANTS = new Set(['Q2_K', 'Q3_K_M', 'IQ4_XS', 'Q4_0', 'Q4_K_M', 'Q5_K_M', 'Q6_K', 'Q8_0', 'F16', 'BF16', 'MXFP4', 'MXFP4_MOE']);
const CONTEXTS = [2048, 4096, 8192, 16384, 32768, 65536, 131072];
const DEPTHS = [0, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072];

export async function buildComparison(analysis: ConfigAnalysis, profiles: HardwareProfile[], opts: AnalyzeOptions): Promise<Comparison> {
  const { config, model, estimate: base } = analysis;
  if (!model || !base) throw new Error('buildComparison needs a resolved configuration');
  const settings = analysis.settings ?? config.settings;
  const options = estimateOptions(config, opts);
  // Runtime defaults that depend on the machine (Ollama's num_ctx follows the VRAM) are resolved per profile.
  const settingsOn = async (hw: HardwareProfile): Promise<RunSettings> => {
    if (hw.id === opts.hardware.id || config.runtime !== 'ollama') return settings;
    return (await resolveRun(config, { ...opts, hardware: hw })).settings ?? settings;
  };
  const variants: Array<{ quant: string; spec: ModelSpec }> = (await otherQuants(config, model))
    // Files already on disk are all worth comparing; of the catalog's quants, the common ones.
    .filter((q) => model.source === 'gguf' || PANEL_QUANTS.has(q.quant) || q.quant === model.quant)
    .map((q) => ({ quant: q.quant, spec: q.spec }));
  if (!variants.some((v) => v.quant === model.quant)) variants.push({ quant: model.quant, spec: model });
  variants.sort((a, b) => a.spec.fileBytes - b.spec.fileBytes);

  const maxCtx = model.ctxTrain > 0 ? model.ctxTrain : 131072;
  const contexts = [...new Set([...CONTEXTS.filter((c) => c <= maxCtx), base.settings.ctx])].sort((a, b) => a - b);
  // Every cell is timed like the summary (empty context), so the file's own cell shows the summary's figure.
  const grid = variants.flatMap((v) =>
    contexts.map((ctx) => ({
      quant: v.quant,
      ctx,
      estimate: estimate(v.spec, { ...settings, ctx }, opts.hardware, options),
    })),
  );
  const machines = [opts.hardware, ...profiles.filter((p) => p.id !== opts.hardware.id)];
  const profileRows = await Promise.all(
    machines.map(async (hw) => ({
      id: hw.id,
      label: hw.label,
      estimate: estimate(model, await settingsOn(hw), hw, options),
    })),
  );
  const depthCurve = DEPTHS.filter((d) => d < base.settings.ctx).map((depth) => {
    const e = estimate(model, settings, opts.hardware, { ...options, depth, promptTokens: 0 });
    return { depth, decodeTps: e.speed.decodeTps, decodeTpsLow: e.speed.decodeTpsLow, decodeTpsHigh: e.speed.decodeTpsHigh };
  });
  return {
    modelName: model.name,
    baseQuant: model.quant,
    quants: variants.map((v) => v.quant),
    contexts,
    grid,
    profiles: profileRows,
    depthCurve,
  };
}
