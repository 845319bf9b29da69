import path from 'node:path';
import { version } from '../../package.json';
import { analyzeConfig, analyzeDocument, resolveRun, type AnalyzeOptions, type ConfigOverrides } from '../core/analyze';
import { parseConfigFile } from '../core/config';
import { documentFormat } from '../core/config/sniff';
import { ModelFitError } from '../core/errors';
import { slotThroughputOf, type SlotThroughput } from '../core/estimate/parallelSlots';
import {
  defaultCacheDir,
  detectHardware,
  formatHardwareReport,
  hardwarePreset,
  hardwareReportJson,
  killRunningProbes,
} from '../core/hardware';
import { ollamaStoreDirs, parseOllamaName, readOllamaManifest, type RemoteHeaderOptions } from '../core/resolve';
import type { ConfigAnalysis, HardwareProfile, RunConfig, RunSettings, Runtime } from '../core/types';
import { formatTps } from '../core/units';
import { COMMAND_FLAGS, flagHelp, parseArgs, type EstimateArgs } from './args';
import { formatEstimate } from './format';
import { compareRows, DEFAULT_COMPARE, formatCompare } from './compare';
import { loadHardware, presetId } from './hardwareArgs';
import { listGpus, listModels, listPresets } from './lists';
import { runRecommend } from './recommend';
import { formatDevices, rpcNetwork, splitDevices } from './devices';
import { flagWarnings } from './warnings';
import { runCalibrate } from './calibrate';
import { isGgufFile, readTextFile } from '../core/io/boundedRead';
import { write, writeErr, writeJson } from './output';

const DEFAULT_MODEL = 'llama3.1:8b';

const HELP = `model-fit ${version} — will this local LLM fit this machine, and how fast will it run?

usage:
  model-fit estimate [FILE] [flags]   memory, GPU/CPU split and tokens/s for a config file or a model
  model-fit recommend [flags]         what this machine (or a preset) runs best, with the settings to use
  model-fit compare [flags]           one model on several presets: tok/s, tok/s per dollar, joules per token
  model-fit calibrate --from FILE…    fit this machine's factors to llama-bench / llama-server / Ollama output
  model-fit hardware [--json]         what was detected: GPUs, VRAM, RAM, bandwidth
  model-fit models [--json]           the built-in model catalog
  model-fit presets [--json]          hardware presets for --hardware
  model-fit gpus [--json]             the GPU database for --gpu
  model-fit --version

Run "model-fit COMMAND --help" for every flag of a command, with its meaning and default.`;

const COMMAND_HELP: Record<string, { usage: string; about: string; flags: keyof typeof COMMAND_FLAGS }> = {
  estimate: {
    usage: 'model-fit estimate [FILE] [flags]',
    about: `FILE: an Ollama Modelfile or a llama.cpp config (llama-swap YAML, presets INI, a script or compose file with a
llama-server command line, llama-cpp-python JSON); every model configuration in it is estimated. Flags override
what FILE says. Without FILE or --model, estimates ${DEFAULT_MODEL} from the built-in catalog.
Defaults are llama.cpp's (llama-server) unless the model comes from a Modelfile or the Ollama store: then Ollama's.`,
    flags: 'estimate',
  },
  recommend: {
    usage: 'model-fit recommend [flags]',
    about: `Every catalog model (and every model in the Ollama store or GGUF file in --models-dir) at Q8_0…Q3_K_M,
each at its best plan (all on the GPU; the experts of the first N blocks on the CPU for MoE models; a partial -ngl;
a q8_0 KV cache when that is faster). Each model at the best-quality quant (llama.cpp's published KL divergence)
that keeps every layer on the GPU and reaches --min-tps; ranked local models first, then by total parameters.
Each row has the llama-server line and the Modelfile that run it.`,
    flags: 'recommend',
  },
  compare: {
    usage: 'model-fit compare [--model REF] [--presets A,B,…] [flags]',
    about: `The model (default ${DEFAULT_MODEL}) on each preset with the same settings: decode and prefill tok/s, the preset's
published price (with its source and date) and tok/s per $1000, joules per token from the machine's published wall
power, else the GPU's board power (GPU-only runs).`,
    flags: 'compare',
  },
  calibrate: {
    usage: 'model-fit calibrate --from FILE… [--models DIR…] [--hardware this|PRESET] [--gpu NAME] [--json]',
    about: `Reads what llama-bench (any -o format), llama-server / llama-cli logs or Ollama (server log, /api/ps JSON) printed on
this machine, fits its GPU-bandwidth, CPU-bandwidth and prefill factors (bounded, each with its run count), and reports
the error on those runs before and after, leave-one-run-out.`,
    flags: 'calibrate',
  },
  hardware: {
    usage: 'model-fit hardware [--json] [--refresh]',
    about: 'What detection finds on this machine, and where each figure came from.',
    flags: 'hardware',
  },
  models: {
    usage: 'model-fit models [--json]',
    about: 'The built-in catalog: ids for --model, with the Ollama tag of each.',
    flags: 'list',
  },
  presets: { usage: 'model-fit presets [--json]', about: 'Hardware presets for --hardware (ids in any case).', flags: 'list' },
  gpus: { usage: 'model-fit gpus [--json]', about: 'GPUs --gpu knows by name, with memory and bandwidth.', flags: 'list' },
};

function commandHelp(command: string): string {
  const h = COMMAND_HELP[command];
  return `usage: ${h.usage}\n\n${h.about}\n\nflags:\n${flagHelp(h.flags)}`;
}

function flagSettings(a: EstimateArgs): RunSettings {
  const s: RunSettings = {
    ctx: a.ctx,
    ngl: a.ngl,
    flashAttn: a.fa,
    cacheTypeK: a.cacheTypeK,
    cacheTypeV: a.cacheTypeV,
    batch: a.batch,
    ubatch: a.ubatch,
    parallel: a.parallel,
    nCpuMoe: a.nCpuMoe,
    tensorSplit: a.tensorSplit,
  };
  return Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as RunSettings;
}

function formatSlots(t: SlotThroughput | undefined): string[] {
  if (!t) return [];
  return [
    `slots     ${t.slots} streams: ~${formatTps(t.perStreamTps)} tok/s each, ~${formatTps(t.aggregateTps)} tok/s together (weights read once per step${t.computeBound ? '; compute bound' : ''})`,
  ];
}

/** A tag pulled into the local Ollama store is Ollama's model (its own GGUF and defaults), as in the extension. */
function inOllamaStore(ref: string): boolean {
  if (/\.gguf$/i.test(ref) || /^[./\\~]/.test(ref)) return false;
  const name = parseOllamaName(ref);
  return !!name && ollamaStoreDirs(undefined, process.env).some((dir) => readOllamaManifest(dir, name, []) !== undefined);
}

function syntheticConfig(ref: string): RunConfig {
  const zero = { startLine: 0, startCol: 0, endLine: 0, endCol: 0 };
  const runtime: Runtime = inOllamaStore(ref) ? 'ollama' : 'llama.cpp';
  return {
    label: ref,
    runtime,
    modelRef: ref,
    baseDir: process.cwd(),
    settings: {},
    ranges: {},
    defaultsApplied: [],
    range: zero,
  };
}

/** --fetch: remote GGUF headers from HF_ENDPOINT (default huggingface.co), cached next to the hardware cache. */
function remoteOptions(a: EstimateArgs): RemoteHeaderOptions | undefined {
  return a.fetch ? { cacheDir: defaultCacheDir(), endpoint: process.env.HF_ENDPOINT || undefined } : undefined;
}

/** The engine options of an estimate run: this machine or the preset, the timed tokens, the flags as overrides. */
function analyzeOptions(a: EstimateArgs, hw: HardwareProfile): AnalyzeOptions {
  const overrides: ConfigOverrides = {
    ...(a.model ? { model: { ref: a.model, baseDir: process.cwd() } } : {}),
    ...(a.quant ? { quant: a.quant } : {}),
    settings: flagSettings(a),
  };
  return {
    hardware: hw,
    env: process.env,
    promptTokens: a.prompt,
    genTokens: a.gen,
    depth: a.depth,
    remoteHeaders: remoteOptions(a),
    overrides,
  };
}

/** What the CLI adds to an analysis: flag warnings, the per-device split, RPC traffic, parallel slots. */
function cliExtras(ca: ConfigAnalysis, a: EstimateArgs, opts: AnalyzeOptions) {
  const e = ca.estimate;
  if (!e || !ca.model || !ca.settings) {
    const problem = ca.diagnostics.find((d) => d.severity === 'error') ?? ca.diagnostics[0];
    throw new ModelFitError(problem?.message ?? `cannot resolve model "${ca.config.modelRef}"`);
  }
  const hw = opts.hardware;
  e.warnings.push(...flagWarnings(a, ca.model, hw, e));
  const split = splitDevices(ca.model, e, hw, a, ca.settings);
  e.warnings.push(...split.warnings);
  const rpc = rpcNetwork(ca.model, e, split.devices, hw, a.rpcBandwidth);
  const slots = slotThroughputOf(ca.model, ca.settings, hw, e, ca.config.runtime, opts);
  const json = {
    ...(split.devices.length ? { devices: split.devices } : {}),
    ...(slots ? { parallelSlots: slots } : {}),
    ...(rpc ? { rpcNetwork: rpc } : {}),
  };
  return { e, json, lines: [...formatDevices(split.devices), ...formatSlots(slots)] };
}

/** No FILE: one model (--model, else the default) with the flags' settings. */
async function estimateModel(a: EstimateArgs, opts: AnalyzeOptions): Promise<number> {
  const config = syntheticConfig(a.model ?? DEFAULT_MODEL);
  const ca = await analyzeConfig(config, undefined, [], { ...opts, overrides: { ...opts.overrides, model: undefined } });
  const { e, json, lines } = cliExtras(ca, a, opts);
  if (!a.model) e.warnings.unshift(`no FILE or --model given: estimated ${DEFAULT_MODEL} from the built-in catalog`);
  if (a.json) writeJson({ ...e, runtime: config.runtime, ...json });
  else write(formatEstimate(e, undefined, config.runtime, [], lines) + '\n');
  return 0;
}

/** FILE: every configuration in it, through the editor's analysis; as written, with its diagnostics and fixes. */
async function estimateFile(a: EstimateArgs & { file: string }, opts: AnalyzeOptions): Promise<number> {
  const file = path.resolve(a.file);
  const text = readTextFile(file, 'config', a.file);
  const parsed = parseConfigFile(file, text, documentFormat(file, text));
  for (const d of parsed.diagnostics) {
    if (d.severity === 'error') writeErr(`${a.file}:${d.range.startLine + 1}: ${d.message}\n`);
  }
  if (parsed.configs.length === 0) throw new ModelFitError(`no model configuration found in ${a.file}`);
  const asWritten = !a.model && !a.quant && Object.keys(opts.overrides?.settings ?? {}).length === 0;
  const analysis = await analyzeDocument(file, text, asWritten ? { ...opts, overrides: undefined } : opts);
  const results: unknown[] = [];
  const failures: string[] = [];
  const human: string[] = [];
  for (const ca of analysis.configs) {
    const config = ca.config;
    const line = config.range.startLine + 1;
    const problems = ca.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      message: d.message,
      line: d.range.startLine + 1,
      fixes: d.fixes.map((f) => ({ kind: f.kind, title: f.title, edits: f.edits })),
    }));
    try {
      const { e, json, lines } = cliExtras(ca, a, opts);
      results.push({
        source: { file: a.file, line },
        label: config.label,
        runtime: config.runtime,
        modelRef: config.modelRef,
        defaultsApplied: config.defaultsApplied,
        ...e,
        ...json,
        ...(asWritten ? { diagnostics: problems } : {}),
      });
      const said = asWritten
        ? problems.flatMap((d) => [`${d.severity.padEnd(9)} ${d.message}`, ...d.fixes.map((f) => `fix       ${f.title}`)])
        : [];
      const heading = `── ${config.label} (${a.file}:${line}) ──`;
      human.push([formatEstimate(e, heading, config.runtime, config.defaultsApplied, lines), ...said].join('\n'));
    } catch (err) {
      if (!(err instanceof ModelFitError)) throw err;
      failures.push(`${a.file}:${line}: ${err.message}`);
    }
  }
  if (a.json) writeJson(results);
  else write(human.join('\n\n') + (human.length ? '\n' : ''));
  for (const f of failures) writeErr(`model-fit: ${f}\n`);
  return failures.length ? 2 : 0;
}

async function runEstimate(argv: string[]): Promise<number> {
  const a = parseArgs('estimate', argv, true);
  if (a.help) return help('estimate');
  // A model given as FILE is estimated as --model: never read as text (a 40 GB model would not fit in memory).
  if (a.file && (/\.gguf$/i.test(a.file) || isGgufFile(a.file))) {
    if (a.model) throw new ModelFitError(`${a.file} is a GGUF model, not a config file; give it as FILE or --model, not both`);
    a.model = a.file;
    a.file = undefined;
  }
  const opts = analyzeOptions(a, await loadHardware(a));
  return a.file ? estimateFile({ ...a, file: a.file }, opts) : estimateModel(a, opts);
}

async function runCompare(argv: string[]): Promise<number> {
  const a = parseArgs('compare', argv, false);
  if (a.help) return help('compare');
  const presets = (a.presets ?? DEFAULT_COMPARE.join(','))
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const config = syntheticConfig(a.model ?? DEFAULT_MODEL);
  const run = await resolveRun(config, {
    hardware: hardwarePreset(presetId(presets[0] ?? 'rtx3060-ddr4')),
    env: process.env,
    overrides: { quant: a.quant, settings: flagSettings(a) },
  });
  const { model: spec, settings } = run;
  if (!spec || !settings) throw new ModelFitError(run.diagnostic?.message ?? `cannot resolve model "${config.modelRef}"`);
  const rows = compareRows(spec, settings, presets, config.runtime, {
    promptTokens: a.prompt,
    genTokens: a.gen,
    depth: a.depth,
  });
  if (a.json) writeJson({ model: { name: spec.name, quant: spec.quant, ref: spec.ref }, rows });
  else write(formatCompare(spec.name, spec.quant, rows) + '\n');
  return 0;
}

async function runHardware(argv: string[]): Promise<number> {
  const a = parseArgs('hardware', argv, false);
  if (a.help) return help('hardware');
  const p = await detectHardware({ allowExec: true, refresh: !!a.refresh });
  if (a.json) writeJson(hardwareReportJson(p));
  else write(formatHardwareReport(p) + '\n');
  return 0;
}

function runList(command: 'models' | 'presets' | 'gpus', argv: string[]): number {
  const a = parseArgs('list', argv, false);
  if (a.help) return help(command);
  const lister = command === 'models' ? listModels : command === 'presets' ? listPresets : listGpus;
  write(lister(a.json) + '\n');
  return 0;
}

function help(command: string): number {
  write(commandHelp(command) + '\n');
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      if (command === 'help' && rest[0] && COMMAND_HELP[rest[0]]) return help(rest[0]);
      write(HELP + '\n');
      return command ? 0 : 2;
    }
    if (command === '--version' || command === '-V' || command === 'version') {
      write(`model-fit ${version}\n`);
      return 0;
    }
    if (command === 'estimate') return await runEstimate(rest);
    if (command === 'recommend') return await runRecommend(parseArgs('recommend', rest, false), () => help('recommend'));
    if (command === 'hardware') return await runHardware(rest);
    if (command === 'compare') return await runCompare(rest);
    if (command === 'calibrate') {
      const a = parseArgs('calibrate', rest, false);
      return a.help ? help('calibrate') : await runCalibrate(a);
    }
    if (command === 'models' || command === 'presets' || command === 'gpus') return runList(command, rest);
    throw new ModelFitError(
      `unknown command "${command}" (use estimate, recommend, compare, calibrate, hardware, models, presets or gpus; see model-fit --help)`,
    );
  } catch (err) {
    if (err instanceof ModelFitError) {
      writeErr(`model-fit: ${err.message}\n`);
      return 2;
    }
    writeErr(`model-fit: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    // The answer is out: a probe still running (a hung nvidia-smi kept for the cache) must not hold the CLI open.
    killRunningProbes();
  });
}
