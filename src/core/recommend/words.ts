// A recommendation's plan in words, shared by the CLI and the panel.
import type { Recommendation } from './index';

/** "all 42 layers on the GPU, experts of 29 blocks on the CPU" — what -ngl / --n-cpu-moe mean for this row. */
export function planInWords(r: Pick<Recommendation, 'plan' | 'settings'>): string {
  switch (r.plan) {
    case 'gpu':
      return `all ${r.settings.ngl} layers on the GPU`;
    case 'experts-on-cpu':
      return `all ${r.settings.ngl} layers on the GPU, experts of ${r.settings.nCpuMoe} blocks on the CPU`;
    case 'partial':
      return `${r.settings.ngl} layers on the GPU, the rest on the CPU`;
    default:
      return 'all on the CPU';
  }
}

/** "7.6B", "80B", "494M". */
export function paramsInWords(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(n >= 1e11 ? 0 : 1)}B` : `${(n / 1e6).toFixed(0)}M`;
}
