// llama-server / llama-cli options → RunSettings, from command-line words, LLAMA_ARG_* variables or preset keys.
// Names, env variables and defaults: ggml-org/llama.cpp common/arg.cpp (tools/server/README.md).
import { KV_CACHE_TYPES } from '../gguf/ggmlTypes';
import type { ConfigDiagnostic, RunSettings, SettingKey, SourceRange } from '../types';
import type { Word } from './shellWords';
import { diag, MAX_DIAGNOSTICS_PER_CONFIG, oneLine, parseFloatStrict, parseIntStrict } from './text';
import { quantInFileName } from '../quantNames';

export type LlamaOptKey =
  | 'model'
  | 'hfRepo'
  | 'hfFile'
  | 'ctx'
  | 'ngl'
  | 'flashAttn'
  | 'cacheTypeK'
  | 'cacheTypeV'
  | 'batch'
  | 'ubatch'
  | 'parallel'
  | 'threads'
  | 'tensorSplit'
  | 'splitMode'
  | 'mainGpu'
  | 'nCpuMoe'
  | 'cpuMoe'
  | 'overrideTensor'
  | 'kvOffload'
  | 'mmproj'
  | 'lora'
  | 'loraScaled'
  | 'modelsPreset'
  | 'mmprojOffload'
  | 'modelDraft'
  | 'gpuLayersDraft'
  | 'ctxDraft';

export interface OptSpec {
  key: LlamaOptKey;
  names: string[];
  /** Names of the negative form of a boolean flag (e.g. --no-kv-offload). */
  negNames?: string[];
  env: string[];
  /** 'flag' takes no value; 'optional' (only -fa) takes one when the next word is not another option. */
  kind: 'value' | 'flag' | 'optional';
}

const SPECS: OptSpec[] = [
  { key: 'model', names: ['-m', '--model'], env: ['LLAMA_ARG_MODEL'], kind: 'value' },
  { key: 'hfRepo', names: ['-hf', '-hfr', '--hf-repo'], env: ['LLAMA_ARG_HF_REPO'], kind: 'value' },
  { key: 'hfFile', names: ['-hff', '--hf-file'], env: ['LLAMA_ARG_HF_FILE'], kind: 'value' },
  { key: 'ctx', names: ['-c', '--ctx-size'], env: ['LLAMA_ARG_CTX_SIZE'], kind: 'value' },
  { key: 'ngl', names: ['-ngl', '--gpu-layers', '--n-gpu-layers'], env: ['LLAMA_ARG_N_GPU_LAYERS'], kind: 'value' },
  { key: 'flashAttn', names: ['-fa', '--flash-attn'], env: ['LLAMA_ARG_FLASH_ATTN'], kind: 'optional' },
  { key: 'cacheTypeK', names: ['-ctk', '--cache-type-k'], env: ['LLAMA_ARG_CACHE_TYPE_K'], kind: 'value' },
  { key: 'cacheTypeV', names: ['-ctv', '--cache-type-v'], env: ['LLAMA_ARG_CACHE_TYPE_V'], kind: 'value' },
  { key: 'batch', names: ['-b', '--batch-size'], env: ['LLAMA_ARG_BATCH'], kind: 'value' },
  { key: 'ubatch', names: ['-ub', '--ubatch-size'], env: ['LLAMA_ARG_UBATCH'], kind: 'value' },
  { key: 'parallel', names: ['-np', '--parallel'], env: ['LLAMA_ARG_N_PARALLEL'], kind: 'value' },
  { key: 'threads', names: ['-t', '--threads'], env: ['LLAMA_ARG_THREADS'], kind: 'value' },
  { key: 'tensorSplit', names: ['-ts', '--tensor-split'], env: ['LLAMA_ARG_TENSOR_SPLIT'], kind: 'value' },
  { key: 'splitMode', names: ['-sm', '--split-mode'], env: ['LLAMA_ARG_SPLIT_MODE'], kind: 'value' },
  { key: 'mainGpu', names: ['-mg', '--main-gpu'], env: ['LLAMA_ARG_MAIN_GPU'], kind: 'value' },
  { key: 'nCpuMoe', names: ['-ncmoe', '--n-cpu-moe'], env: ['LLAMA_ARG_N_CPU_MOE'], kind: 'value' },
  { key: 'cpuMoe', names: ['-cmoe', '--cpu-moe'], env: ['LLAMA_ARG_CPU_MOE'], kind: 'flag' },
  { key: 'overrideTensor', names: ['-ot', '--override-tensor'], env: ['LLAMA_ARG_OVERRIDE_TENSOR'], kind: 'value' },
  {
    key: 'kvOffload',
    names: ['-kvo', '--kv-offload'],
    negNames: ['-nkvo', '--no-kv-offload'],
    env: ['LLAMA_ARG_KV_OFFLOAD'],
    kind: 'flag',
  },
  { key: 'mmproj', names: ['-mm', '--mmproj'], env: ['LLAMA_ARG_MMPROJ'], kind: 'value' },
  { key: 'lora', names: ['--lora'], env: [], kind: 'value' },
  { key: 'loraScaled', names: ['--lora-scaled'], env: [], kind: 'value' },
  { key: 'modelsPreset', names: ['--models-preset'], env: ['LLAMA_ARG_MODELS_PRESET'], kind: 'value' },
  { key: 'mmprojOffload', names: ['--mmproj-offload'], negNames: ['--no-mmproj-offload'], env: ['LLAMA_ARG_MMPROJ_OFFLOAD'], kind: 'flag' },
  { key: 'modelDraft', names: ['-md', '--model-draft', '--spec-draft-model'], env: ['LLAMA_ARG_MODEL_DRAFT'], kind: 'value' },
  {
    key: 'gpuLayersDraft',
    names: ['-ngld', '--gpu-layers-draft', '--n-gpu-layers-draft', '--spec-draft-ngl'],
    env: ['LLAMA_ARG_N_GPU_LAYERS_DRAFT'],
    kind: 'value',
  },
  { key: 'ctxDraft', names: ['-cd', '--ctx-size-draft', '--spec-draft-ctx-size'], env: ['LLAMA_ARG_SPEC_DRAFT_CTX_SIZE'], kind: 'value' },
];

const BY_NAME = new Map<string, { spec: OptSpec; negative: boolean }>();
const BY_ENV = new Map<string, OptSpec>();
for (const s of SPECS) {
  for (const n of s.names) BY_NAME.set(n, { spec: s, negative: false });
  for (const n of s.negNames ?? []) BY_NAME.set(n, { spec: s, negative: true });
  for (const e of s.env) BY_ENV.set(e, s);
}
// The deprecated env name of --no-kv-offload.
BY_ENV.set('LLAMA_ARG_NO_KV_OFFLOAD', { ...SPECS.find((s) => s.key === 'kvOffload')!, key: 'kvOffload' });

/** Every option the readers understand (completion, hover and lint read the same list). */
export const LLAMA_OPTIONS: readonly OptSpec[] = SPECS;

/** The option a command-line name (`-c`, `--ctx-size`) stands for. */
export function lookupOption(name: string): { spec: OptSpec; negative: boolean } | undefined {
  return BY_NAME.get(name);
}

/** The option an LLAMA_ARG_* variable stands for; `negative` for the deprecated LLAMA_ARG_NO_KV_OFFLOAD. */
export function lookupEnv(name: string): { spec: OptSpec; negative: boolean } | undefined {
  const spec = BY_ENV.get(name);
  return spec ? { spec, negative: name === 'LLAMA_ARG_NO_KV_OFFLOAD' } : undefined;
}

/** A preset-INI key: long name without dashes, short name without its dash, or an LLAMA_ARG_* name. */
export function lookupPresetKey(key: string): { spec: OptSpec; negative: boolean } | undefined {
  if (/^LLAMA_ARG_/.test(key)) return lookupEnv(key);
  return BY_NAME.get(`--${key}`) ?? BY_NAME.get(`-${key}`);
}

/** What one llama.cpp invocation says, accumulated option by option. */
export class LlamaArgState {
  settings: RunSettings = {};
  ranges: Partial<Record<SettingKey, SourceRange>> = {};
  diagnostics: ConfigDiagnostic[] = [];
  modelPath?: string;
  hfRepo?: string;
  hfFile?: string;
  modelRange?: SourceRange;
  modelsPreset?: { path: string; range: SourceRange };
  /** Set when `-c 0` asks for the model's trained context. */
  ctxZero = false;
  notes: string[] = [];

  /** A copy to apply more options to: shared env / `[*]` settings are applied once, not once per command. */
  clone(): LlamaArgState {
    const c = Object.assign(Object.create(LlamaArgState.prototype), this) as Record<string, unknown>;
    for (const k in c) {
      const v = c[k];
      if (Array.isArray(v)) c[k] = v.slice();
      else if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
        const o: Record<string, unknown> = { ...v };
        for (const kk in o) if (Array.isArray(o[kk])) o[kk] = (o[kk] as unknown[]).slice();
        c[k] = o;
      }
    }
    c.diagnostics = [];
    return c as unknown as LlamaArgState;
  }

  /** Keep a diagnostic, up to MAX_DIAGNOSTICS_PER_CONFIG (150,000 bad options must not mean 150,000 messages). */
  report(d: ConfigDiagnostic): void {
    if (this.diagnostics.length < MAX_DIAGNOSTICS_PER_CONFIG) this.diagnostics.push(d);
    else if (this.diagnostics.length === MAX_DIAGNOSTICS_PER_CONFIG) {
      this.diagnostics.push(
        diag(
          'error',
          'llama-args.too-many-errors',
          `More than ${MAX_DIAGNOSTICS_PER_CONFIG} errors in these options; the rest are not shown`,
          d.range,
        ),
      );
    }
  }

  /**
   * Apply one option. `value` undefined = bare flag. `range` = where the value (or the bare flag) is written.
   * `negative` = the "no-" form of a boolean flag.
   */
  apply(spec: OptSpec, value: string | undefined, range: SourceRange, shownName: string, negative = false): void {
    APPLY_OPTION[spec.key](new OptionValue(this, spec, value, range, shownName, negative));
  }

  /** The model reference: a path, or hf.co/<user>/<model>[:quant] for -hf (quant from -hff when given). */
  modelRef(): string | undefined {
    if (this.modelPath) return this.modelPath;
    if (!this.hfRepo) return undefined;
    let repo = this.hfRepo;
    const fileQuant = this.hfFile ? quantInFileName(this.hfFile) : undefined;
    if (fileQuant) repo = `${repo.replace(/:[^:]*$/, '')}:${fileQuant}`;
    return `hf.co/${repo}`;
  }

  /** llama-server's defaults for what was left out, in words. */
  defaults(): string[] {
    const s = this.settings;
    const out: string[] = [];
    if (s.ctx === undefined)
      out.push(this.ctxZero ? 'ctx: model default (-c 0 = the trained context)' : 'ctx: model default (the trained context; -c not set)');
    if (s.ngl === undefined) out.push('-ngl: auto (llama-server fits layers to free VRAM)');
    if (s.flashAttn === undefined) out.push('flash attention: auto');
    if (s.cacheTypeK === undefined && s.cacheTypeV === undefined) out.push('KV cache type: f16');
    else if (s.cacheTypeK === undefined) out.push('K cache type: f16');
    else if (s.cacheTypeV === undefined) out.push('V cache type: f16');
    if (s.batch === undefined) out.push('batch: 2048');
    if (s.ubatch === undefined) out.push('ubatch: 512');
    if (s.parallel === undefined) out.push('parallel: auto (4 slots sharing one unified KV cache of ctx cells)');
    return [...out, ...this.notes];
  }
}

/** Boolean option value: bare flag = true (false for its negative form); env/INI values true/false/1/0/on/off. */
function flagValue(v: string | undefined, negative: boolean): boolean | undefined {
  let on: boolean | undefined;
  if (v === undefined) on = true;
  else {
    const t = v.trim().toLowerCase();
    if (['1', 'true', 'on', 'enabled', 'yes'].includes(t)) on = true;
    else if (['0', 'false', 'off', 'disabled', 'no'].includes(t)) on = false;
  }
  return on === undefined ? undefined : negative ? !on : on;
}

/**
 * Apply the options in `words` (the words after the program name). `spanOf(word, from)` gives the range of
 * the word's characters from index `from` on. Unknown options and positional words are ignored.
 */
export function applyArgWords(state: LlamaArgState, words: Word[], spanOf: (w: Word, from: number) => SourceRange): void {
  const valueRange = (w: Word, from = 0): SourceRange => spanOf(w, from);
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (!w.text.startsWith('-')) continue;
    const eq = w.text.indexOf('=');
    const name = eq > 0 && w.text.startsWith('--') ? w.text.slice(0, eq) : w.text;
    const hit = lookupOption(name);
    if (!hit) continue;
    const { spec, negative } = hit;
    if (eq > 0 && name !== w.text) {
      state.apply(spec, w.text.slice(eq + 1), valueRange(w, eq + 1), name, negative);
      continue;
    }
    if (spec.kind === 'flag') {
      state.apply(spec, undefined, valueRange(w), name, negative);
      continue;
    }
    const next = words[k + 1];
    if (spec.kind === 'optional') {
      const t = next?.text.toLowerCase();
      if (!next || (t !== undefined && !['on', 'off', 'auto', 'enabled', 'disabled', '1', '0', 'true', 'false', '-1'].includes(t))) {
        state.apply(spec, undefined, valueRange(w), name);
        continue;
      }
    }
    if (!next) {
      state.report(diag('error', 'llama-args.missing-value', `${oneLine(name)} needs a value`, valueRange(w)));
      continue;
    }
    state.apply(spec, next.text, valueRange(next), name, negative);
    k++;
  }
}

/** Apply an LLAMA_ARG_* variable. Returns false when the name is not one this reader models. */
export function applyEnvVar(state: LlamaArgState, name: string, value: string, range: SourceRange): boolean {
  const hit = lookupEnv(name);
  if (!hit) return false;
  state.apply(hit.spec, value, range, name, hit.negative);
  return true;
}

/** One option as written, with the helpers every option's reader shares. */
class OptionValue {
  /** The value, trimmed; undefined for a bare flag. */
  readonly v: string | undefined;
  constructor(
    readonly state: LlamaArgState,
    readonly spec: OptSpec,
    value: string | undefined,
    readonly range: SourceRange,
    readonly shownName: string,
    readonly negative: boolean,
  ) {
    this.v = value?.trim();
  }

  bad(why: string): void {
    if (this.state.diagnostics.length > MAX_DIAGNOSTICS_PER_CONFIG) return;
    this.state.report(diag('error', 'llama-args.bad-value', `${oneLine(this.shownName)}: ${why}`, this.range));
  }

  /** The value as a whole number, or undefined after reporting why not. */
  int(): number | undefined {
    const n = this.v === undefined ? undefined : parseIntStrict(this.v);
    if (n === undefined) this.bad(`expected a whole number, got "${(this.v ?? '').slice(0, 40)}"`);
    return n;
  }

  set<K extends keyof RunSettings>(k: K, val: RunSettings[K]): void {
    this.state.settings[k] = val;
    this.state.ranges[k] = this.range;
  }

  /** A boolean flag's value (`--x`, `--no-x`, `--x=false`), or undefined after reporting why not. */
  flag(shownValue = oneLine(this.v ?? '', 40)): boolean | undefined {
    const on = flagValue(this.v, this.negative);
    if (on === undefined) this.bad(`expected true or false, got "${shownValue}"`);
    return on;
  }
}

function applyModelPath(o: OptionValue): void {
  if (!o.v) return o.bad('expected a file path');
  o.state.modelPath = o.v;
  o.state.modelRange = o.range;
  o.state.ranges.model = o.range;
}

function applyHfRepo(o: OptionValue): void {
  const v = o.v;
  if (!v || !/^[\w.-]+\/[\w.-]+(:[\w.-]+)?$/.test(v)) return o.bad(`expected <user>/<model>[:quant], got "${(v ?? '').slice(0, 60)}"`);
  o.state.hfRepo = v;
  o.state.modelRange = o.range;
  o.state.ranges.model = o.range;
}

function applyHfFile(o: OptionValue): void {
  if (!o.v) return o.bad('expected a file name');
  o.state.hfFile = o.v;
}

function applyContextSize(o: OptionValue): void {
  const n = o.int();
  if (n === undefined) return;
  if (n < 0) return o.bad(`context size must be ≥ 0, got ${n}`);
  const state = o.state;
  state.ranges.ctx = o.range;
  if (n === 0) {
    delete state.settings.ctx;
    state.ctxZero = true;
  } else {
    state.settings.ctx = n;
    state.ctxZero = false;
  }
}

function applyGpuLayers(o: OptionValue): void {
  const t = (o.v ?? '').toLowerCase();
  if (t === 'auto') return o.set('ngl', 'auto');
  if (t === 'all') return o.set('ngl', 999);
  const n = o.int();
  if (n === undefined) return;
  // llama.cpp: -1 = auto, ≤ -2 = all.
  o.set('ngl', n === -1 ? 'auto' : n < -1 ? 999 : n);
}

function applyFlashAttn(o: OptionValue): void {
  const v = o.v;
  if (v === undefined) return o.set('flashAttn', 'on'); // old bare flag
  const t = v.toLowerCase();
  if (['on', 'enabled', '1', 'true'].includes(t)) return o.set('flashAttn', 'on');
  if (['off', 'disabled', '0', 'false'].includes(t)) return o.set('flashAttn', 'off');
  if (['auto', '-1'].includes(t)) return o.set('flashAttn', 'auto');
  o.bad(`expected on, off or auto, got "${v.slice(0, 40)}"`);
}

function applyCacheType(o: OptionValue): void {
  const t = (o.v ?? '').toLowerCase();
  if (!(KV_CACHE_TYPES as readonly string[]).includes(t)) {
    return o.bad(`unsupported KV cache type "${(o.v ?? '').slice(0, 20)}"; allowed: ${KV_CACHE_TYPES.join(', ')}`);
  }
  o.set(o.spec.key as 'cacheTypeK' | 'cacheTypeV', t);
}

/** -b, -ub (≥ 1) and --n-cpu-moe (≥ 0). */
function applyCount(o: OptionValue): void {
  const n = o.int();
  if (n === undefined) return;
  const key = o.spec.key as 'batch' | 'ubatch' | 'nCpuMoe';
  if (n < (key === 'nCpuMoe' ? 0 : 1)) return o.bad(`must be ${key === 'nCpuMoe' ? '≥ 0' : '≥ 1'}, got ${n}`);
  o.set(key, n);
}

function applyParallel(o: OptionValue): void {
  const n = o.int();
  if (n === undefined) return;
  if (n === -1) {
    o.state.ranges.parallel = o.range;
    delete o.state.settings.parallel;
    return;
  } // auto
  if (n < 1) return o.bad(`number of slots must be ≥ 1 or -1 (auto), got ${n}`);
  o.set('parallel', n);
}

function applyThreads(o: OptionValue): void {
  const n = o.int();
  if (n === undefined) return;
  if (n === -1 || n === 0) {
    o.state.ranges.threads = o.range;
    return;
  } // llama.cpp picks
  if (n < 0) return o.bad(`threads must be ≥ 1 or -1, got ${n}`);
  o.set('threads', n);
}

function applyTensorSplit(o: OptionValue): void {
  const v = o.v;
  const nums = (v ?? '').split(/[,/]/).map((p) => parseFloatStrict(p));
  if (!v || nums.some((x) => x === undefined || x < 0)) return o.bad(`expected proportions like 3,1, got "${(v ?? '').slice(0, 40)}"`);
  o.set('tensorSplit', nums as number[]);
}

function applySplitMode(o: OptionValue): void {
  const mode = (o.v ?? '').toLowerCase();
  if (!['none', 'layer', 'row', 'tensor'].includes(mode)) {
    return o.bad(`expected none, layer, row or tensor, got "${(o.v ?? '').slice(0, 20)}"`);
  }
  o.set('splitMode', mode as RunSettings['splitMode']);
}

function applyMainGpu(o: OptionValue): void {
  const n = parseIntStrict(o.v ?? '');
  if (n === undefined || n < 0) return o.bad(`expected a GPU index ≥ 0, got "${(o.v ?? '').slice(0, 20)}"`);
  o.set('mainGpu', n);
}

function applyCpuMoe(o: OptionValue): void {
  const on = o.flag();
  if (on !== undefined) o.set('cpuMoe', on);
}

function applyKvOffload(o: OptionValue): void {
  const on = o.flag();
  if (on !== undefined) o.set('noKvOffload', !on);
}

function applyMmprojOffload(o: OptionValue): void {
  const on = o.flag(`${o.v}`);
  if (on !== undefined) o.set('noMmprojOffload', !on);
}

/** -ot: only "experts to CPU" for every block is modelled (the same as --cpu-moe); per-block patterns get a note. */
function applyOverrideTensor(o: OptionValue): void {
  if (!o.v) return o.bad('expected <tensor name pattern>=<buffer type>');
  const notes = o.state.notes;
  for (const item of o.v.split(',')) {
    const eq = item.lastIndexOf('=');
    if (eq <= 0) return o.bad(`expected <pattern>=<buffer type>, got "${item.slice(0, 40)}"`);
    const pattern = item.slice(0, eq);
    const buft = item.slice(eq + 1).toUpperCase();
    if (!/exps/.test(pattern) || !buft.startsWith('CPU')) continue;
    if (/blk\\?\.\(|blk\\?\.\[|blk\\?\.\d/.test(pattern)) {
      const note = `-ot ${oneLine(item)}: expert offload for selected blocks is not modelled; use --n-cpu-moe for an exact estimate`;
      if (notes.length < 8 && !notes.includes(note)) notes.push(note);
      continue;
    }
    o.set('cpuMoe', true);
  }
}

function applyMmproj(o: OptionValue): void {
  if (!o.v) return o.bad('expected a file path');
  o.set('mmproj', o.v);
}

/** --lora a,b and --lora-scaled a:0.5,b:1 (the scale is dropped); at most 64 adapters kept. */
function applyLora(o: OptionValue): void {
  if (!o.v) return o.bad('expected a file path');
  const scaled = o.spec.key === 'loraScaled';
  const files = o.v
    .split(',')
    .map((f) => (scaled ? f.replace(/:[^:/\\]*$/, '') : f))
    .filter(Boolean);
  const lora = (o.state.settings.lora ??= []);
  for (const f of files) if (lora.length < 64) lora.push(f);
  o.state.ranges.lora = o.range;
}

function applyModelsPreset(o: OptionValue): void {
  if (o.v) o.state.modelsPreset = { path: o.v, range: o.range };
}

function applyDraftModel(o: OptionValue): void {
  if (!o.v) return o.bad('expected a file path');
  o.set('draftModel', o.v);
}

function applyDraftGpuLayers(o: OptionValue): void {
  if (o.v === 'auto' || o.v === 'all') return;
  const n = o.int();
  if (n === undefined) return;
  o.set('draftGpuLayers', n < 0 ? 9999 : n);
}

function applyDraftContextSize(o: OptionValue): void {
  const n = o.int();
  if (n === undefined) return;
  if (n < 0) return o.bad(`draft context must be ≥ 0, got ${n}`);
  o.set('draftCtx', n);
}

/** How each option is read into the state; a Record, so a new LlamaOptKey cannot be forgotten. */
const APPLY_OPTION: Record<LlamaOptKey, (o: OptionValue) => void> = {
  model: applyModelPath,
  hfRepo: applyHfRepo,
  hfFile: applyHfFile,
  ctx: applyContextSize,
  ngl: applyGpuLayers,
  flashAttn: applyFlashAttn,
  cacheTypeK: applyCacheType,
  cacheTypeV: applyCacheType,
  batch: applyCount,
  ubatch: applyCount,
  nCpuMoe: applyCount,
  parallel: applyParallel,
  threads: applyThreads,
  tensorSplit: applyTensorSplit,
  splitMode: applySplitMode,
  mainGpu: applyMainGpu,
  cpuMoe: applyCpuMoe,
  kvOffload: applyKvOffload,
  mmprojOffload: applyMmprojOffload,
  overrideTensor: applyOverrideTensor,
  mmproj: applyMmproj,
  lora: applyLora,
  loraScaled: applyLora,
  modelsPreset: applyModelsPreset,
  modelDraft: applyDraftModel,
  gpuLayersDraft: applyDraftGpuLayers,
  ctxDraft: applyDraftContextSize,
};
