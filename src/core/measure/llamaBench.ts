// llama-bench output in each of its printers (tools/llama-bench/llama-bench.cpp): the markdown table
// (default), -o csv, -o json, -o jsonl and -o sql. Every printer but markdown writes the same fields
// (test::get_fields); markdown prints display names ("ngl", "fa", "threads") and formatted sizes.
import { MAX_MEASURE_RECORDS, type MeasureDiagnostic, type MeasureFormat, type SpeedRun } from './types';
import { finiteNumber, flashAttnValue, parseParams, parseSize, quantFromModelDesc } from './text';

type Fields = Record<string, unknown>;

/** Markdown display names → llama-bench field names. */
const MD_FIELDS: Record<string, string> = {
  ngl: 'n_gpu_layers',
  sm: 'split_mode',
  threads: 'n_threads',
  nkvo: 'no_kv_offload',
  fa: 'flash_attn',
  lm: 'load_mode',
  embd: 'embeddings',
  nopo: 'no_op_offload',
  noh: 'no_host',
  dev: 'devices',
  ts: 'tensor_split',
  ot: 'tensor_buft_overrides',
  fitt: 'fit_target',
  fitc: 'fit_min_ctx',
  backend: 'backends',
};

/** A llama-bench record (any printer) → a speed run; undefined when it lacks a test or a speed. */
export function runFromFields(f: Fields, line: number, diagnostics: MeasureDiagnostic[]): SpeedRun | undefined {
  const tps = finiteNumber(f.avg_ts);
  const nPrompt = finiteNumber(f.n_prompt) ?? 0;
  const nGen = finiteNumber(f.n_gen) ?? 0;
  if (tps === undefined || tps <= 0 || (nPrompt <= 0 && nGen <= 0)) {
    diagnostics.push({
      severity: 'warning',
      code: 'measure.bench-row',
      message: 'llama-bench row without a test or tokens/s; skipped',
      line,
    });
    return undefined;
  }
  const desc = typeof f.model_type === 'string' ? f.model_type : undefined;
  const samples = Array.isArray(f.samples_ts) ? f.samples_ts.length : undefined;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const nkvo = f.no_kv_offload;
  return {
    tool: 'llama-bench',
    kind: nPrompt > 0 && nGen > 0 ? 'mixed' : nGen > 0 ? 'decode' : 'prefill',
    tps,
    tpsStddev: finiteNumber(f.stddev_ts),
    reps: samples ?? finiteNumber(f.reps) ?? 0,
    nPrompt,
    nGen,
    depth: finiteNumber(f.n_depth) ?? 0,
    model: {
      file: str(f.model_filename),
      desc,
      arch: desc?.trim().split(/\s+/)[0],
      quant: desc ? quantFromModelDesc(desc) : undefined,
      sizeBytes: finiteNumber(f.model_size),
      nParams: finiteNumber(f.model_n_params),
    },
    settings: {
      ngl: finiteNumber(f.n_gpu_layers),
      nCpuMoe: finiteNumber(f.n_cpu_moe),
      flashAttn: flashAttnValue(f.flash_attn),
      cacheTypeK: str(f.type_k),
      cacheTypeV: str(f.type_v),
      batch: finiteNumber(f.n_batch),
      ubatch: finiteNumber(f.n_ubatch),
      threads: finiteNumber(f.n_threads),
      noKvOffload: nkvo === undefined ? undefined : nkvo === true || String(nkvo) === '1' || String(nkvo) === 'true',
      ctx: nPrompt + nGen + (finiteNumber(f.n_depth) ?? 0),
    },
    backend: str(f.backends),
    gpuInfo: str(f.gpu_info),
    cpuInfo: str(f.cpu_info),
    build: str(f.build_commit),
    time: str(f.test_time),
    line,
  };
}

function push(out: SpeedRun[], run: SpeedRun | undefined, diagnostics: MeasureDiagnostic[]): void {
  if (!run) return;
  if (out.length >= MAX_MEASURE_RECORDS) {
    if (out.length === MAX_MEASURE_RECORDS)
      diagnostics.push({
        severity: 'warning',
        code: 'measure.too-many',
        message: `more than ${MAX_MEASURE_RECORDS} runs; the rest are ignored`,
        line: run.line,
      });
    return;
  }
  out.push(run);
}

function cells(line: string): string[] | undefined {
  const t = line.trim();
  if (!t.startsWith('|') || !t.endsWith('|') || t.length < 2) return undefined;
  return t
    .slice(1, -1)
    .split('|')
    .map((c) => c.trim());
}

/** "pp512", "tg128", "pp512+tg128", "pp512 @ d4096" → tokens. */
function parseTest(text: string): { nPrompt: number; nGen: number; depth: number } | undefined {
  const m = /^(?:pp(\d+))?(?:\+)?(?:tg(\d+))?(?:\s*@\s*d(\d+))?$/.exec(text.trim());
  if (!m || (!m[1] && !m[2])) return undefined;
  return { nPrompt: Number(m[1] ?? 0), nGen: Number(m[2] ?? 0), depth: Number(m[3] ?? 0) };
}

/** The markdown table; other lines (stderr, progress, "build: …") may sit between its rows. */
export function readBenchMarkdown(lines: string[], out: SpeedRun[], diagnostics: MeasureDiagnostic[]): boolean {
  let header: string[] | undefined;
  let found = false;
  for (let i = 0; i < lines.length; i++) {
    const c = cells(lines[i]);
    if (!c) {
      // A row cut short (truncated capture) starts with "|" but does not end with one.
      if (header && /^\s*\|/.test(lines[i]) && lines[i].trim().length > 1) {
        diagnostics.push({
          severity: 'warning',
          code: 'measure.truncated',
          message: 'llama-bench table row is cut short; skipped',
          line: i + 1,
        });
      }
      continue;
    }
    if (c.includes('model') && c.includes('test') && c.includes('t/s')) {
      header = c;
      found = true;
      continue;
    }
    if (!header || c.every((x) => /^-*:?$/.test(x))) continue;
    if (c.length !== header.length) {
      diagnostics.push({
        severity: 'warning',
        code: 'measure.bench-row',
        message: `llama-bench table row has ${c.length} cells, the header ${header.length}; skipped`,
        line: i + 1,
      });
      continue;
    }
    const f: Fields = {};
    header.forEach((h, k) => {
      f[MD_FIELDS[h] ?? h] = c[k];
    });
    const test = parseTest(String(f.test));
    const ts = /^(\d+(?:\.\d+)?)(?:\s*±\s*(\d+(?:\.\d+)?))?$/.exec(String(f['t/s']));
    if (!test || !ts) {
      diagnostics.push({
        severity: 'warning',
        code: 'measure.bench-row',
        message: `llama-bench row "${String(f.test).slice(0, 40)}" has no test or tokens/s; skipped`,
        line: i + 1,
      });
      continue;
    }
    f.model_type = f.model;
    f.model_size = parseSize(String(f.size ?? ''));
    f.model_n_params = parseParams(String(f.params ?? ''));
    f.n_prompt = test.nPrompt;
    f.n_gen = test.nGen;
    f.n_depth = test.depth;
    f.avg_ts = ts[1];
    f.stddev_ts = ts[2];
    push(out, runFromFields(f, i + 1, diagnostics), diagnostics);
  }
  return found;
}

/** One CSV record as llama-bench's escape_csv writes it: every value in double quotes, "" inside. */
function csvValues(line: string): string[] | undefined {
  const values: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        if (i >= line.length) return undefined; // cut inside a quoted value
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += line[i++];
      }
      values.push(v);
    } else {
      const end = line.indexOf(',', i);
      values.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) break;
    if (line[i] !== ',') return undefined;
    i++;
  }
  return values;
}

export function readBenchCsv(lines: string[], out: SpeedRun[], diagnostics: MeasureDiagnostic[]): boolean {
  let header: string[] | undefined;
  let found = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line.startsWith('build_commit,')) {
      header = line.split(',');
      found = true;
      continue;
    }
    if (!header || !line.startsWith('"')) continue;
    const v = csvValues(line);
    if (!v || v.length !== header.length) {
      diagnostics.push({
        severity: 'warning',
        code: 'measure.truncated',
        message: `llama-bench CSV row has ${v?.length ?? 'unreadable'} values, the header ${header.length}; skipped`,
        line: i + 1,
      });
      continue;
    }
    const f: Fields = {};
    header.forEach((h, k) => {
      f[h] = v[k];
    });
    push(out, runFromFields(f, i + 1, diagnostics), diagnostics);
  }
  return found;
}

export function readBenchJsonl(lines: string[], out: SpeedRun[], diagnostics: MeasureDiagnostic[]): boolean {
  let found = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line.startsWith('{') || (!line.includes('"avg_ts"') && !line.includes('"build_commit"'))) continue;
    found = true;
    let f: unknown;
    try {
      f = JSON.parse(line);
    } catch {
      f = undefined;
    }
    if (!f || typeof f !== 'object' || Array.isArray(f)) {
      diagnostics.push({
        severity: 'warning',
        code: 'measure.truncated',
        message: 'llama-bench JSONL line is not a complete object; skipped',
        line: i + 1,
      });
      continue;
    }
    push(out, runFromFields(f as Fields, i + 1, diagnostics), diagnostics);
  }
  return found;
}

/**
 * -o json: "[", then one pretty-printed object per test, then "]". Each complete top-level object is read on
 * its own, so a file cut mid-run still yields the tests before the cut.
 */
export function readBenchJson(text: string, out: SpeedRun[], diagnostics: MeasureDiagnostic[]): boolean {
  const start = text.search(/\[\s*\{\s*"build_commit"/);
  if (start < 0) return false;
  let depth = 0;
  let inString = false;
  let objStart = -1;
  let line = 1 + countNewlines(text, 0, start);
  let objLine = line;
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') line++;
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      if (depth === 0 && ch === '{') {
        objStart = i;
        objLine = line;
      }
      depth++;
    } else if (ch === '}' || ch === ']') {
      if (depth === 0) break; // the array's own "]"
      depth--;
      if (depth === 0 && ch === '}' && objStart >= 0) {
        let f: unknown;
        try {
          f = JSON.parse(text.slice(objStart, i + 1));
        } catch {
          f = undefined;
        }
        if (f && typeof f === 'object') push(out, runFromFields(f as Fields, objLine, diagnostics), diagnostics);
        else
          diagnostics.push({
            severity: 'warning',
            code: 'measure.bench-row',
            message: 'llama-bench JSON object could not be read; skipped',
            line: objLine,
          });
        objStart = -1;
      }
    }
  }
  if (depth > 0)
    diagnostics.push({
      severity: 'warning',
      code: 'measure.truncated',
      message: 'llama-bench JSON is cut short; the last test is missing',
      line: objLine,
    });
  return true;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** -o sql: INSERT INTO llama_bench (fields) VALUES ('v', …); values are printed in single quotes, unescaped. */
export function readBenchSql(lines: string[], out: SpeedRun[], diagnostics: MeasureDiagnostic[]): boolean {
  let found = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line.startsWith('INSERT INTO llama_bench')) {
      if (line.startsWith('CREATE TABLE IF NOT EXISTS llama_bench')) found = true;
      continue;
    }
    found = true;
    const m = /^INSERT INTO llama_bench \(([^)]*)\) VALUES \((.*)\);$/.exec(line);
    if (!m) {
      diagnostics.push({
        severity: 'warning',
        code: 'measure.truncated',
        message: 'llama-bench SQL insert is cut short; skipped',
        line: i + 1,
      });
      continue;
    }
    const names = m[1].split(',').map((s) => s.trim());
    const values = m[2].replace(/^'/, '').replace(/'$/, '').split("', '");
    if (values.length !== names.length) {
      diagnostics.push({
        severity: 'warning',
        code: 'measure.bench-row',
        message: `llama-bench SQL insert has ${values.length} values for ${names.length} fields; skipped`,
        line: i + 1,
      });
      continue;
    }
    const f: Fields = {};
    names.forEach((n, k) => {
      f[n] = values[k];
    });
    push(out, runFromFields(f, i + 1, diagnostics), diagnostics);
  }
  return found;
}

/** Every llama-bench printer found in the text, read into `out`. */
export function readLlamaBench(text: string, lines: string[], out: SpeedRun[], diagnostics: MeasureDiagnostic[]): MeasureFormat[] {
  const formats: MeasureFormat[] = [];
  if (readBenchJson(text, out, diagnostics)) formats.push('llama-bench-json');
  else if (readBenchJsonl(lines, out, diagnostics)) formats.push('llama-bench-jsonl');
  if (readBenchCsv(lines, out, diagnostics)) formats.push('llama-bench-csv');
  if (readBenchSql(lines, out, diagnostics)) formats.push('llama-bench-sql');
  if (readBenchMarkdown(lines, out, diagnostics)) formats.push('llama-bench-md');
  return formats;
}
