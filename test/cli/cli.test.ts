// The CLI is a contract for scripts and outside checks: run the built bundle as a user would.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeGguf, stringArray } from '../helpers/ggufWriter';

const root = path.resolve(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
let dir: string;

function run(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

before(() => {
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root });
  dir = mkdtempSync(path.join(os.tmpdir(), 'model-fit-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('model-fit estimate --json', () => {
  it('prints the contract fields for a catalog model on a preset machine', () => {
    const r = run('estimate', '--model', 'llama3.1:8b', '--hardware', 'rtx3060-ddr4', '--ctx', '8192', '--json');
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout);
    assert.equal(e.model.quant, 'Q4_K_M');
    assert.equal(e.model.fileBytes, 4_920_733_920); // the real file's size (../shared/calibration/gguf/sizes.json)
    assert.equal(e.model.layers, 32);
    assert.equal(e.model.arch, 'llama');
    assert.equal(e.settings.ctx, 8192);
    assert.equal(e.settings.ngl, 33);
    assert.equal(e.settings.fa, true);
    assert.equal(e.settings.cacheTypeK, 'f16');
    assert.equal(e.settings.ubatch, 512);
    assert.equal(e.settings.parallel, 1);
    assert.deepEqual(e.offload, { gpuLayers: 33, totalLayers: 33, cpuMoeBlocks: 0 });
    // KV: 32 layers × 8 KV heads × 128 × 2 (K,V) × 2 bytes × 8192 cells = 1 GiB, all on the GPU.
    assert.equal(e.memory.breakdown.kvGpu, 1024 ** 3);
    assert.equal(e.memory.breakdown.kvHost, 0);
    const b = e.memory.breakdown;
    assert.equal(e.memory.gpuBytes, b.weightsGpu + b.kvGpu + b.computeGpu + b.overheadGpu);
    for (const k of ['decodeTps', 'decodeTpsLow', 'decodeTpsHigh', 'prefillTps', 'prefillTpsLow', 'prefillTpsHigh', 'ttftSeconds']) {
      assert.equal(typeof e.speed[k], 'number', k);
      assert.ok(e.speed[k] > 0, k);
    }
    assert.ok(e.speed.decodeTpsLow <= e.speed.decodeTps && e.speed.decodeTps <= e.speed.decodeTpsHigh);
    assert.equal(e.fits, true);
    assert.ok(Array.isArray(e.warnings));
  });

  it('--gpu none runs everything on the CPU', () => {
    const r = run('estimate', '--model', 'llama3.1:8b', '--hardware', 'rtx3060-ddr4', '--gpu', 'none', '--ctx', '4096', '--json');
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout);
    assert.equal(e.memory.gpuBytes, 0);
    assert.equal(e.settings.ngl, 0);
    assert.equal(e.offload.gpuLayers, 0);
    assert.equal(e.memory.breakdown.kvHost, 512 * 1024 ** 2);
  });

  it('explicit flags override the file; a Modelfile gives one object per configuration with its source line', () => {
    const file = path.join(dir, 'Modelfile');
    writeFileSync(file, '# my assistant\nFROM qwen3:30b-a3b\nPARAMETER num_ctx 16384\nPARAMETER temperature 0.6\n');
    const r = run('estimate', file, '--hardware', 'rtx3060-ddr4', '--json');
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout);
    assert.equal(list.length, 1);
    assert.deepEqual(list[0].source, { file, line: 2 });
    assert.equal(list[0].settings.ctx, 16384);
    assert.equal(list[0].model.arch, 'qwen3moe');
    const over = JSON.parse(run('estimate', file, '--hardware', 'rtx3060-ddr4', '--ctx', '4096', '--json').stdout);
    assert.equal(over[0].settings.ctx, 4096);
  });

  it('a file estimated as written carries its diagnostics and proven quick fixes (JSON gains "diagnostics")', () => {
    const file = path.join(dir, 'low-ngl.modelfile');
    writeFileSync(file, 'FROM llama3.1:8b\nPARAMETER num_gpu 10\n');
    const r = run('estimate', file, '--hardware', 'rtx3060-ddr4', '--json');
    assert.equal(r.code, 0, r.stderr);
    const [d] = JSON.parse(r.stdout)[0].diagnostics;
    assert.equal(d.code, 'fit.partial');
    assert.equal(d.line, 2);
    assert.match(d.fixes[0].title, /^Raise num_gpu to 33 \(all layers fit\) → fits on the GPU/);
    assert.equal(d.fixes[0].edits[0].newText, '33');
    const text = run('estimate', file, '--hardware', 'rtx3060-ddr4').stdout;
    assert.match(text, /\nfix {7}Raise num_gpu to 33 \(all layers fit\)/);
    // With an override the file is not what is estimated: no fixes for it.
    assert.equal(JSON.parse(run('estimate', file, '--hardware', 'rtx3060-ddr4', '--ngl', '33', '--json').stdout)[0].diagnostics, undefined);
  });

  it('reads a local GGUF header', () => {
    const gguf = path.join(dir, 'tiny.gguf');
    writeGguf(gguf, {
      metadata: {
        'general.architecture': 'llama',
        'general.name': 'Tiny',
        'general.file_type': 1,
        'llama.block_count': 2,
        'llama.embedding_length': 256,
        'llama.feed_forward_length': 512,
        'llama.attention.head_count': 4,
        'llama.attention.head_count_kv': 2,
        'llama.context_length': 2048,
        'tokenizer.ggml.tokens': stringArray(1000),
      },
      tensors: [
        { name: 'token_embd.weight', type: 'F16', dims: [256, 1000] },
        ...[0, 1].flatMap((i) => [{ name: `blk.${i}.attn_q.weight`, type: 'F16', dims: [256, 256] }]),
        { name: 'output.weight', type: 'F16', dims: [256, 1000] },
      ],
    });
    const e = JSON.parse(run('estimate', '--model', gguf, '--gpu', 'none', '--ram', '16', '--json').stdout);
    assert.equal(e.model.name, 'Tiny');
    assert.equal(e.model.layers, 2);
    assert.equal(e.settings.ctx, 2048); // llama-server's default: the trained context
    // token_embd + 2 blocks + output, all F16, on the host.
    assert.equal(e.memory.breakdown.weightsHost, 2 * (256 * 1000 + 2 * 256 * 256 + 256 * 1000));
  });
});

describe('model-fit errors', () => {
  const oneLine = (r: { code: number; stderr: string }, pattern: RegExp) => {
    assert.equal(r.code, 2);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], pattern);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  };

  it('bad flag value', () => oneLine(run('estimate', '--ctx', 'lots'), /--ctx: expected a whole number/));
  it('unknown flag', () => oneLine(run('estimate', '--turbo'), /unknown option --turbo/));
  it('unknown model', () => oneLine(run('estimate', '--model', 'no-such-model:13b', '--gpu', 'none'), /no-such-model/));
  it('unknown KV type', () => oneLine(run('estimate', '-ctk', 'q3_0'), /cache-type|-ctk/));
  it('unknown preset', () => oneLine(run('estimate', '--hardware', 'cray-1'), /cray-1/));
  it('truncated GGUF', () => {
    const bad = path.join(dir, 'bad.gguf');
    writeFileSync(bad, Buffer.from('GGUF\x03\x00\x00\x00\x05', 'latin1') as unknown as Uint8Array);
    oneLine(run('estimate', '--model', bad, '--gpu', 'none'), /bad\.gguf|GGUF/);
  });
  it('missing FILE', () => oneLine(run('estimate', path.join(dir, 'nope', 'Modelfile')), /cannot read/));
});

describe('model-fit hardware --json', () => {
  it('reports what was detected and how', () => {
    const r = run('hardware', '--json');
    assert.equal(r.code, 0, r.stderr);
    const h = JSON.parse(r.stdout);
    assert.ok(Array.isArray(h.gpus));
    assert.ok(h.ramBytes > 0);
    assert.ok(h.ramBandwidthGBs > 0);
    assert.equal(typeof h.cpu.model, 'string');
    assert.ok(h.cpu.threads >= 1);
  });
});
