// llama-cpp-python server config (python -m llama_cpp.server --config_file FILE.json):
// { "models": [ { "model", "n_ctx", "n_gpu_layers", … } ] } → one RunConfig per model.
// Field names and defaults: abetlen/llama-cpp-python llama_cpp/server/settings.py (ModelSettings).
import { ggmlTypeById, KV_CACHE_TYPES } from '../gguf/ggmlTypes';
import type { ConfigDiagnostic, ParseResult, RunConfig, RunSettings, SettingKey, SourceRange } from '../types';
import { jsonGet, scanJson, type JsonNode } from './jsonScanner';
import { quantInFileName } from '../quantNames';
import { diag, dirOf, LineIndex, rejectInput } from './text';

export function parseLlamaCppPython(fileName: string, text: string): ParseResult {
  const rejected = rejectInput(text, 'llama-cpp-python');
  if (rejected) return { configs: [], diagnostics: [rejected] };
  const idx = new LineIndex(text);
  const diagnostics: ConfigDiagnostic[] = [];
  const parsed = scanJson(text);
  if (parsed.error) {
    const o = parsed.error.offset;
    diagnostics.push(diag('error', 'llama-cpp-python.json-error', parsed.error.message, idx.range(o, Math.min(o + 1, text.length))));
  }
  const root = parsed.root;
  if (!root) return { configs: [], diagnostics };
  const list = jsonGet(root, 'models');
  const entries: JsonNode[] = list?.kind === 'array' ? list.items : jsonGet(root, 'model') ? [root] : [];
  if (!entries.length) {
    diagnostics.push(
      diag(
        'warning',
        'llama-cpp-python.no-models',
        'No "models" list (or top-level "model") in this config',
        idx.range(root.start, root.start + 1),
      ),
    );
  }
  const configs: RunConfig[] = [];
  entries.forEach((entry, n) => {
    const cfg = readModel(entry, n, fileName, idx, diagnostics);
    if (cfg) configs.push(cfg);
  });
  return { configs, diagnostics };
}

/** One models[] entry being read: typed field access that reports bad values, and the settings read so far. */
interface EntryReader {
  entry: JsonNode;
  settings: RunSettings;
  ranges: Partial<Record<SettingKey, SourceRange>>;
  /** Defaults llama-cpp-python applies, for the fields the entry leaves out. */
  defaults: string[];
  range(node: JsonNode): SourceRange;
  bad(node: JsonNode, key: string, want: string): void;
  int(key: string, min: number): { value: number; node: JsonNode } | undefined;
  str(key: string): { value: string; node: JsonNode } | undefined;
}

function entryReader(entry: JsonNode, idx: LineIndex, diagnostics: ConfigDiagnostic[]): EntryReader {
  const range = (node: JsonNode): SourceRange =>
    node.kind === 'string' ? idx.range(node.start + 1, node.end - 1) : idx.range(node.start, node.end);
  const bad = (node: JsonNode, key: string, want: string): void => {
    diagnostics.push(diag('error', 'llama-cpp-python.bad-value', `${key} must be ${want}`, range(node)));
  };
  return {
    entry,
    settings: {},
    ranges: {},
    defaults: [],
    range,
    bad,
    int(key, min) {
      const node = jsonGet(entry, key);
      if (!node) return undefined;
      if (node.kind !== 'number' || !Number.isInteger(node.value) || node.value < min) {
        bad(node, key, `a whole number ≥ ${min}`);
        return undefined;
      }
      return { value: node.value, node };
    },
    str(key) {
      const node = jsonGet(entry, key);
      if (!node || node.kind === 'null') return undefined;
      if (node.kind !== 'string') {
        bad(node, key, 'a string');
        return undefined;
      }
      return { value: node.value, node };
    },
  };
}

/** n_ctx, n_gpu_layers, n_batch, n_ubatch, n_threads, with llama-cpp-python's defaults where absent. */
function readSizes(r: EntryReader): void {
  const { settings, ranges, defaults } = r;
  const ctx = r.int('n_ctx', 0);
  if (ctx) {
    ranges.ctx = r.range(ctx.node);
    if (ctx.value > 0) settings.ctx = ctx.value;
    else defaults.push('ctx: model default (n_ctx 0 = the trained context)');
  } else {
    settings.ctx = 2048;
    defaults.push('n_ctx: llama-cpp-python default 2048');
  }
  const ngl = r.int('n_gpu_layers', -1);
  if (ngl) {
    settings.ngl = ngl.value === -1 ? 999 : ngl.value;
    ranges.ngl = r.range(ngl.node);
  } else {
    settings.ngl = 0;
    defaults.push('n_gpu_layers: llama-cpp-python default 0 (CPU only)');
  }
  const batch = r.int('n_batch', 1);
  settings.batch = batch?.value ?? 512;
  if (batch) ranges.batch = r.range(batch.node);
  else defaults.push('n_batch: 512');
  const ubatch = r.int('n_ubatch', 1);
  settings.ubatch = Math.min(ubatch?.value ?? 512, settings.batch);
  if (ubatch) ranges.ubatch = r.range(ubatch.node);
  else defaults.push(`n_ubatch: ${settings.ubatch}`);
  const threads = r.int('n_threads', -1);
  if (threads && threads.value > 0) {
    settings.threads = threads.value;
    ranges.threads = r.range(threads.node);
  }
}

/** flash_attn, the KV cache types (type_k / type_v are ggml type ids) and offload_kqv. */
function readAttentionAndCache(r: EntryReader): void {
  const { entry, settings, ranges, defaults } = r;
  const fa = jsonGet(entry, 'flash_attn');
  if (fa && fa.kind !== 'bool') r.bad(fa, 'flash_attn', 'true or false');
  settings.flashAttn = fa?.kind === 'bool' && fa.value ? 'on' : 'off';
  if (fa?.kind === 'bool') ranges.flashAttn = r.range(fa);
  else defaults.push('flash_attn: off (llama-cpp-python default)');
  for (const [key, target] of [
    ['type_k', 'cacheTypeK'],
    ['type_v', 'cacheTypeV'],
  ] as const) {
    const node = jsonGet(entry, key);
    if (!node || node.kind === 'null') continue;
    const name = node.kind === 'number' ? ggmlTypeById(node.value)?.name.toLowerCase() : undefined;
    if (!name || !(KV_CACHE_TYPES as readonly string[]).includes(name)) {
      r.bad(node, key, `a ggml type id of a KV cache type (1 = f16, 8 = q8_0, 2 = q4_0, …)`);
      continue;
    }
    settings[target] = name;
    ranges[target] = r.range(node);
  }
  if (settings.cacheTypeK === undefined && settings.cacheTypeV === undefined) defaults.push('KV cache type: f16');
  const kqv = jsonGet(entry, 'offload_kqv');
  if (kqv?.kind === 'bool') {
    settings.noKvOffload = !kqv.value;
    ranges.noKvOffload = r.range(kqv);
  }
}

/** tensor_split, and the side files loaded with the model (clip_model_path, lora_path). */
function readSplitAndSideFiles(r: EntryReader): void {
  const { entry, settings, ranges } = r;
  const ts = jsonGet(entry, 'tensor_split');
  if (ts?.kind === 'array') {
    const nums = ts.items.map((x) => (x.kind === 'number' ? x.value : NaN));
    if (nums.some((x) => !Number.isFinite(x) || x < 0)) r.bad(ts, 'tensor_split', 'a list of proportions');
    else {
      settings.tensorSplit = nums;
      ranges.tensorSplit = r.range(ts);
    }
  }
  const clip = r.str('clip_model_path');
  if (clip) {
    settings.mmproj = clip.value;
    ranges.mmproj = r.range(clip.node);
  }
  const lora = r.str('lora_path');
  if (lora) {
    settings.lora = [lora.value];
    ranges.lora = r.range(lora.node);
  }
}

function readModel(entry: JsonNode, n: number, fileName: string, idx: LineIndex, diagnostics: ConfigDiagnostic[]): RunConfig | undefined {
  const r = entryReader(entry, idx, diagnostics);
  if (entry.kind !== 'object') {
    diagnostics.push(diag('error', 'llama-cpp-python.bad-value', `models[${n}] must be an object`, r.range(entry)));
    return undefined;
  }
  const model = r.str('model');
  const repo = r.str('hf_model_repo_id');
  const alias = r.str('model_alias');
  if (!model) {
    diagnostics.push(
      diag('error', 'llama-cpp-python.missing-model', `models[${n}] has no "model" path`, idx.range(entry.start, entry.start + 1)),
    );
    return undefined;
  }
  let modelRef = model.value;
  if (repo) {
    // With hf_model_repo_id, "model" is a file name (or glob) inside that repository.
    const quant = quantInFileName(model.value.replace(/\*/g, ''));
    modelRef = `hf.co/${repo.value}${quant ? `:${quant}` : ''}`;
  }
  r.ranges.model = r.range(model.node);
  readSizes(r);
  readAttentionAndCache(r);
  readSplitAndSideFiles(r);
  r.settings.parallel = 1;
  r.defaults.push('parallel: 1 (llama-cpp-python serves one request at a time)');
  return {
    label: alias?.value ?? model.value,
    runtime: 'llama.cpp',
    modelRef,
    baseDir: dirOf(fileName),
    settings: r.settings,
    ranges: r.ranges,
    defaultsApplied: r.defaults,
    range: idx.lineRange(entry.start),
  };
}
