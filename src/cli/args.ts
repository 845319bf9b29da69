import { ModelFitError } from '../core/errors';
import { KV_CACHE_TYPES } from '../core/gguf/ggmlTypes';

export interface EstimateArgs {
  file?: string;
  model?: string;
  quant?: string;
  ctx?: number;
  ngl?: number | 'auto';
  fa?: 'on' | 'off' | 'auto';
  cacheTypeK?: string;
  cacheTypeV?: string;
  batch?: number;
  ubatch?: number;
  parallel?: number;
  nCpuMoe?: number;
  hardware: string;
  gpu?: string;
  vram?: number;
  freeVram?: number;
  gpuBandwidth?: number;
  ram?: number;
  ramBandwidth?: number;
  cpuThreads?: number;
  prompt?: number;
  gen?: number;
  depth?: number;
  json: boolean;
  /** Read an hf.co model's GGUF header over HTTP when neither the disk nor the catalog has it. */
  fetch?: boolean;
}

type Kind = 'int' | 'num' | 'str' | 'ngl' | 'fa' | 'kv' | 'bool';

const FLAGS: Record<string, { key: keyof EstimateArgs; kind: Kind }> = {
  '--model': { key: 'model', kind: 'str' },
  '-m': { key: 'model', kind: 'str' },
  '--quant': { key: 'quant', kind: 'str' },
  '--ctx': { key: 'ctx', kind: 'int' },
  '-c': { key: 'ctx', kind: 'int' },
  '--ngl': { key: 'ngl', kind: 'ngl' },
  '-ngl': { key: 'ngl', kind: 'ngl' },
  '--fa': { key: 'fa', kind: 'fa' },
  '-fa': { key: 'fa', kind: 'fa' },
  '--cache-type-k': { key: 'cacheTypeK', kind: 'kv' },
  '-ctk': { key: 'cacheTypeK', kind: 'kv' },
  '--cache-type-v': { key: 'cacheTypeV', kind: 'kv' },
  '-ctv': { key: 'cacheTypeV', kind: 'kv' },
  '--batch': { key: 'batch', kind: 'int' },
  '-b': { key: 'batch', kind: 'int' },
  '--ubatch': { key: 'ubatch', kind: 'int' },
  '-ub': { key: 'ubatch', kind: 'int' },
  '--parallel': { key: 'parallel', kind: 'int' },
  '-np': { key: 'parallel', kind: 'int' },
  '--n-cpu-moe': { key: 'nCpuMoe', kind: 'int' },
  '--hardware': { key: 'hardware', kind: 'str' },
  '--gpu': { key: 'gpu', kind: 'str' },
  '--vram': { key: 'vram', kind: 'num' },
  '--free-vram': { key: 'freeVram', kind: 'num' },
  '--gpu-bandwidth': { key: 'gpuBandwidth', kind: 'num' },
  '--ram': { key: 'ram', kind: 'num' },
  '--ram-bandwidth': { key: 'ramBandwidth', kind: 'num' },
  '--cpu-threads': { key: 'cpuThreads', kind: 'int' },
  '--prompt': { key: 'prompt', kind: 'int' },
  '--gen': { key: 'gen', kind: 'int' },
  '--depth': { key: 'depth', kind: 'int' },
  '--json': { key: 'json', kind: 'bool' },
  '--fetch': { key: 'fetch', kind: 'bool' },
};

function convert(flag: string, kind: Kind, raw: string): unknown {
  const bad = (what: string) => new ModelFitError(`${flag}: expected ${what}, got "${raw}"`);
  switch (kind) {
    case 'int': {
      if (!/^\d+$/.test(raw)) throw bad('a whole number ≥ 0');
      return Number(raw);
    }
    case 'num': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n) || n < 0) throw bad('a number ≥ 0');
      return n;
    }
    case 'ngl': {
      if (raw === 'auto') return 'auto';
      if (raw === 'all') return -1;
      if (!/^-?\d+$/.test(raw)) throw bad('a layer count, "all" or "auto"');
      return Number(raw);
    }
    case 'fa': {
      const v = raw.toLowerCase();
      if (['on', '1', 'true'].includes(v)) return 'on';
      if (['off', '0', 'false'].includes(v)) return 'off';
      if (v === 'auto') return 'auto';
      throw bad('on, off or auto');
    }
    case 'kv': {
      const v = raw.toLowerCase();
      if (!(KV_CACHE_TYPES as readonly string[]).includes(v)) throw bad(KV_CACHE_TYPES.join(', '));
      return v;
    }
    default:
      if (raw === '') throw bad('a value');
      return raw;
  }
}

/** Parse `estimate` arguments; flags accept `--flag value` and `--flag=value`. */
export function parseEstimateArgs(argv: string[]): EstimateArgs {
  const args: EstimateArgs = { hardware: 'this', json: false };
  const out = args as unknown as Record<string, unknown>;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('-') || token === '-') {
      if (args.file !== undefined) throw new ModelFitError(`unexpected argument "${token}" (only one FILE may be given)`);
      args.file = token;
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(0, eq) : token;
    const spec = FLAGS[name];
    if (!spec) throw new ModelFitError(`unknown option ${name} (see model-fit --help)`);
    if (spec.kind === 'bool') {
      out[spec.key] = true;
      continue;
    }
    let raw: string | undefined;
    if (eq > 0) raw = token.slice(eq + 1);
    else {
      raw = argv[i + 1];
      i++;
    }
    if (raw === undefined) throw new ModelFitError(`${name} needs a value`);
    out[spec.key] = convert(name, spec.kind, raw);
  }
  return args;
}
