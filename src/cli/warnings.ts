// Values that parse but are probably not what the user meant.
import { GiB } from '../core/units';
import type { Estimate, HardwareProfile, ModelSpec } from '../core/types';
import type { EstimateArgs } from './args';

export function flagWarnings(a: EstimateArgs, spec: ModelSpec, hw: HardwareProfile, e: Estimate): string[] {
  const w: string[] = [];
  if (a.depth !== undefined && a.depth > e.settings.ctx) {
    w.push(`--depth ${a.depth} is more than the ${e.settings.ctx}-token context: llama.cpp would have shifted or refused the context`);
  }
  if (a.nCpuMoe !== undefined && a.nCpuMoe > 0) {
    if (spec.expertCount === 0) w.push(`--n-cpu-moe ${a.nCpuMoe} has no effect: ${spec.name} is a dense model (no routed experts)`);
    else if (a.nCpuMoe > spec.blocks.length)
      w.push(`--n-cpu-moe ${a.nCpuMoe} is more than the model's ${spec.blocks.length} blocks: all experts stay on the CPU`);
  }
  if (a.freeVram !== undefined) {
    const card = hw.gpus[0]?.vramBytes ?? 0;
    if (card > 0 && a.freeVram * GiB > card)
      w.push(`--free-vram ${a.freeVram} GiB is more than the card's ${(card / GiB).toFixed(1)} GiB: capped at the card's memory`);
  }
  if (a.prompt === 0) w.push('--prompt 0: no prompt is timed, so prefill speed and time to first token say nothing');
  if (a.ngl !== undefined && typeof a.ngl === 'number' && a.ngl > spec.blocks.length + 1) {
    w.push(`--ngl ${a.ngl} is more than the model's ${spec.blocks.length + 1} layers: all of them go to the GPU`);
  }
  return w;
}
