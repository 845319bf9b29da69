// Quick fixes are offered only after they are proven: the edit is applied to the text, the file is re-read in
// its own format, the configuration is re-estimated, and the result must be strictly better.
import { parseConfigFile, type ConfigFormat } from './config';
import { settingEditVariants, type EditableSettings } from './config/edit';
import { formatTps } from './units';
import type { Estimate, QuickFix, RunConfig, RunSettings, TextEdit } from './types';

/** The document a fix is made in, and which of its configurations it is for. */
export interface FixDocument {
  fileName: string;
  text: string;
  format: ConfigFormat | undefined;
  lines: string[];
  /** Index of the configuration in the file's parse result. */
  index: number;
  config: RunConfig;
}

/** A fix before it is proven. */
export interface FixCandidate {
  kind: string;
  /** What it does, without the outcome: "Raise num_gpu to 33". */
  action: string;
  settings?: EditableSettings;
  /** A new model reference (another quant, a smaller model of the family): it must resolve to a smaller file. */
  modelRef?: string;
}

export type EstimateConfig = (config: RunConfig) => Promise<Estimate | undefined>;

/** Apply edits the way an editor does: all positions refer to the original text. */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const offset = (line: number, col: number) => Math.min(text.length, (starts[line] ?? text.length) + col);
  const sorted = edits
    .map((e) => ({ s: offset(e.range.startLine, e.range.startCol), t: offset(e.range.endLine, e.range.endCol), text: e.newText }))
    .sort((a, b) => b.s - a.s || b.t - a.t);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.s) + e.text + out.slice(e.t);
  return out;
}

/** 2 = every layer on the GPU, 1 = split, 0 = CPU only. */
function placementLevel(e: Estimate): number {
  return e.fullyOnGpu ? 2 : e.offload.gpuLayers > 0 ? 1 : 0;
}

function gpuWeightShare(e: Estimate): number {
  const b = e.memory.breakdown;
  return b.weightsGpu / Math.max(1, b.weightsGpu + b.weightsHost);
}

/**
 * Strictly better: loads where it did not; or, both loading, more of it on the GPU, less memory, or faster —
 * never moving layers off the GPU and never noticeably slower.
 */
export function improves(before: Estimate, after: Estimate): boolean {
  if (!after.fits) return false;
  if (!before.fits) return true;
  const lb = placementLevel(before);
  const la = placementLevel(after);
  if (la !== lb) return la > lb;
  if (after.speed.decodeTps < before.speed.decodeTps * 0.98) return false;
  const moreOnGpu = gpuWeightShare(after) > gpuWeightShare(before) + 1e-6;
  const lessMemory = after.memory.gpuBytes + after.memory.hostBytes < before.memory.gpuBytes + before.memory.hostBytes;
  const faster = after.speed.decodeTps > before.speed.decodeTps * 1.02;
  return moreOnGpu || lessMemory || faster;
}

/** "fits on the GPU, ~42 tok/s" — the state a fix leads to, for its title. */
export function afterState(e: Estimate): string {
  const tps = `~${formatTps(e.speed.decodeTps)} tok/s`;
  if (e.fullyOnGpu) return `fits on the GPU, ${tps}`;
  if (e.offload.gpuLayers === 0) return `fits in RAM, ${tps}`;
  if (e.offload.cpuMoeBlocks > 0) {
    return `fits, experts of ${e.offload.cpuMoeBlocks}/${e.offload.totalLayers - 1} layers on the CPU, ${tps}`;
  }
  return `fits with ${e.offload.gpuLayers}/${e.offload.totalLayers} layers on the GPU, ${tps}`;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase());
}

function errorCount(diags: Array<{ severity: string }>): number {
  return diags.filter((d) => d.severity === 'error').length;
}

/** The fix, proven, with its outcome in the title; undefined when no way of writing it reads back or helps. */
export async function verifyFix(
  doc: FixDocument,
  cand: FixCandidate,
  before: Estimate,
  estimateConfig: EstimateConfig,
): Promise<(QuickFix & { after: Estimate }) | undefined> {
  const modelEdit: TextEdit[] = [];
  if (cand.modelRef !== undefined) {
    if (!doc.config.ranges.model) return undefined;
    modelEdit.push({ range: doc.config.ranges.model, newText: cand.modelRef });
  }
  const variants = cand.settings ? settingEditVariants(doc.format, doc.lines, doc.config, cand.settings) : [[]];
  const baseErrors = errorCount(parseConfigFile(doc.fileName, doc.text, doc.format).diagnostics);
  for (const variant of variants) {
    const edits = [...modelEdit, ...variant];
    if (!edits.length) return undefined;
    const parsed = parseConfigFile(doc.fileName, applyTextEdits(doc.text, edits), doc.format);
    const cfg = parsed.configs[doc.index];
    if (!cfg || errorCount(parsed.diagnostics) > baseErrors) continue;
    if (cfg.modelRef !== (cand.modelRef ?? doc.config.modelRef)) continue;
    const want = cand.settings ?? {};
    if (!(Object.keys(want) as Array<keyof RunSettings>).every((k) => sameValue(cfg.settings[k], want[k as keyof EditableSettings])))
      continue;
    // It reads back as intended: this is the edit. Now it has to help.
    const after = await estimateConfig(cfg);
    if (!after || !improves(before, after)) return undefined;
    if (cand.modelRef !== undefined && after.model.fileBytes >= before.model.fileBytes) return undefined;
    return { title: `${cand.action} → ${afterState(after)}`, kind: cand.kind, edits, after };
  }
  return undefined;
}
