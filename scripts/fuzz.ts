// Grammar-aware fuzzing of every reader (issue 16): generated documents and mutations of real seeds for Modelfiles,
// llama-swap YAML (anchors, aliases, merge keys, macros), presets INI, command lines in scripts / compose /
// Dockerfiles / systemd / Makefiles, llama-cpp-python JSON, GGUF headers and the hardware probes' outputs.
// Checks per input: nothing thrown (or reported as an internal error), under 50 ms, heap bounded, every range inside
// the document, every diagnostic on one line. Failures are minimized and written to test/fixtures/fuzz/.
//
//   npm run fuzz -- --count 100000 --seed 7 [--target llama-swap] [--save] [--seconds 600]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCommandLine, parseConfigFile, parseLlamaCppPython, parseLlamaSwap, parseModelfile, parsePresetIni } from '../src/core/config';
import { ModelFitError } from '../src/core/errors';
import { parseGgufHeaderPrefix, readGgufHeaderSync } from '../src/core/gguf';
import {
  parseIoregGpuCores,
  parseNvidiaSmiCsv,
  parseNvidiaSmiFree,
  parseProcCpuinfo,
  parseProcMeminfo,
  parseRocmSmiJson,
  parseSysctl,
} from '../src/core/hardware/parsers';
import type { ParseResult, SourceRange } from '../src/core/types';
import { encodeGguf, stringArray } from '../test/helpers/ggufWriter';

const ROOT = path.resolve(__dirname, '..');
export const FUZZ_FIXTURES = path.join(ROOT, 'test/fixtures/fuzz');
export const SLOW_MS = Number(process.env.MODEL_FIT_FUZZ_SLOW_MS ?? 50);
const HEAP_LIMIT = 1024 * 1024 * 1024;
/** An input over the time budget is run up to this many times in all, and its best time counts. */
export const RETIMES = 5;

/** mulberry32: small, fast, reproducible from --seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, n: number): number => Math.floor(r() * n);

// ------------------------------------------------------------------ grammars (token soups with structure)

const VALUES = [
  '4096',
  '0',
  '-1',
  '99',
  '999',
  'auto',
  'on',
  'off',
  'q8_0',
  'f16',
  '3,1',
  'x',
  '',
  '1e9',
  '99999999999999999999',
  '"quoted value"',
  "'single'",
  '${PORT}',
  '${m}',
  '$HOME',
  '$(nproc)',
  '\\',
  '"',
  "'",
  '#',
  ';',
  '&&',
  '|',
  '\t',
  ' ',
  '💥',
  '\u202e',
  '\x1b[2J',
];
const MODELS = [
  'models/a.gguf',
  'Llama-3.1-8B-Instruct-Q4_K_M.gguf',
  'x-00001-of-00003.gguf',
  'hf.co/bartowski/Qwen3-8B-GGUF:Q4_K_M',
  'llama3.1:8b',
  'qwen3:30b-a3b',
  '/abs/path/model.gguf',
  'C:\\models\\m.gguf',
  'unsloth/Qwen3-30B-A3B-GGUF:UD-Q4_K_XL',
  'a/b',
  '',
];
const FLAGS = [
  '-m',
  '--model',
  '-c',
  '--ctx-size',
  '-ngl',
  '--n-gpu-layers',
  '-fa',
  '--flash-attn',
  '-ctk',
  '-ctv',
  '-b',
  '-ub',
  '-np',
  '-t',
  '-ts',
  '-sm',
  '-ncmoe',
  '-cmoe',
  '-ot',
  '-kvo',
  '-nkvo',
  '-mm',
  '--lora',
  '--lora-scaled',
  '--models-preset',
  '-hf',
  '-hff',
  '--port',
  '--host',
  '--ctx-size=8192',
  '-ot=exps=CPU',
  '--unknown',
  '-',
];
const PROGRAMS = [
  'llama-server',
  'llama-cli',
  './llama-server',
  '/app/server',
  'ExecStart=/usr/bin/llama-server',
  'llama-server.exe',
  'docker run --gpus all ghcr.io/ggml-org/llama.cpp:server-cuda',
  'echo',
  'python -m llama_cpp.server',
];

function words(r: Rand, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const f = pick(r, FLAGS);
    out.push(f);
    if (r() < 0.8) out.push(f === '-m' || f === '--model' ? pick(r, MODELS) : pick(r, VALUES));
  }
  return out.join(r() < 0.1 ? ' \\\n  ' : ' ');
}

function commandLine(r: Rand): string {
  return `${pick(r, PROGRAMS)} ${words(r, 1 + int(r, 8))}`;
}

const GEN: Record<string, (r: Rand) => string> = {
  modelfile: (r) => {
    const lines: string[] = [];
    const n = 1 + int(r, 12);
    for (let i = 0; i < n; i++) {
      lines.push(
        pick(r, [
          `FROM ${pick(r, MODELS)}`,
          `PARAMETER num_ctx ${pick(r, VALUES)}`,
          `PARAMETER num_gpu ${pick(r, VALUES)}`,
          `PARAMETER ${pick(r, ['num_batch', 'num_thread', 'temperature', 'stop', 'num_predict', 'bogus'])} ${pick(r, VALUES)}`,
          `SYSTEM """${pick(r, VALUES)}\n${pick(r, VALUES)}`,
          '"""',
          `TEMPLATE """{{ .Prompt }}"""`,
          `ADAPTER ${pick(r, MODELS)}`,
          `MESSAGE user ${pick(r, VALUES)}`,
          `LICENSE """`,
          '# comment',
          '',
          `from ${pick(r, MODELS)}`,
          pick(r, VALUES),
        ]),
      );
    }
    return lines.join(pick(r, ['\n', '\r\n', '\n\n']));
  },
  'llama-swap': (r) => {
    const lines = [pick(r, ['healthCheckTimeout: 60', 'startPort: 9000', 'startPort: x', ''])];
    if (r() < 0.6) {
      lines.push('macros:');
      for (let i = int(r, 4); i >= 0; i--)
        lines.push(`  ${pick(r, ['m', 'big', 'base', 'PORT', 'm.x'])}: "${r() < 0.5 ? words(r, 2) : '${m} ${m}'}"`);
    }
    if (r() < 0.4) lines.push(pick(r, ['base: &b', 'x-common: &c']), `  cmd: ${commandLine(r)}`, '  env: ["LLAMA_ARG_CTX_SIZE=8192"]');
    lines.push(pick(r, ['models:', 'models: {}', 'models: []', 'models: &all']));
    for (let i = int(r, 5); i >= 0; i--) {
      lines.push(`  ${pick(r, ['"llama-8b"', 'a', 'b', '? [x]', '1', '<<', "'q'"])}:`);
      if (r() < 0.3) lines.push(`    <<: ${pick(r, ['*b', '*c', '[*b]', '1', '[1, 2]', '{<<: 3}', '*nope'])}`);
      const cmd = commandLine(r);
      lines.push(
        pick(r, [
          `    cmd: ${cmd}`,
          `    cmd: |\n      ${cmd}\n      ${words(r, 2)}`,
          `    cmd: >\n      ${cmd}`,
          `    cmd: "${cmd}"`,
          `    cmd: [${cmd}]`,
        ]),
      );
      if (r() < 0.3) lines.push(`    macros:\n      m: "${words(r, 2)}"`);
      if (r() < 0.2) lines.push(`    env:\n      - "LLAMA_ARG_N_GPU_LAYERS=${pick(r, VALUES)}"`);
    }
    return lines.join('\n');
  },
  'preset-ini': (r) => {
    const lines: string[] = [];
    for (let s = int(r, 5); s >= 0; s--) {
      lines.push(pick(r, ['[*]', '[model-a]', '[bartowski/Qwen3-8B-GGUF:Q4_K_M]', '[', '[]', '[ x ]']));
      for (let k = int(r, 6); k >= 0; k--) {
        lines.push(
          `${pick(r, ['model', 'c', 'ctx-size', 'ngl', 'n-gpu-layers', 'fa', 'LLAMA_ARG_CTX_SIZE', 'hf-repo', 'cache-type-k', 'lora', 'x'])}${pick(r, [' = ', '=', ' '])}${pick(r, [...VALUES, ...MODELS])}${pick(r, ['', ' ; comment', ' # c'])}`,
        );
      }
    }
    return lines.join(pick(r, ['\n', '\r\n']));
  },
  shell: (r) => {
    const lines = ['#!/bin/sh'];
    for (let i = int(r, 8); i >= 0; i--) {
      lines.push(
        pick(r, [
          `export LLAMA_ARG_CTX_SIZE=${pick(r, VALUES)}`,
          `LLAMA_ARG_N_GPU_LAYERS=${pick(r, VALUES)} ${commandLine(r)}`,
          commandLine(r),
          `${commandLine(r)} &`,
          `exec ${commandLine(r)}`,
          `if true; then ${commandLine(r)}; fi`,
          'set -e',
          `MODEL=${pick(r, MODELS)}`,
        ]),
      );
    }
    return lines.join('\n');
  },
  compose: (r) => {
    const lines = ['services:'];
    for (let i = int(r, 3); i >= 0; i--) {
      lines.push(
        `  ${pick(r, ['llm', 'llama', 'x'])}:`,
        `    image: ${pick(r, ['ghcr.io/ggml-org/llama.cpp:server', 'ghcr.io/ggml-org/llama.cpp:full-cuda', 'postgres', '"llama.cpp:server"'])}`,
      );
      if (r() < 0.8)
        lines.push(
          pick(r, [
            `    command: ${words(r, 3)}`,
            `    command: ["-m", "${pick(r, MODELS)}", "-c", "${pick(r, VALUES)}"]`,
            `    entrypoint: ${commandLine(r)}`,
          ]),
        );
      if (r() < 0.5)
        lines.push(
          pick(r, ['    environment:', '    environment: [LLAMA_ARG_CTX_SIZE=4096]']),
          `      LLAMA_ARG_N_GPU_LAYERS: ${pick(r, VALUES)}`,
        );
      if (r() < 0.2) lines.push('    <<: *x', '    <<: [1]');
    }
    return lines.join('\n');
  },
  dockerfile: (r) =>
    [
      `FROM ${pick(r, ['ghcr.io/ggml-org/llama.cpp:server', 'ubuntu:24.04', '--platform=linux/amd64 ghcr.io/ggml-org/llama.cpp:server-cuda'])}`,
      `ENV ${pick(r, ['LLAMA_ARG_CTX_SIZE=8192', 'LLAMA_ARG_N_GPU_LAYERS 99', `LLAMA_ARG_MODEL=${pick(r, MODELS)}`])}`,
      pick(r, [`ENTRYPOINT ["/app/llama-server"]`, `ENTRYPOINT ${commandLine(r)}`, '']),
      pick(r, [`CMD ["-m", "${pick(r, MODELS)}", "-c", "${pick(r, VALUES)}"]`, `CMD ${words(r, 3)} \\\n  ${words(r, 2)}`, 'CMD [']),
    ].join('\n'),
  systemd: (r) =>
    [
      '[Service]',
      `Environment=LLAMA_ARG_CTX_SIZE=${pick(r, VALUES)} LLAMA_ARG_N_GPU_LAYERS=${pick(r, VALUES)}`,
      `ExecStart=${commandLine(r)}`,
    ].join('\n'),
  makefile: (r) =>
    ['serve:', `\t${commandLine(r)} \\`, `\t  ${words(r, 2)}`, 'MODEL := $(shell ls *.gguf)', `run:\n\t$(LLAMA) ${words(r, 3)}`].join('\n'),
  'llama-cpp-python': (r) => {
    const entries = Array.from(
      { length: 1 + int(r, 3) },
      () =>
        `{"model": "${pick(r, MODELS)}", "${pick(r, ['n_ctx', 'n_gpu_layers', 'model_alias', 'n_batch', 'flash_attn', 'type_k'])}": ${pick(r, ['4096', '-1', 'true', '"x"', 'null', '[1]', '{}', '1e400'])}}`,
    );
    return pick(r, [
      `{"host": "0.0.0.0", "models": [${entries.join(', ')}]}`,
      entries[0],
      `{"models": [${entries.join(',')}`,
      '[]',
      '{"models": {}}',
    ]);
  },
};

/** Which reader a generated format goes to, and the file name it gets. */
const TARGETS: Record<string, { file: string; read: (f: string, t: string) => ParseResult; gen: string }> = {
  modelfile: { file: 'Modelfile', read: parseModelfile, gen: 'modelfile' },
  'llama-swap': { file: 'config.yaml', read: parseLlamaSwap, gen: 'llama-swap' },
  'preset-ini': { file: 'presets.ini', read: parsePresetIni, gen: 'preset-ini' },
  shell: { file: 'run.sh', read: parseCommandLine, gen: 'shell' },
  compose: { file: 'compose.yaml', read: parseCommandLine, gen: 'compose' },
  dockerfile: { file: 'Dockerfile', read: parseCommandLine, gen: 'dockerfile' },
  systemd: { file: 'llama.service', read: parseCommandLine, gen: 'systemd' },
  makefile: { file: 'Makefile', read: parseCommandLine, gen: 'makefile' },
  'llama-cpp-python': { file: 'settings.json', read: parseLlamaCppPython, gen: 'llama-cpp-python' },
};

const PROBES: Record<string, (t: string) => unknown> = {
  'nvidia-smi': parseNvidiaSmiCsv,
  'nvidia-smi-free': parseNvidiaSmiFree,
  'rocm-smi': parseRocmSmiJson,
  sysctl: parseSysctl,
  ioreg: parseIoregGpuCores,
  meminfo: parseProcMeminfo,
  cpuinfo: parseProcCpuinfo,
};

// ------------------------------------------------------------------ seeds and mutation

function readSeeds(): Record<string, string[]> {
  const seeds: Record<string, string[]> = {};
  const add = (k: string, t: string) => {
    (seeds[k] ??= []).push(t);
  };
  const ws = path.join(ROOT, 'test/fixtures/workspace');
  const walk = (d: string): string[] =>
    fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  for (const f of fs.existsSync(ws) ? walk(ws) : []) {
    const base = path.basename(f);
    if (base === 'Modelfile') add('modelfile', fs.readFileSync(f, 'utf8'));
    if (base === 'config.yaml') add('llama-swap', fs.readFileSync(f, 'utf8'));
  }
  const hw = path.join(ROOT, 'test/fixtures/hardware');
  for (const f of fs.existsSync(hw) ? fs.readdirSync(hw) : []) {
    const t = fs.readFileSync(path.join(hw, f), 'utf8');
    if (f.startsWith('nvidia-smi')) add('nvidia-smi', t);
    else if (f.startsWith('rocm-smi')) add('rocm-smi', t);
    else if (f.startsWith('sysctl')) add('sysctl', t);
    else if (f.startsWith('ioreg')) add('ioreg', t);
  }
  add('meminfo', 'MemTotal:       65536000 kB\nMemFree:         1000000 kB\nMemAvailable:   32000000 kB\n');
  add(
    'cpuinfo',
    'processor\t: 0\nmodel name\t: AMD Ryzen 9 7950X\nflags\t\t: fpu avx2 avx512f\ncore id\t\t: 0\n\nprocessor\t: 1\ncore id\t\t: 0\n',
  );
  add('nvidia-smi-free', '0, 11873\n1, 24000\n');
  return seeds;
}

const INTERESTING = [
  '\n',
  '\r\n',
  '\0',
  '{',
  '[',
  '}',
  ']',
  '"',
  "'",
  '\\',
  '${',
  '}',
  '&a ',
  '*a',
  '<<: ',
  ': ',
  '- ',
  '#',
  '=',
  ' -c ',
  '\t',
  'llama-server',
  'llamacpp',
  ':server',
  '\u202e',
  '\x1b]0;x\x07',
  '\ufeff',
  '\ud800',
  '  ',
];

/** One mutation: splice, delete, duplicate, repeat a chunk (to find work growing faster than the file), insert tokens. */
export function mutate(r: Rand, s: string, other: string): string {
  const at = () => int(r, s.length + 1);
  switch (int(r, 8)) {
    case 0: {
      const i = at();
      return s.slice(0, i) + pick(r, INTERESTING) + s.slice(i);
    }
    case 1: {
      const i = at();
      return s.slice(0, i) + s.slice(i + 1 + int(r, 16));
    }
    case 2: {
      const i = at();
      const j = Math.min(s.length, i + 1 + int(r, 64));
      return s.slice(0, j) + s.slice(i, j) + s.slice(j);
    }
    case 3: {
      // repeat a chunk many times: linear readers stay fast
      const i = at();
      const j = Math.min(s.length, i + 1 + int(r, 40));
      const n = pick(r, [10, 100, 1000, 5000]);
      const chunk = s.slice(i, j) || pick(r, INTERESTING);
      const cap = r() < 0.05 ? 200_000 : 20_000; // big inputs now and then: they cost the most time per case
      return s.slice(0, j) + chunk.repeat(Math.min(n, Math.floor(cap / Math.max(1, chunk.length)))) + s.slice(j);
    }
    case 4: {
      const i = at();
      const k = int(r, other.length + 1);
      return s.slice(0, i) + other.slice(k, k + int(r, 200));
    }
    case 5: {
      const i = at();
      return s.slice(0, i) + String.fromCharCode(int(r, 0x30000) % 0xffff) + s.slice(i + 1);
    }
    case 6:
      return pick(r, INTERESTING).repeat(1 + int(r, r() < 0.05 ? 30000 : pick(r, [4, 64, 1024]))) + s;
    default: {
      const i = at();
      return s.slice(0, i) + pick(r, FLAGS) + ' ' + pick(r, VALUES) + ' ' + s.slice(i);
    }
  }
}

// ------------------------------------------------------------------ checks

function rangeOk(text: string, lines: number[], r: SourceRange | undefined): boolean {
  if (!r) return true;
  const len = (l: number) => (l + 1 < lines.length ? lines[l + 1] - 1 - lines[l] : text.length - lines[l]);
  const okPos = (l: number, c: number) => Number.isInteger(l) && Number.isInteger(c) && l >= 0 && l < lines.length && c >= 0 && c <= len(l);
  if (!okPos(r.startLine, r.startCol) || !okPos(r.endLine, r.endCol)) return false;
  return r.startLine < r.endLine || (r.startLine === r.endLine && r.startCol <= r.endCol);
}

/** Problems with one reader's answer (empty = clean). */
export function checkParse(text: string, res: ParseResult): string[] {
  const lines = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines.push(i + 1);
  const problems: string[] = [];
  for (const d of res.diagnostics) {
    if (d.code === 'config.internal-error') problems.push(`internal error: ${d.message}`);
    if (/[\n\r]/.test(d.message)) problems.push(`multi-line diagnostic ${d.code}`);
    if (!rangeOk(text, lines, d.range)) problems.push(`diagnostic ${d.code} range outside the document ${JSON.stringify(d.range)}`);
  }
  for (const c of res.configs) {
    if (!rangeOk(text, lines, c.range)) problems.push(`config range outside the document ${JSON.stringify(c.range)}`);
    for (const [k, r] of Object.entries(c.ranges))
      if (!rangeOk(text, lines, r as SourceRange)) problems.push(`ranges.${k} outside the document ${JSON.stringify(r)}`);
  }
  return problems;
}

export interface Case {
  target: string;
  input: string | Uint8Array;
}

/** Run one case: the problems found, and the CPU time it took (for `detect`, its slowest document). */
export function runCase(c: Case, tmpFile: string): { problems: string[]; ms: number } {
  // The lesser of CPU time and wall time: on a shared machine wall time measures the neighbours, and CPU time
  // counts V8's background GC threads too; a slow reader is slow on both clocks.
  const t0 = process.cpuUsage();
  const w0 = performance.now();
  const problems: string[] = [];
  let readerMs: number | undefined;
  try {
    if (c.target === 'gguf') {
      const bytes = Buffer.from(c.input as Uint8Array);
      try {
        // Mostly from memory (the same parser; a temp file per case cost more than the parse), 1 in 16 from a file.
        if (bytes.length % 16 === 0) {
          fs.writeFileSync(tmpFile, c.input as Uint8Array);
          readGgufHeaderSync(tmpFile);
        } else parseGgufHeaderPrefix(bytes, bytes.length, tmpFile);
      } catch (err) {
        if (!(err instanceof ModelFitError)) problems.push(`GGUF reader threw ${String(err).slice(0, 200)}`);
        else if (/\n/.test(err.message)) problems.push('multi-line GGUF error');
      }
    } else if (c.target in PROBES) {
      PROBES[c.target](c.input as string);
    } else if (c.target === 'detect') {
      // One text under seven file names: seven documents, each timed on its own (the budget is per document).
      readerMs = 0;
      for (const f of ['config.yaml', 'presets.ini', 'run.sh', 'settings.json', 'Modelfile', 'compose.yml', 'Dockerfile']) {
        const r0 = process.cpuUsage();
        const rw = performance.now();
        const res = parseConfigFile(f, c.input as string);
        const r = process.cpuUsage(r0);
        readerMs = Math.max(readerMs, Math.min((r.user + r.system) / 1000, performance.now() - rw));
        problems.push(...checkParse(c.input as string, res));
      }
    } else {
      const t = TARGETS[c.target];
      problems.push(...checkParse(c.input as string, t.read(t.file, c.input as string)));
    }
  } catch (err) {
    problems.push(`threw ${String(err).split('\n')[0].slice(0, 200)}`);
  }
  const used = process.cpuUsage(t0);
  return { problems, ms: readerMs ?? Math.min((used.user + used.system) / 1000, performance.now() - w0) };
}

// ------------------------------------------------------------------ driver

function ggufSeed(r: Rand): Uint8Array {
  const spec = {
    metadata: {
      'general.architecture': 'llama',
      'general.name': pick(r, ['Tiny', '\x1b[2J', '']),
      'llama.block_count': int(r, 4),
      'llama.embedding_length': 64,
      'llama.attention.head_count': 4,
      'llama.context_length': 2048,
      'tokenizer.ggml.tokens': stringArray(int(r, 50)),
    },
    tensors: [
      { name: 'token_embd.weight', type: 'F16', dims: [64, 50] },
      { name: 'blk.0.attn_q.weight', type: pick(r, ['F16', 'Q4_K', 'Q8_0']), dims: [256, 64] },
    ],
  };
  const e = encodeGguf(spec);
  const file = new Uint8Array(e.fileBytes);
  file.set(e.header as unknown as Uint8Array, 0);
  return file;
}

function mutateBytes(r: Rand, b: Uint8Array): Uint8Array {
  const out = Uint8Array.from(b);
  for (let k = 1 + int(r, 4); k > 0; k--) {
    const i = int(r, out.length);
    switch (int(r, 4)) {
      case 0:
        out[i] = int(r, 256);
        break;
      case 1:
        out.fill(0xff, i, i + 1 + int(r, 8));
        break;
      case 2:
        out.fill(0, i, i + 1 + int(r, 8));
        break;
      default:
        return out.subarray(0, i); // truncation
    }
  }
  return out;
}

export interface FuzzOptions {
  count: number;
  seed: number;
  target?: string;
  /** Write minimized reproducers to test/fixtures/fuzz/. */
  save?: boolean;
  log?: (line: string) => void;
  /** CPU milliseconds over which an input counts as slow (default SLOW_MS). */
  slowMs?: number;
  /** Stop after this many seconds even if `count` is not reached. */
  seconds?: number;
}

export interface FuzzSummary {
  count: number;
  seed: number;
  perTarget: Record<string, number>;
  failures: Array<{ target: string; problems: string[]; input: string }>;
  slow: Array<{ target: string; ms: number; bytes: number }>;
  maxMs: number;
  maxHeapBytes: number;
  seconds: number;
  /** Inputs whose first time was over the budget and were run again (best of RETIMES counts). */
  retimed: number;
}

export function runFuzz(o: FuzzOptions): FuzzSummary {
  const r = rng(o.seed);
  const seeds = readSeeds();
  const targets = [...Object.keys(TARGETS), 'detect', ...Object.keys(PROBES), 'gguf'].filter((t) => !o.target || t === o.target);
  const tmp = path.join(os.tmpdir(), `model-fit-fuzz-${process.pid}.gguf`);
  const summary: FuzzSummary = {
    count: 0,
    seed: o.seed,
    perTarget: {},
    failures: [],
    slow: [],
    maxMs: 0,
    maxHeapBytes: 0,
    seconds: 0,
    retimed: 0,
  };
  const t0 = performance.now();
  let corpus: Record<string, string[]> = {};
  try {
    const deadline = o.seconds ? t0 + o.seconds * 1000 : Infinity;
    for (let n = 0; n < o.count && (n % 100 !== 0 || performance.now() < deadline); n++) {
      const target = pick(r, targets);
      let input: string | Uint8Array;
      if (target === 'gguf') input = mutateBytes(r, ggufSeed(r));
      else {
        const gen = TARGETS[target]?.gen ?? (target === 'detect' ? pick(r, Object.keys(GEN)) : undefined);
        const pool = [...(seeds[target] ?? []), ...(corpus[target] ?? [])];
        let s = gen && (r() < 0.7 || !pool.length) ? GEN[gen](r) : pool.length ? pick(r, pool) : '';
        const other = gen ? GEN[gen](r) : pick(r, pool.length ? pool : ['']);
        for (let k = int(r, 4); k > 0; k--) s = mutate(r, s, other);
        input = s;
        if (s.length < 4096 && r() < 0.05) {
          const kept = (corpus[target] ??= []);
          if (kept.length < 200) kept.push(s);
          else kept[int(r, 200)] = s;
        }
      }
      summary.perTarget[target] = (summary.perTarget[target] ?? 0) + 1;
      let { problems, ms } = runCase({ target, input }, tmp);
      const slowMs = o.slowMs ?? SLOW_MS;
      if (ms > slowMs) {
        // On a shared machine one over-budget time can be GC or a neighbour: best of RETIMES runs; a slow reader stays slow.
        summary.retimed++;
        for (let k = 1; k < RETIMES && ms > slowMs; k++) ms = Math.min(ms, runCase({ target, input }, tmp).ms);
      }
      summary.maxMs = Math.max(summary.maxMs, ms);
      if (ms > slowMs) {
        summary.slow.push({ target, ms, bytes: input.length });
        if (process.env.MODEL_FIT_FUZZ_DUMP && typeof input === 'string')
          fs.writeFileSync(path.join(process.env.MODEL_FIT_FUZZ_DUMP, `${target}-${Math.round(ms)}ms-${input.length}.txt`), input);
        problems = [...problems, `slow: ${ms.toFixed(0)} ms`];
      }
      if (problems.length) {
        const min = typeof input === 'string' ? minimize(target, input, tmp) : Buffer.from(input).toString('base64');
        summary.failures.push({ target, problems, input: min });
        o.log?.(`FAIL ${target}: ${problems[0]} (${input.length} bytes → ${min.length})`);
        if (o.save) saveFixture(target, min);
      }
      if (n % 1000 === 0) {
        summary.maxHeapBytes = Math.max(summary.maxHeapBytes, process.memoryUsage().heapUsed);
        if (summary.maxHeapBytes > HEAP_LIMIT)
          summary.failures.push({ target, problems: [`heap ${summary.maxHeapBytes} bytes`], input: '' });
        if (n % 20000 === 0 && n)
          o.log?.(
            `${n} inputs, ${summary.failures.length} failures, ${summary.slow.length} slow, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
          );
        if (n % 100000 === 0) corpus = {};
      }
      summary.count++;
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  summary.seconds = (performance.now() - t0) / 1000;
  return summary;
}

/** Shortest input (by chunk removal) that still shows a problem of the same kind. */
function minimize(target: string, input: string, tmp: string): string {
  let reruns = 0; // bounded: shrinking a 30 KB input chunk by chunk could otherwise rerun it for minutes
  const kind = (s: string) =>
    ++reruns > 300
      ? ''
      : runCase({ target, input: s }, tmp)
          .problems.map((p) => p.split(':')[0])
          .sort()
          .join();
  const want = kind(input);
  // Slow-only inputs are kept whole (shrinking them needs hundreds of slow reruns, and small is fast anyway).
  if (!want || want === 'slow') return input;
  let cur = input;
  for (let chunk = Math.max(1, cur.length >> 1); chunk >= 1; chunk >>= 1) {
    for (let i = 0; i < cur.length;) {
      const next = cur.slice(0, i) + cur.slice(i + chunk);
      if (next !== cur && kind(next) === want) cur = next;
      else i += chunk;
    }
  }
  return cur;
}

function saveFixture(target: string, input: string): void {
  fs.mkdirSync(FUZZ_FIXTURES, { recursive: true });
  let h = 0;
  for (let i = 0; i < input.length; i++) h = (Math.imul(h, 31) + input.charCodeAt(i)) >>> 0;
  fs.writeFileSync(path.join(FUZZ_FIXTURES, `${target}-${h.toString(16)}.txt`), input);
}

/** Reruns a saved reproducer: `<target>-<hash>.txt`. */
export function runFixture(file: string): { problems: string[]; ms: number } {
  const target = path.basename(file).replace(/-[0-9a-f]+\.txt$/, '');
  const tmp = path.join(os.tmpdir(), `model-fit-fuzz-fixture-${process.pid}.gguf`);
  try {
    const text = fs.readFileSync(file, 'utf8');
    return runCase({ target, input: target === 'gguf' ? new Uint8Array(Buffer.from(text, 'base64')) : text }, tmp);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function cliMain(argv: string[]): number {
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const count = Number(opt('--count') ?? 10000);
  const seed = Number(opt('--seed') ?? 1);
  const seconds = opt('--seconds') ? Number(opt('--seconds')) : undefined;
  const s = runFuzz({ count, seed, seconds, target: opt('--target'), save: argv.includes('--save'), log: (l) => console.log(l) });
  const slowest = [...s.slow].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(
    JSON.stringify(
      {
        inputs: s.count,
        seed: s.seed,
        seconds: Math.round(s.seconds),
        failures: s.failures.length,
        over50ms: s.slow.length,
        timing: `the lesser of CPU and wall time per input; ${s.retimed} over ${SLOW_MS} ms at first were rerun, best of ${RETIMES} counts`,
        maxMs: Math.round(s.maxMs * 10) / 10,
        maxHeapMB: Math.round(s.maxHeapBytes / 1e6),
        perTarget: s.perTarget,
        slowest,
        firstFailures: s.failures
          .slice(0, 10)
          .map((f) => ({ target: f.target, problems: f.problems.slice(0, 2), input: f.input.slice(0, 200) })),
      },
      null,
      2,
    ),
  );
  return s.failures.length ? 1 : 0;
}

if (process.argv[1] && /fuzz\.ts$/.test(process.argv[1])) process.exitCode = cliMain(process.argv.slice(2));
