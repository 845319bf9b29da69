// Which measurements of this machine belong to an estimate: same model file (or size and parameter count),
// same quant, same GPU/CPU split and attention settings. Shown next to the prediction on every surface.
import { formatTps } from '../units';
import type { Estimate } from '../types';
import { unusableReason } from './calibrate';
import type { MeasuredModel, SpeedRun } from './types';

export interface MeasuredSpeed {
  /** Mean tokens/s of the matching runs. */
  tps: number;
  /** Runs behind the mean (llama-bench rows / log timing lines). */
  runs: number;
  tools: string[];
}

export interface MeasuredForEstimate {
  decode?: MeasuredSpeed;
  prefill?: MeasuredSpeed;
}

function baseName(p: string): string {
  return p.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
}

const close = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol * Math.max(a, b);

/** True when the run's model is the estimate's: quant must agree; then the file name, the Ollama name, or size and parameters. */
export function sameModel(m: MeasuredModel, e: Estimate['model'], modelRef?: string): boolean {
  if (m.quant && e.quant && m.quant.toUpperCase() !== e.quant.toUpperCase()) return false;
  if (m.file && e.ref && baseName(m.file) === baseName(e.ref)) return true;
  if (m.name && modelRef && m.name.toLowerCase() === modelRef.toLowerCase()) return true;
  if (!m.quant || !e.quant) return false;
  // llama-bench's model_size is tensor bytes (a few MB under the file), the table prints it to 0.01 GiB.
  const sizeOk = m.sizeBytes !== undefined && e.fileBytes > 0 && close(m.sizeBytes, e.fileBytes, 0.02);
  const paramsOk = m.nParams !== undefined && e.nParams > 0 && close(m.nParams, e.nParams, 0.01);
  return sizeOk && (paramsOk || m.nParams === undefined);
}

/** True when the run used the estimate's split and the settings that change speed. */
export function sameSettings(run: SpeedRun, e: Estimate): boolean {
  const s = run.settings;
  const total = e.offload.totalLayers;
  if (s.ngl !== undefined && Math.min(Math.max(s.ngl, 0), total) !== e.offload.gpuLayers) return false;
  if ((s.nCpuMoe ?? 0) !== e.settings.nCpuMoe) return false;
  if (s.flashAttn === 'on' && !e.settings.fa) return false;
  if (s.flashAttn === 'off' && e.settings.fa) return false;
  if (s.cacheTypeK && s.cacheTypeK !== e.settings.cacheTypeK) return false;
  if (s.noKvOffload !== undefined && s.noKvOffload !== e.settings.noKvOffload) return false;
  const depth = e.speed.depth;
  return Math.abs(run.depth - depth) <= Math.max(512, 0.1 * depth);
}

function summarize(runs: SpeedRun[]): MeasuredSpeed | undefined {
  if (!runs.length) return undefined;
  return { tps: runs.reduce((s, r) => s + r.tps, 0) / runs.length, runs: runs.length, tools: [...new Set(runs.map((r) => r.tool))] };
}

export function measuredFor(e: Estimate, runs: readonly SpeedRun[], modelRef?: string): MeasuredForEstimate {
  const mine = runs.filter((r) => !unusableReason(r) && sameModel(r.model, e.model, modelRef) && sameSettings(r, e));
  return { decode: summarize(mine.filter((r) => r.kind === 'decode')), prefill: summarize(mine.filter((r) => r.kind === 'prefill')) };
}

/** "measured 41.2 tok/s on this machine, 3 runs; predicted 39.5" */
export function formatMeasured(m: MeasuredSpeed, predictedTps: number): string {
  return `measured ${formatTps(m.tps)} tok/s on this machine, ${m.runs} run${m.runs === 1 ? '' : 's'}; predicted ${formatTps(predictedTps)}`;
}
