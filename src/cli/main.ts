import path from 'node:path';
import { catalogModel, matchCatalogRef } from '../core/catalog';
import { parseConfigFile } from '../core/config';
import { ModelFitError } from '../core/errors';
import { estimate } from '../core/estimate';
import { customProfile, detectHardware, formatHardwareReport, hardwarePreset, hardwareReportJson } from '../core/hardware';
import { resolveModel } from '../core/resolve';
import type { HardwareProfile, ModelSpec, RunConfig, RunSettings } from '../core/types';
import { parseEstimateArgs, type EstimateArgs } from './args';
import { formatEstimate } from './format';
import { isGgufFile, readTextFile } from '../core/io/boundedRead';
import { jsonText, terminalText } from '../core/present/safeText';

const HELP = `model-fit — will this local LLM fit this machine, and how fast will it run?

usage:
  model-fit estimate [FILE] [--model REF] [--quant Q] [--ctx N] [--ngl N|auto] [--fa on|off]
                     [--cache-type-k T] [--cache-type-v T] [--batch N] [--ubatch N] [--parallel N]
                     [--n-cpu-moe N] [--hardware this|PRESET] [--gpu NAME|none] [--vram GiB]
                     [--free-vram GiB] [--gpu-bandwidth GBps] [--ram GiB] [--ram-bandwidth GBps]
                     [--cpu-threads N] [--prompt N] [--gen N] [--depth N] [--json]
  model-fit hardware [--json] [--refresh]

FILE: an Ollama Modelfile or a llama.cpp config (llama-swap YAML, presets INI, a script with a
llama-server command line, llama-cpp-python JSON). REF: a GGUF path, an Ollama tag or a catalog id.
Without FILE or --model, estimates ${'llama3.1:8b'} from the built-in catalog.`;

const DEFAULT_MODEL = 'llama3.1:8b';

async function loadHardware(a: EstimateArgs): Promise<HardwareProfile> {
  const base = a.hardware === 'this' ? await detectHardware({ allowExec: true }) : hardwarePreset(a.hardware);
  const overrides = {
    gpu: a.gpu, vramGiB: a.vram, freeVramGiB: a.freeVram, gpuBandwidthGBs: a.gpuBandwidth,
    ramGiB: a.ram, ramBandwidthGBs: a.ramBandwidth, cpuThreads: a.cpuThreads,
  };
  const any = Object.values(overrides).some((v) => v !== undefined);
  return any ? customProfile(base, overrides) : base;
}

function flagSettings(a: EstimateArgs): RunSettings {
  const s: RunSettings = {
    ctx: a.ctx, ngl: a.ngl, flashAttn: a.fa, cacheTypeK: a.cacheTypeK, cacheTypeV: a.cacheTypeV,
    batch: a.batch, ubatch: a.ubatch, parallel: a.parallel, nCpuMoe: a.nCpuMoe,
  };
  return Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as RunSettings;
}

// Everything printed passes through safeText: names and paths from files carry no escape sequences to the terminal.
const write = (text: string): void => { process.stdout.write(terminalText(text)); };
const writeErr = (text: string): void => { process.stderr.write(terminalText(text)); };
const writeJson = (value: unknown): void => { process.stdout.write(`${jsonText(JSON.stringify(value, null, 2))}\n`); };

function syntheticConfig(ref: string): RunConfig {
  const zero = { startLine: 0, startCol: 0, endLine: 0, endCol: 0 };
  return {
    label: ref, runtime: 'llama.cpp', modelRef: ref, baseDir: process.cwd(), settings: {}, ranges: {},
    defaultsApplied: [], range: zero,
  };
}

async function loadModel(config: RunConfig, quant: string | undefined, hw: HardwareProfile, warnings: string[]): Promise<{ spec: ModelSpec; fromModel: RunSettings }> {
  const totalVramBytes = hw.gpus.reduce((sum, g) => sum + g.vramBytes, 0);
  const r = await resolveModel(config, { totalVramBytes });
  const match = quant ? matchCatalogRef(config.modelRef) : undefined;
  // --quant re-prices a catalog model at another quantization; the runtime defaults still come from the reference.
  if (quant && match) return { spec: catalogModel(match.id, quant), fromModel: r.settingsFromModel ?? {} };
  if (!r.spec) throw new ModelFitError(r.diagnostic?.message ?? `cannot resolve model "${config.modelRef}" (tried: ${r.tried.join('; ')})`);
  if (quant && r.spec.quant.toUpperCase() !== quant.toUpperCase()) {
    warnings.push(`--quant ${quant} ignored: ${config.modelRef} is a ${r.spec.quant} file`);
  }
  return { spec: r.spec, fromModel: r.settingsFromModel ?? {} };
}

async function runEstimate(argv: string[]): Promise<number> {
  const a = parseEstimateArgs(argv);
  // A model given as FILE is estimated as --model: never read as text (a 40 GB model would not fit in memory).
  if (a.file && (/\.gguf$/i.test(a.file) || isGgufFile(a.file))) {
    if (a.model) throw new ModelFitError(`${a.file} is a GGUF model, not a config file; give it as FILE or --model, not both`);
    a.model = a.file;
    a.file = undefined;
  }
  const hw = await loadHardware(a);
  const io = { promptTokens: a.prompt, genTokens: a.gen, depth: a.depth };
  const flags = flagSettings(a);

  if (!a.file) {
    const config = syntheticConfig(a.model ?? DEFAULT_MODEL);
    const warnings: string[] = [];
    const { spec, fromModel } = await loadModel(config, a.quant, hw, warnings);
    const e = estimate(spec, { ...fromModel, ...flags }, hw, { ...io, runtime: config.runtime });
    e.warnings.unshift(...warnings);
    if (!a.model) e.warnings.unshift(`no FILE or --model given: estimated ${DEFAULT_MODEL} from the built-in catalog`);
    a.json ? writeJson(e) : write(formatEstimate(e) + '\n');
    return 0;
  }

  const file = path.resolve(a.file);
  const text = readTextFile(file, 'config', a.file);
  const parsed = parseConfigFile(file, text);
  for (const d of parsed.diagnostics) {
    if (d.severity === 'error') writeErr(`${a.file}:${d.range.startLine + 1}: ${d.message}\n`);
  }
  if (parsed.configs.length === 0) throw new ModelFitError(`no model configuration found in ${a.file}`);

  const results: unknown[] = [];
  const failures: string[] = [];
  const human: string[] = [];
  for (const base of parsed.configs) {
    const config = a.model ? { ...base, modelRef: a.model, baseDir: process.cwd() } : base;
    const line = base.range.startLine + 1;
    try {
      const warnings: string[] = [];
      const { spec, fromModel } = await loadModel(config, a.quant, hw, warnings);
      const e = estimate(spec, { ...fromModel, ...config.settings, ...flags }, hw, { ...io, runtime: config.runtime });
      e.warnings.unshift(...warnings);
      results.push({ source: { file: a.file, line }, label: config.label, runtime: config.runtime, modelRef: config.modelRef, defaultsApplied: config.defaultsApplied, ...e });
      human.push(formatEstimate(e, `── ${config.label} (${a.file}:${line}) ──`));
    } catch (err) {
      if (!(err instanceof ModelFitError)) throw err;
      failures.push(`${a.file}:${line}: ${err.message}`);
    }
  }
  a.json ? writeJson(results) : write(human.join('\n\n') + (human.length ? '\n' : ''));
  for (const f of failures) writeErr(`model-fit: ${f}\n`);
  return failures.length ? 2 : 0;
}

async function runHardware(argv: string[]): Promise<number> {
  const unknown = argv.filter((x) => x !== '--json' && x !== '--refresh');
  if (unknown.length) throw new ModelFitError(`unknown option ${unknown[0]} for "hardware"`);
  const p = await detectHardware({ allowExec: true, refresh: argv.includes('--refresh') });
  argv.includes('--json') ? writeJson(hardwareReportJson(p)) : write(formatHardwareReport(p) + '\n');
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(HELP + '\n');
      return command ? 0 : 2;
    }
    if (command === 'estimate') return await runEstimate(rest);
    if (command === 'hardware') return await runHardware(rest);
    throw new ModelFitError(`unknown command "${command}" (use estimate or hardware)`);
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
  });
}
