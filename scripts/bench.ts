// npm run bench — speed of the things users wait for: an estimate, a keystroke re-analysis of a
// Modelfile on a local GGUF, reading a multi-GB GGUF header vs the raw bytes, hardware detection,
// and the extension's activation time (measured by the e2e run in code-server).
import { writeReadmeBlock } from './readmeBlock';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SCRIPT_CALIBRATION_DIR, realGgufFile } from '../test/helpers/calibrationData';
import { performance } from 'node:perf_hooks';
import { analyzeDocument } from '../src/core/analyze';
import { catalogModel } from '../src/core/catalog';
import { estimate } from '../src/core/estimate';
import { hardwarePreset } from '../src/core/hardware';
import { benchGgufHeader } from './bench-gguf';
import { benchDetection } from './bench-hardware';

function percentile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

async function time(runs: number, fn: () => unknown | Promise<unknown>): Promise<{ p50: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

const ms = (x: number) => `${x.toFixed(x < 1 ? 3 : 1)} ms`;

const said: string[] = [];
/** Prints a result line and keeps it for the README block. */
function say(line: string): void {
  console.log(line);
  said.push(line);
}

async function main(): Promise<void> {
  const machine = `${os.cpus()[0]?.model?.trim() ?? 'unknown CPU'} × ${os.cpus().length}, Node ${process.version}`;
  console.log(`# Model Fit benchmarks — ${machine}\n`);
  const hw = hardwarePreset('rtx3060-ddr4');

  const spec = catalogModel('llama3.1-8b', 'Q4_K_M');
  const one = await time(2000, () => estimate(spec, { ctx: 8192 }, hw));
  say(`estimate (catalog Llama 3.1 8B, auto offload):        p50 ${ms(one.p50)}  p95 ${ms(one.p95)}`);
  const moe = catalogModel('qwen3-30b-a3b', 'Q4_K_M');
  const moeT = await time(500, () => estimate(moe, { ctx: 32768 }, hw));
  say(`estimate (catalog Qwen3-30B-A3B, partial offload):     p50 ${ms(moeT.p50)}  p95 ${ms(moeT.p95)}`);

  // Keystroke path: a Modelfile whose FROM is a local multi-GB GGUF (header cached after the first read).
  const dir = mkdtempSync(path.join(os.tmpdir(), 'model-fit-bench-'));
  try {
    const header = await benchGgufHeader();
    for (const h of header) {
      say(
        `GGUF header ${h.label} (${(h.fileBytes / 1e9).toFixed(1)} GB file, ${(h.headerBytes / 1e6).toFixed(1)} MB header): reader p50 ${ms(h.readerP50Ms)} p95 ${ms(h.readerP95Ms)} — raw read of the same bytes p50 ${ms(h.rawReadP50Ms)}`,
      );
    }
    // The real headers of the 8B at Q4_K_M, Q4_0 and Q8_0 side by side: the quick fix weighs the siblings too.
    const gguf = path.join(dir, 'llama3.1-8b-Q4_K_M.gguf');
    {
      for (const q of ['Q4_K_M', 'Q4_0', 'Q8_0']) realGgufFile(`llama3.1-8b-${q}.gguf`, dir, SCRIPT_CALIBRATION_DIR);
      const modelfile = path.join(dir, 'Modelfile');
      const text = `FROM ${gguf}\nPARAMETER num_ctx 8192\nPARAMETER num_gpu 20\n`;
      writeFileSync(modelfile, text);
      await analyzeDocument(modelfile, text, { hardware: hw });
      let n = 0;
      const keystroke = await time(300, () =>
        analyzeDocument(modelfile, text.replace('8192', String(8192 + (n++ % 7) * 1024)), { hardware: hw }),
      );
      say(
        `re-analyze a Modelfile after a keystroke (local GGUF, 2 sibling quants): p50 ${ms(keystroke.p50)}  p95 ${ms(keystroke.p95)}  (target < 5 ms p95)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const det = await benchDetection();
  say(`hardware detection on this machine:                    cold ${ms(det.coldMs)}  warm ${ms(det.warmMs)}`);

  say(`bundle (production build, minified): ${await bundleSizes()}`);

  const activation = path.resolve(__dirname, '../test-results/activation.json');
  if (existsSync(activation)) {
    const a = JSON.parse(readFileSync(activation, 'utf8'));
    say(
      `extension activation in code-server (npm run test:e2e): ${ms(Number(a.activationMs))}  (measured ${a.measuredAt ?? 'by the last e2e run'})`,
    );
  } else {
    say('extension activation: run `npm run test:e2e` first (it measures activation in a real code-server)');
  }
  // `npm run bench -- --readme`: the README's benchmark block is this run's output.
  if (process.argv.includes('--readme'))
    writeReadmeBlock(
      'bench',
      `\`npm run bench\` on ${machine}, ${new Date().toISOString().slice(0, 10)}:\n\n\`\`\`\n${said.join('\n')}\n\`\`\``,
    );
}

/** Sizes of the production bundles as `npm run package` builds them, without writing them. */
async function bundleSizes(): Promise<string> {
  const { bundleBytes } = await import('./bundles.mjs');
  const b = await bundleBytes();
  const kb = (n: number) => `${(n / 1000).toFixed(0)} KB (${n.toLocaleString('en-US')} B)`;
  return `extension ${kb(b.extension)}, CLI ${kb(b.cli)}`;
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
