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
  help?: boolean;
  /** recommend */
  use?: string;
  minTps?: number;
  limit?: number;
  modelsDir?: string;
  noLocal?: boolean;
  /** hardware */
  refresh?: boolean;
  /** multi-GPU */
  tensorSplit?: number[];
  splitMode?: 'layer' | 'row' | 'none';
  mainGpu?: number;
  /** compare */
  presets?: string;
  /** RPC servers (llama.cpp --rpc) */
  rpc?: string;
  rpcGpu?: string;
  rpcBandwidth?: number;
  /** calibrate: measurement files, and folders with the GGUF files the runs used */
  from?: string[];
  models?: string[];
}

/** `list`: the value and the words after it up to the next flag; given again, it adds to the list. */
export type Kind = 'int' | 'num' | 'str' | 'ngl' | 'fa' | 'kv' | 'bool' | 'split' | 'splitMode' | 'list';

export interface FlagSpec {
  /** Spellings, the long one first. */
  names: string[];
  key: keyof EstimateArgs;
  kind: Kind;
  /** Placeholder shown in help, e.g. "N", "GiB". */
  value?: string;
  help: string;
  /** What applies when the flag is absent, in words. */
  default?: string;
}

const MODEL_FLAGS: FlagSpec[] = [
  {
    names: ['--model', '-m'],
    key: 'model',
    kind: 'str',
    value: 'REF',
    help: 'GGUF path, Ollama tag (looked up in the local Ollama store first), hf.co/… ref or catalog id',
    default: "FILE's model, else llama3.1:8b from the catalog",
  },
  {
    names: ['--quant'],
    key: 'quant',
    kind: 'str',
    value: 'Q',
    help: 'price a catalog model at another quantization (Q4_K_M, Q8_0, …)',
    default: "the reference's quant (Q4_K_M for a bare tag)",
  },
  {
    names: ['--fetch'],
    key: 'fetch',
    kind: 'bool',
    help: 'for an hf.co/… model neither the disk nor the catalog has, read its GGUF header (only the header, cached) from Hugging Face (HF_ENDPOINT if set)',
    default: 'off: no network',
  },
];

const RUN_FLAGS: FlagSpec[] = [
  {
    names: ['--ctx', '-c'],
    key: 'ctx',
    kind: 'int',
    value: 'N',
    help: 'context size in tokens (KV cells, all slots together)',
    default: "llama.cpp: the model's trained context; Ollama: 4096–32768 by VRAM",
  },
  {
    names: ['--ngl', '-ngl'],
    key: 'ngl',
    kind: 'ngl',
    value: 'N|all|auto',
    help: 'layers on the GPU (-ngl, the output layer counts as one)',
    default: 'auto (as many as fit)',
  },
  { names: ['--fa', '-fa'], key: 'fa', kind: 'fa', value: 'on|off|auto', help: 'flash attention', default: 'auto (on)' },
  {
    names: ['--cache-type-k', '-ctk'],
    key: 'cacheTypeK',
    kind: 'kv',
    value: 'T',
    help: `K cache type (${KV_CACHE_TYPES.join(', ')})`,
    default: 'f16',
  },
  {
    names: ['--cache-type-v', '-ctv'],
    key: 'cacheTypeV',
    kind: 'kv',
    value: 'T',
    help: 'V cache type (quantized needs flash attention)',
    default: 'f16',
  },
  { names: ['--batch', '-b'], key: 'batch', kind: 'int', value: 'N', help: 'logical batch size', default: 'llama.cpp 2048, Ollama 512' },
  {
    names: ['--ubatch', '-ub'],
    key: 'ubatch',
    kind: 'int',
    value: 'N',
    help: 'physical batch size (sizes the compute buffers)',
    default: 'llama.cpp 512, Ollama = batch',
  },
  {
    names: ['--parallel', '-np'],
    key: 'parallel',
    kind: 'int',
    value: 'N',
    help: 'parallel slots (sequences sharing the context)',
    default: '1',
  },
  {
    names: ['--n-cpu-moe'],
    key: 'nCpuMoe',
    kind: 'int',
    value: 'N',
    help: 'keep the routed experts of the first N blocks on the CPU (MoE models)',
    default: '0',
  },
  {
    names: ['--tensor-split', '-ts'],
    key: 'tensorSplit',
    kind: 'split',
    value: 'A,B,…',
    help: 'share of the offloaded layers per GPU, e.g. 3,1',
    default: "each GPU's free memory",
  },
  {
    names: ['--split-mode', '-sm'],
    key: 'splitMode',
    kind: 'splitMode',
    value: 'layer|row|none',
    help: 'how several GPUs share the model: whole layers, matrix rows, or only --main-gpu',
    default: 'layer',
  },
  {
    names: ['--main-gpu', '-mg'],
    key: 'mainGpu',
    kind: 'int',
    value: 'I',
    help: "GPU used with --split-mode none (and for row mode's KV cache)",
    default: '0',
  },
];

const HARDWARE_SELECT: FlagSpec[] = [
  {
    names: ['--hardware'],
    key: 'hardware',
    kind: 'str',
    value: 'this|PRESET',
    help: 'machine: "this" (detected) or a preset id (see model-fit presets; any case)',
    default: 'this',
  },
  {
    names: ['--gpu'],
    key: 'gpu',
    kind: 'str',
    value: 'NAME|none',
    help: 'GPU from the database (see model-fit gpus), "2x NAME" or "NAME,NAME" for several, or none for CPU only',
    default: "the machine's",
  },
  { names: ['--vram'], key: 'vram', kind: 'num', value: 'GiB', help: 'total VRAM per GPU', default: "the GPU's" },
  {
    names: ['--free-vram'],
    key: 'freeVram',
    kind: 'num',
    value: 'GiB',
    help: 'free VRAM per GPU before loading',
    default: 'measured, or total minus 600 MiB for a desktop',
  },
  {
    names: ['--gpu-bandwidth'],
    key: 'gpuBandwidth',
    kind: 'num',
    value: 'GBps',
    help: 'GPU memory bandwidth, GB/s',
    default: 'from the GPU database',
  },
  { names: ['--ram'], key: 'ram', kind: 'num', value: 'GiB', help: 'system RAM', default: "the machine's" },
  {
    names: ['--ram-bandwidth'],
    key: 'ramBandwidth',
    kind: 'num',
    value: 'GBps',
    help: 'RAM read bandwidth, GB/s',
    default: 'from the memory layout',
  },
  { names: ['--cpu-threads'], key: 'cpuThreads', kind: 'int', value: 'N', help: 'threads llama.cpp uses', default: 'physical cores' },
  {
    names: ['--rpc'],
    key: 'rpc',
    kind: 'str',
    value: 'HOST:PORT,…',
    help: 'llama.cpp RPC servers; they come first in the device order, before the local GPUs',
    default: 'none',
  },
  {
    names: ['--rpc-gpu'],
    key: 'rpcGpu',
    kind: 'str',
    value: 'NAME',
    help: 'the GPU each RPC server runs on (from the GPU database)',
    default: 'required with --rpc',
  },
  {
    names: ['--rpc-bandwidth'],
    key: 'rpcBandwidth',
    kind: 'num',
    value: 'Gbps',
    help: 'network between this machine and the RPC servers, Gbit/s (adds the activations crossing it to each token)',
    default: 'no network time added',
  },
];

const IO_FLAGS: FlagSpec[] = [
  {
    names: ['--prompt'],
    key: 'prompt',
    kind: 'int',
    value: 'N',
    help: 'prompt tokens timed for prefill and time to first token (llama-bench -p)',
    default: '512',
  },
  { names: ['--gen'], key: 'gen', kind: 'int', value: 'N', help: 'tokens generated (llama-bench -n)', default: '128' },
  {
    names: ['--depth'],
    key: 'depth',
    kind: 'int',
    value: 'N',
    help: 'tokens already in the context when timing (llama-bench -d)',
    default: '0',
  },
];

const JSON_FLAG: FlagSpec = { names: ['--json'], key: 'json', kind: 'bool', help: 'machine-readable output (fields are only ever added)' };
const HELP_FLAG: FlagSpec = { names: ['--help', '-h'], key: 'help', kind: 'bool', help: 'this help' };

const CALIBRATE_FLAGS: FlagSpec[] = [
  {
    names: ['--from'],
    key: 'from',
    kind: 'list',
    value: 'FILE…',
    help: 'measurement files (llama-bench output, llama-server logs, Ollama output)',
    default: 'required',
  },
  {
    names: ['--models'],
    key: 'models',
    kind: 'list',
    value: 'DIR…',
    help: 'folders with the GGUF files the runs used',
    default: "the measurement file's folder, then the catalog by name",
  },
  HARDWARE_SELECT[0],
  {
    names: ['--gpu'],
    key: 'gpu',
    kind: 'str',
    value: 'NAME',
    help: "the GPU the runs used, when it is not this machine's",
    default: "the machine's",
  },
];

export const COMMAND_FLAGS: Record<'estimate' | 'recommend' | 'compare' | 'calibrate' | 'hardware' | 'list', FlagSpec[]> = {
  calibrate: [...CALIBRATE_FLAGS, JSON_FLAG, HELP_FLAG],
  compare: [
    ...MODEL_FLAGS,
    ...RUN_FLAGS,
    {
      names: ['--presets'],
      key: 'presets',
      kind: 'str',
      value: 'A,B,…',
      help: 'hardware presets to compare (see model-fit presets)',
      default: "the article's rigs: rtx3060-ddr4,ddr5-cpu,optane-768",
    },
    ...IO_FLAGS,
    JSON_FLAG,
    HELP_FLAG,
  ],
  estimate: [...MODEL_FLAGS, ...RUN_FLAGS, ...HARDWARE_SELECT, ...IO_FLAGS, JSON_FLAG, HELP_FLAG],
  recommend: [
    ...HARDWARE_SELECT,
    {
      names: ['--use'],
      key: 'use',
      kind: 'str',
      value: 'chat|code|vision|long-context',
      help: 'what the model is for: sets the default context and which models qualify',
      default: 'chat',
    },
    { names: ['--min-tps'], key: 'minTps', kind: 'num', value: 'N', help: 'slowest decode speed worth listing, tokens/s', default: '10' },
    {
      names: ['--ctx', '-c'],
      key: 'ctx',
      kind: 'int',
      value: 'N',
      help: 'context to size for',
      default: 'chat/vision 8192, code 32768, long-context 65536',
    },
    { names: ['--limit'], key: 'limit', kind: 'int', value: 'N', help: 'rows shown in the text output (--json has all)', default: '15' },
    {
      names: ['--models-dir'],
      key: 'modelsDir',
      kind: 'str',
      value: 'DIR',
      help: "folder whose GGUF files (and subfolders') count as local models",
      default: 'the current folder',
    },
    { names: ['--no-local'], key: 'noLocal', kind: 'bool', help: 'leave out the Ollama store and local GGUF files (catalog only)' },
    JSON_FLAG,
    HELP_FLAG,
  ],
  hardware: [
    JSON_FLAG,
    { names: ['--refresh'], key: 'refresh', kind: 'bool', help: 'detect again instead of using the cached result' },
    HELP_FLAG,
  ],
  list: [JSON_FLAG, HELP_FLAG],
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
    case 'split': {
      const parts = raw.split(/[,/]/).map((p) => p.trim());
      if (parts.length > 16 || parts.some((p) => !/^\d+(\.\d+)?$/.test(p)) || parts.every((p) => Number(p) === 0))
        throw bad('proportions like 3,1');
      return parts.map(Number);
    }
    case 'splitMode': {
      const v = raw.toLowerCase();
      if (v !== 'layer' && v !== 'row' && v !== 'none') throw bad('layer, row or none');
      return v;
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

/** Parse one command's arguments; flags accept `--flag value` and `--flag=value`. */
export function parseArgs(command: keyof typeof COMMAND_FLAGS, argv: string[], allowFile: boolean): EstimateArgs {
  const byName = new Map<string, FlagSpec>();
  for (const f of COMMAND_FLAGS[command]) for (const n of f.names) byName.set(n, f);
  const args: EstimateArgs = { hardware: 'this', json: false };
  const out = args as unknown as Record<string, unknown>;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (!token.startsWith('-') || token === '-') {
      if (!allowFile)
        throw new ModelFitError(`unexpected argument "${token}" (see model-fit ${command === 'list' ? '' : `${command} `}--help)`);
      if (args.file !== undefined) throw new ModelFitError(`unexpected argument "${token}" (only one FILE may be given)`);
      args.file = token;
      continue;
    }
    const eq = token.indexOf('=');
    const name = eq > 0 ? token.slice(0, eq) : token;
    const spec = byName.get(name);
    if (!spec) throw new ModelFitError(`unknown option ${name} (see model-fit ${command === 'list' ? '' : `${command} `}--help)`);
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
    if (raw === undefined || (spec.kind === 'list' && raw.startsWith('-'))) throw new ModelFitError(`${name} needs a value`);
    if (spec.kind === 'list') {
      const values = [raw];
      while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('-')) values.push(argv[++i]);
      out[spec.key] = [...((out[spec.key] as string[] | undefined) ?? []), ...values];
      continue;
    }
    out[spec.key] = convert(name, spec.kind, raw);
  }
  return args;
}

/** The flags section of a command's --help: every flag with its meaning and default. */
export function flagHelp(command: keyof typeof COMMAND_FLAGS): string {
  const rows = COMMAND_FLAGS[command].map((f) => ({ left: `  ${f.names.join(', ')}${f.value ? ` ${f.value}` : ''}`, f }));
  const width = Math.min(36, Math.max(...rows.map((r) => r.left.length)) + 2);
  return rows
    .map(({ left, f }) => {
      const text = `${f.help}${f.default ? ` (default: ${f.default})` : ''}`;
      return left.length >= width ? `${left}\n${' '.repeat(width)}${text}` : `${left.padEnd(width)}${text}`;
    })
    .join('\n');
}
