// llama-server / llama-cli logs (llama.cpp's loader, context and perf printers) and Ollama's server log
// (slog text lines, with the llama.cpp runner's lines passed through), read line by line so that
// truncated captures and lines interleaved from several slots or processes still yield what is whole.
import { MiB } from '../units';
import type { BreakdownRow, LoadReport, MeasureDiagnostic, MeasureTool, SpeedRun } from './types';
import { MAX_MEASURE_RECORDS } from './types';
import { flashAttnValue, parseParams, parseSize, quantFromFtypeName } from './text';

const LOADED_FROM = /loaded meta data with \d+ key-value pairs and \d+ tensors from (.+?) \(version/;
const FILE_TYPE = /(?:print_info|llm_load_print_meta): (?:file type|model ftype)\s*=\s*(.+?)\s*$/;
const FILE_SIZE = /(?:print_info|llm_load_print_meta): (?:file size|model size)\s*=\s*(\d+(?:\.\d+)?\s*[KMGT]i?B)/;
const MODEL_PARAMS = /(?:print_info|llm_load_print_meta): model params\s*=\s*(\d+(?:\.\d+)?\s*[KMBT])\b/;
const ARCH = /(?:print_info|llm_load_print_meta): arch\s*=\s*(\S+)\s*$/;
const GENERAL_NAME = /(?:print_info|llm_load_print_meta): general\.name\s*=\s*(.+?)\s*$/;
const OFFLOADED = /offloaded (\d+)\/(\d+) layers to GPU/;
const BUFFER = /(?:^|[\s:])([A-Za-z][\w-]*) +(model|KV|compute|output|RS|LoRA) buffer size =\s*(\d+(?:\.\d+)?) MiB/;
const N_CTX = /llama_(?:new_context_with_model|context): n_ctx\s*=\s*(\d+)/;
const FLASH = /llama_(?:new_context_with_model|context): flash_attn\s*=\s*(\S+)/;
const KV_TYPES = /K \((\w+)\):.*V \((\w+)\):/;
const TIMING =
  /(prompt eval|eval) time =\s*(\d+(?:\.\d+)?) ms \/\s*(\d+) (?:tokens|runs)\s*\(\s*\d+(?:\.\d+)? ms per token,\s*(\d+(?:\.\d+)?) tokens per second\)/;
const BREAKDOWN_GPU =
  /\|\s*-\s*([^|]*?)\s*\|\s*(\d+)\s*=\s*(\d+)\s*\+\s*\(\s*(\d+)\s*=\s*(\d+)\s*\+\s*(\d+)\s*\+\s*(\d+)\s*\)\s*\+\s*(-?\d+)\s*\|/;
const BREAKDOWN_HOST = /\|\s*-\s*([^|]*?)\s*\|\s*(\d+)\s*=\s*(\d+)\s*\+\s*(\d+)\s*\+\s*(\d+)\s*\|/;
// Ollama (slog text): msg="offload to cuda" layers.model=33 layers.offload=33 …; msg="model weights" device=CUDA0 size="4.3 GiB"
const SLOG = /\blevel=\w+ source=\S+ msg=/;
const OLLAMA_OFFLOAD = /msg="?offload[^"]*"? .*?\blayers\.model=(\d+) layers\.offload=(\d+)/;
const OLLAMA_PLAN = /msg="(model weights|kv cache|compute graph)" device=(\S+) size="([^"]+)"/;
const OLLAMA_CTX = /msg="?starting llama server"?.*?--ctx-size (\d+)|\bKvSize:(\d+)/;
// `ollama run --verbose` summary (api.Metrics.Summary)
const OLLAMA_RATE = /^(prompt eval|eval) rate:\s+(\d+(?:\.\d+)?) tokens\/s\s*$/;
// journald / syslog prefix: "Sep 28 14:20:01 host llama-server[4101]: " — one load per process.
const JOURNAL = /^[A-Z][a-z]{2}\s+\d{1,2} \d\d:\d\d:\d\d \S+ [^\s[]+\[(\d+)\]: ?/;
const VOCAB_ONLY = /vocab only - skipping tensors/;
const OLLAMA_COUNT = /^(prompt eval|eval) count:\s+(\d+) token\(s\)\s*$/;

export function readLlamaLog(lines: string[], runs: SpeedRun[], loads: LoadReport[], diagnostics: MeasureDiagnostic[]): boolean {
  const currentBy = new Map<string, LoadReport>();
  const lastPromptBy = new Map<string, number>();
  let found = false;
  const ollama = lines.some((l) => SLOG.test(l));
  const tool = (line: string): MeasureTool =>
    ollama ? 'ollama' : line.includes('llama_perf_context_print') ? 'llama-cli' : 'llama-server';
  const fresh = (line: number, model: LoadReport['model'] = {}): LoadReport => ({
    tool: ollama ? 'ollama' : 'llama-server',
    model,
    buffers: [],
    breakdown: [],
    line,
  });
  let pendingCount: Record<string, number> = {};

  for (let i = 0; i < lines.length && loads.length < MAX_MEASURE_RECORDS && runs.length < MAX_MEASURE_RECORDS; i++) {
    const n = i + 1;
    const j = JOURNAL.exec(lines[i]);
    const key = j ? j[1] : '';
    const line = j ? lines[i].slice(j[0].length) : lines[i];
    let current = currentBy.get(key);
    const load = (): LoadReport => {
      if (!current) {
        current = fresh(n);
        currentBy.set(key, current);
        loads.push(current);
      }
      return current;
    };
    const start = (r: LoadReport) => {
      current = r;
      currentBy.set(key, r);
      loads.push(r);
      found = true;
    };
    let m: RegExpExecArray | null;
    let row: BreakdownRow | undefined;
    let meta: 'found' | 'seen' | undefined;
    if ((m = LOADED_FROM.exec(line))) {
      // Ollama's plan line opens the load; the runner's loader line then names the file.
      if (current && current.tool === 'ollama' && !current.model.file && !current.buffers.length) current.model.file = m[1].trim();
      else start(fresh(n, { file: m[1].trim() }));
      found = true;
    } else if (VOCAB_ONLY.test(line) && current) {
      // A tokenizer-only load (Ollama does one per request): no weights, not a measurement.
      loads.splice(loads.lastIndexOf(current), 1);
      currentBy.delete(key);
    } else if ((meta = loaderLine(line, load))) {
      if (meta === 'found') found = true;
    } else if ((m = TIMING.exec(line))) {
      const tokens = Number(m[3]);
      const tps = Number(m[4]);
      const prefill = m[1] === 'prompt eval';
      found = true;
      if (current && line.includes('llama_perf_context_print')) current.tool = 'llama-cli';
      if (tokens > 0 && tps > 0) runs.push(phaseRun(tool(line), prefill, tps, tokens, lastPromptBy.get(key) ?? 0, current, n));
      lastPromptBy.set(key, prefill ? tokens : 0);
    } else if (line.includes('|') && (row = breakdownRow(line))) {
      load().breakdown.push(row);
      found = true;
    } else if ((m = OLLAMA_OFFLOAD.exec(line))) {
      start({ ...fresh(n), tool: 'ollama', gpuLayers: Number(m[2]), totalLayers: Number(m[1]) });
    } else if ((m = OLLAMA_PLAN.exec(line))) {
      const bytes = parseSize(m[3]);
      const kind = ({ 'model weights': 'weights', 'kv cache': 'kv', 'compute graph': 'graph' } as const)[m[1] as 'kv cache'];
      if (bytes !== undefined) (load().ollamaPlan ??= []).push({ device: m[2], kind, bytes });
      found = true;
    } else if ((m = OLLAMA_CTX.exec(line))) {
      load().ctx = Number(m[1] ?? m[2]);
    } else if ((m = OLLAMA_COUNT.exec(line.trim()))) {
      pendingCount[m[1]] = Number(m[2]);
    } else if ((m = OLLAMA_RATE.exec(line.trim()))) {
      const prefill = m[1] === 'prompt eval';
      runs.push(phaseRun('ollama', prefill, Number(m[2]), pendingCount[m[1]] ?? 0, pendingCount['prompt eval'] ?? 0, current, n));
      if (!prefill) pendingCount = {};
      found = true;
    }
  }
  if (found && !runs.length && !loads.some((l) => l.gpuLayers !== undefined || l.buffers.length)) {
    diagnostics.push({
      severity: 'info',
      code: 'measure.log-empty',
      message: 'the log has no timings and no load summary (cut before the model loaded?)',
      line: 0,
    });
  }
  return found;
}

/**
 * The loader's and context's summary lines (file type and size, parameters, offload, buffers, context, flash
 * attention, KV types) into the current load: 'found' for the ones that make this a llama.cpp log, 'seen' for the rest.
 */
function loaderLine(line: string, load: () => LoadReport): 'found' | 'seen' | undefined {
  let m: RegExpExecArray | null;
  if ((m = FILE_TYPE.exec(line))) {
    const r = load();
    r.model.desc = m[1];
    r.model.quant = quantFromFtypeName(m[1]);
    return 'found';
  }
  if ((m = FILE_SIZE.exec(line))) load().model.sizeBytes = parseSize(m[1]);
  else if ((m = MODEL_PARAMS.exec(line))) load().model.nParams = parseParams(m[1]);
  else if ((m = ARCH.exec(line))) load().model.arch = m[1];
  else if ((m = GENERAL_NAME.exec(line))) load().model.name = m[1];
  else if ((m = OFFLOADED.exec(line))) {
    const r = load();
    r.gpuLayers = Number(m[1]);
    r.totalLayers = Number(m[2]);
    return 'found';
  } else if ((m = BUFFER.exec(line))) {
    const kind = ({ model: 'model', KV: 'kv', compute: 'compute', output: 'output' } as const)[m[2] as 'model'] ?? 'other';
    load().buffers.push({ device: m[1], kind, bytes: Number(m[3]) * MiB });
    return 'found';
  } else if ((m = N_CTX.exec(line))) load().ctx = Number(m[1]);
  else if ((m = FLASH.exec(line))) {
    const fa = flashAttnValue(m[1]);
    if (fa) load().flashAttn = fa;
  } else if (/K \(\w+\):/.test(line) && (m = KV_TYPES.exec(line))) {
    const r = load();
    r.cacheTypeK = m[1];
    r.cacheTypeV = m[2];
  } else return undefined;
  return 'seen';
}

/** A prefill run times `tokens` of prompt; a decode run generates `tokens` after `promptBefore` tokens of prompt. */
function phaseRun(
  tool: MeasureTool,
  prefill: boolean,
  tps: number,
  tokens: number,
  promptBefore: number,
  current: LoadReport | undefined,
  line: number,
): SpeedRun {
  return logRun(
    tool,
    prefill ? 'prefill' : 'decode',
    tps,
    prefill ? tokens : 0,
    prefill ? 0 : tokens,
    prefill ? 0 : promptBefore,
    current,
    line,
  );
}

/** A row of llama_memory_breakdown_print's table: a GPU row (total = free + (self = model + context + compute) + unaccounted) or a host row. */
function breakdownRow(line: string): BreakdownRow | undefined {
  let m = BREAKDOWN_GPU.exec(line);
  if (m) {
    return {
      device: m[1],
      totalBytes: Number(m[2]) * MiB,
      freeBytes: Number(m[3]) * MiB,
      selfBytes: Number(m[4]) * MiB,
      modelBytes: Number(m[5]) * MiB,
      contextBytes: Number(m[6]) * MiB,
      computeBytes: Number(m[7]) * MiB,
      unaccountedBytes: Number(m[8]) * MiB,
    };
  }
  if (line.includes('memory breakdown') || !(m = BREAKDOWN_HOST.exec(line))) return undefined;
  return {
    device: m[1],
    selfBytes: Number(m[2]) * MiB,
    modelBytes: Number(m[3]) * MiB,
    contextBytes: Number(m[4]) * MiB,
    computeBytes: Number(m[5]) * MiB,
  };
}

function logRun(
  tool: MeasureTool,
  kind: 'decode' | 'prefill',
  tps: number,
  nPrompt: number,
  nGen: number,
  depth: number,
  load: LoadReport | undefined,
  line: number,
): SpeedRun {
  return {
    tool,
    kind,
    tps,
    reps: 1,
    nPrompt,
    nGen,
    depth,
    model: { ...(load?.model ?? {}) },
    settings: {
      ngl: load?.gpuLayers,
      ctx: load?.ctx,
      flashAttn: load?.flashAttn,
      cacheTypeK: load?.cacheTypeK,
      cacheTypeV: load?.cacheTypeV,
    },
    line,
  };
}
