// The command line and Modelfile that reproduce a plan, in each runtime's own spelling.
import type { RunPlan } from './plan';

export interface RunLines {
  llamaServer: string;
  /** null when Ollama cannot express the plan (experts on the CPU). */
  modelfile: string | null;
  /** Environment Ollama needs for the plan (KV cache type), as `KEY=value` words. */
  ollamaEnv: string[];
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * `model` is a GGUF path or file name for llama-server; `ollamaRef` what Ollama's FROM takes (a tag or a path).
 * -ngl is written out in full (llama-server's default is now "auto", which may choose differently with other free VRAM).
 */
export function runLines(plan: RunPlan, model: string, ollamaRef: string | undefined): RunLines {
  const s = plan.settings;
  const total = plan.estimate.offload.totalLayers;
  const kvQuant = s.cacheTypeK !== 'f16' || s.cacheTypeV !== 'f16';
  const words = ['llama-server', '-m', shellQuote(model), '-c', String(s.ctx), '-ngl', String(s.ngl === total ? 99 : s.ngl)];
  if (s.nCpuMoe > 0) words.push('--n-cpu-moe', String(s.nCpuMoe));
  if (kvQuant) words.push('-fa', 'on', '-ctk', s.cacheTypeK, '-ctv', s.cacheTypeV);
  const ollamaEnv = kvQuant ? ['OLLAMA_FLASH_ATTENTION=1', `OLLAMA_KV_CACHE_TYPE=${s.cacheTypeK}`] : [];
  let modelfile: string | null = null;
  if (ollamaRef && s.nCpuMoe === 0) {
    const lines = [`FROM ${ollamaRef}`, `PARAMETER num_ctx ${s.ctx}`];
    // Ollama's num_gpu counts the same layers as -ngl; leave it to Ollama when everything fits (or there is no GPU).
    if (s.ngl < total && plan.estimate.hardware.gpuName !== null) lines.push(`PARAMETER num_gpu ${s.ngl}`);
    modelfile = lines.join('\n');
  }
  return { llamaServer: words.join(' '), modelfile, ollamaEnv };
}
