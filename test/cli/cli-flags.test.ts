// The CLI explains itself: every documented flag goes through the parser, every command has --help,
// and the messages name what the user typed. Runs main() in-process (the bundle is tested in cli.test.ts).
import { runCliInProcess } from '../helpers/runCli';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { version } from '../../package.json';
import { COMMAND_FLAGS, parseArgs, type FlagSpec, type Kind } from '../../src/cli/args';
import { catalogEntry, catalogTensors } from '../../src/core/catalog';
import { GiB, MiB } from '../../src/core/units';
import { writeGguf } from '../helpers/ggufWriter';

const run = runCliInProcess;

const SAMPLE: Record<Kind, { raw: string; parsed: unknown }> = {
  int: { raw: '4096', parsed: 4096 },
  num: { raw: '7.5', parsed: 7.5 },
  str: { raw: 'qwen3:8b', parsed: 'qwen3:8b' },
  ngl: { raw: '20', parsed: 20 },
  fa: { raw: 'off', parsed: 'off' },
  kv: { raw: 'Q8_0', parsed: 'q8_0' },
  bool: { raw: '', parsed: true },
  split: { raw: '3,1', parsed: [3, 1] },
  splitMode: { raw: 'row', parsed: 'row' },
  list: { raw: 'bench.jsonl', parsed: ['bench.jsonl'] },
};

describe('every documented flag', () => {
  for (const [command, flags] of Object.entries(COMMAND_FLAGS) as Array<[keyof typeof COMMAND_FLAGS, FlagSpec[]]>) {
    it(`${command}: each spelling parses, as "--flag value" and "--flag=value"`, () => {
      for (const f of flags) {
        for (const name of f.names) {
          const { raw, parsed } = SAMPLE[f.kind];
          const forms = f.kind === 'bool' ? [[name]] : [[name, raw], [`${name}=${raw}`]];
          for (const argv of forms) {
            const a = parseArgs(command, argv, false) as unknown as Record<string, unknown>;
            assert.deepEqual(a[f.key], parsed, `${command} ${argv.join(' ')}`);
          }
        }
        assert.ok(f.help.length > 0, `${f.names[0]} has a meaning`);
        if (f.kind !== 'bool') assert.ok(f.default, `${f.names[0]} documents its default`);
      }
    });
  }

  it('a bad value names the flag as typed', () => {
    assert.throws(() => parseArgs('estimate', ['-c', 'lots'], true), { message: /^-c: expected a whole number/ });
    assert.throws(() => parseArgs('recommend', ['--min-tps', '-3'], false), /--min-tps: expected a number/);
    assert.throws(() => parseArgs('recommend', ['--quant', 'Q4_K_M'], false), /unknown option --quant \(see model-fit recommend --help\)/);
  });

  it('a list flag takes the words up to the next flag, and adds to itself when given again', () => {
    const a = parseArgs('calibrate', ['--from', 'a.log', 'b.jsonl', '--models', 'm', '--from', 'c.txt', '--json'], false);
    assert.deepEqual([a.from, a.models, a.json], [['a.log', 'b.jsonl', 'c.txt'], ['m'], true]);
    assert.throws(() => parseArgs('calibrate', ['--from', '--json'], false), /^Error: --from needs a value$|--from needs a value/);
  });
});

describe('help and version', () => {
  for (const command of ['estimate', 'recommend', 'compare', 'calibrate', 'hardware', 'models', 'presets', 'gpus']) {
    it(`${command} --help lists every flag with its default`, async () => {
      const r = await run(command, '--help');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^usage: model-fit ${command}`));
      const group = command === 'models' || command === 'presets' || command === 'gpus' ? 'list' : command;
      for (const f of COMMAND_FLAGS[group as keyof typeof COMMAND_FLAGS]) {
        for (const n of f.names) assert.ok(r.stdout.includes(n), `${command} --help mentions ${n}`);
        if (f.default) assert.ok(r.stdout.includes(`(default: ${f.default})`), `${f.names[0]} default shown`);
      }
    });
  }

  it("--help names every command; --version prints package.json's version", async () => {
    const h = await run('--help');
    for (const c of ['estimate', 'recommend', 'compare', 'hardware', 'models', 'presets', 'gpus'])
      assert.match(h.stdout, new RegExp(`model-fit ${c}`));
    const v = await run('--version');
    assert.equal(v.stdout, `model-fit ${version}\n`);
  });
});

describe('lists', () => {
  it('models, presets and gpus print JSON with the ids the other flags take', async () => {
    const models = JSON.parse((await run('models', '--json')).stdout) as Array<{ id: string; ollamaTag: string | null; nParams: number }>;
    const l8 = models.find((m) => m.id === 'llama3.1-8b');
    assert.equal(l8?.ollamaTag, 'llama3.1:8b');
    assert.ok(l8 && l8.nParams > 8.0e9 && l8.nParams < 8.1e9);
    const presets = JSON.parse((await run('presets', '--json')).stdout) as Array<{ id: string; ramBandwidthGBs: number }>;
    assert.equal(presets.find((p) => p.id === 'optane-768')?.ramBandwidthGBs, 100);
    const gpus = JSON.parse((await run('gpus', '--json')).stdout) as Array<{ name: string; vramGiB: number }>;
    assert.equal(gpus.find((g) => g.name === 'GeForce RTX 3090')?.vramGiB, 24);
    assert.match((await run('presets')).stdout, /^id\s+GPU/);
  });
});

describe('estimate flags', () => {
  it('preset ids are case-insensitive', async () => {
    const r = await run('estimate', '--hardware', 'RTX3060-DDR4', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).hardware.id, 'rtx3060-ddr4');
  });

  it('override errors name the flag, not the setting', async () => {
    const r = await run('estimate', '--hardware', 'rtx4090', '--vram', '0.1');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--vram must be/);
    assert.doesNotMatch(r.stderr, /vramGiB/);
    const g = await run('estimate', '--hardware', 'rtx4090', '--gpu', 'Imaginary 9000');
    assert.match(g.stderr, /\(--vram, --gpu-bandwidth\)/);
  });

  it('warns about values that are legal but probably wrong', async () => {
    const r = await run(
      'estimate',
      '--model',
      'llama3.1:8b',
      '--hardware',
      'rtx3060-ddr4',
      '--ctx',
      '4096',
      '--depth',
      '8000',
      '--n-cpu-moe',
      '4',
      '--free-vram',
      '30',
      '--prompt',
      '0',
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout);
    const w = e.warnings.join('\n');
    assert.match(w, /--depth 8000 is more than the 4096-token context/);
    assert.match(w, /--n-cpu-moe 4 has no effect: Llama 3\.1 8B Instruct is a dense model/);
    assert.match(w, /--free-vram 30 GiB is more than the card's 12\.0 GiB/);
    assert.match(w, /--prompt 0/);
    // a dense model keeps nothing on the CPU for --n-cpu-moe
    assert.equal(e.offload.cpuMoeBlocks, 0);
    const moe = JSON.parse(
      (await run('estimate', '--model', 'qwen3:30b', '--hardware', 'rtx3060-ddr4', '--ctx', '4096', '--n-cpu-moe', '60', '--json')).stdout,
    );
    assert.match(moe.warnings.join('\n'), /--n-cpu-moe 60 is more than the model's 48 blocks/);
    const trained = JSON.parse(
      (await run('estimate', '--model', 'phi3:mini', '--hardware', 'rtx3060-ddr4', '--ctx', '8192', '--json')).stdout,
    );
    assert.match(trained.warnings.join('\n'), /longer than the 4096 tokens the model was trained on/);
  });

  it('--gpu "2x RTX 3090" gives two cards; "RTX 4090,RTX 3090" two different ones', async () => {
    const two = JSON.parse(
      (await run('estimate', '--hardware', 'rtx3060-ddr4', '--gpu', '2x RTX 3090', '--model', 'llama3.1:70b', '--ctx', '8192', '--json'))
        .stdout,
    );
    // each card: 24 GiB less the 600 MiB the desktop is assumed to hold
    assert.equal(two.hardware.freeVramBytes, 2 * (24 * GiB - 600 * MiB));
    assert.match(two.hardware.label, /^2× RTX 3090 24 GB/);
    assert.equal(two.fits, true);
    const mixed = JSON.parse((await run('estimate', '--hardware', 'rtx3060-ddr4', '--gpu', 'RTX 4090,RTX 3090', '--json')).stdout);
    assert.equal(mixed.hardware.freeVramBytes, 2 * (24 * GiB - 600 * MiB));
    assert.match(mixed.hardware.label, /\+ 1 more/);
  });

  it('the text output names the runtime whose defaults it assumed', async () => {
    const r = await run('estimate', '--model', 'llama3.1:8b', '--hardware', 'rtx3060-ddr4');
    assert.match(r.stdout, /^runtime +llama\.cpp's defaults \(llama-server\)/m);
  });
});

describe('--model from the local Ollama store', () => {
  const store = fs.mkdtempSync(path.join(os.tmpdir(), 'model-fit-store-'));
  const saved = process.env.OLLAMA_MODELS;
  after(() => {
    if (saved === undefined) delete process.env.OLLAMA_MODELS;
    else process.env.OLLAMA_MODELS = saved;
    fs.rmSync(store, { recursive: true, force: true });
  });

  it("a pulled tag is read from its blob with Ollama's defaults, as the extension does", async () => {
    const e = catalogEntry('llama3.2-1b')!;
    const digest = 'a'.repeat(64);
    fs.mkdirSync(path.join(store, 'blobs'), { recursive: true });
    writeGguf(path.join(store, 'blobs', `sha256-${digest}`), {
      metadata: {
        'general.architecture': 'llama',
        'general.name': 'Store Llama 1B',
        'general.file_type': 7,
        'llama.block_count': e.nLayer,
        'llama.embedding_length': e.nEmbd,
        'llama.feed_forward_length': e.nFf,
        'llama.attention.head_count': e.nHead,
        'llama.attention.head_count_kv': e.nHeadKv,
        'llama.context_length': e.ctxTrain,
        'llama.attention.key_length': e.headDim,
        'llama.attention.value_length': e.headDim,
        'llama.vocab_size': e.nVocab,
      },
      tensors: catalogTensors('llama3.2-1b', 'Q8_0').map((t) => ({ name: t.name, type: t.type, dims: t.dims })),
    });
    const manifestDir = path.join(store, 'manifests', 'registry.ollama.ai', 'library', 'mini');
    fs.mkdirSync(manifestDir, { recursive: true });
    fs.writeFileSync(
      path.join(manifestDir, 'latest'),
      JSON.stringify({
        schemaVersion: 2,
        layers: [{ mediaType: 'application/vnd.ollama.image.model', digest: `sha256:${digest}`, size: 1 }],
      }),
    );
    process.env.OLLAMA_MODELS = store;
    const r = await run('estimate', '--model', 'mini', '--hardware', 'rtx3060-ddr4', '--json');
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.model.source, 'ollama');
    assert.equal(j.model.name, 'Store Llama 1B');
    assert.equal(j.runtime, 'ollama');
    // Ollama's default context on a 12 GB card is 4096 (< 24 GiB of VRAM)
    assert.equal(j.settings.ctx, 4096);
    const rec = JSON.parse((await run('recommend', '--hardware', 'rtx3060-ddr4', '--models-dir', store, '--json')).stdout);
    assert.equal(rec.recommendations[0].origin, 'ollama');
    assert.equal(rec.recommendations[0].ref, 'mini:latest');
    assert.match(rec.recommendations[0].run.modelfile, /^FROM mini:latest\nPARAMETER num_ctx 8192$/);
  });
});

describe('recommend', () => {
  it('prints a ranked list with the run lines; --use is checked', async () => {
    const r = await run('recommend', '--hardware', 'rtx3060-ddr4', '--no-local', '--limit', '3');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Best for RTX 3060 12 GB \+ DDR4-3200 32 GB — chat, 8192-token context, at least 10 tok\/s decode/);
    assert.equal((r.stdout.match(/^ {1,2}\d+\. /gm) ?? []).length, 3);
    assert.match(r.stdout, /llama-server -m \S+\.gguf -c 8192 -ngl 99 --n-cpu-moe \d+/);
    const bad = await run('recommend', '--use', 'poetry');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--use: expected chat, code, vision, long-context, got "poetry"/);
  });
});

describe('several GPUs', () => {
  it('-ts 3,1 on 2× RTX 3090 overfills GPU 0 with a 70B: the estimate says it does not load', async () => {
    const r = await run(
      'estimate',
      '--model',
      'llama3.1:70b',
      '--hardware',
      'rtx3060-ddr4',
      '--gpu',
      '2x RTX 3090',
      '--ctx',
      '8192',
      '-ts',
      '3,1',
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    const e = JSON.parse(r.stdout);
    assert.equal(e.devices.length, 2);
    assert.equal(e.devices[0].layers.length, 61); // il / 81 < 0.75
    assert.equal(e.fits, false);
    assert.match(e.warnings.join('\n'), /GPU 0 \(GeForce RTX 3090\) needs .* for its 61 layers/);
    const even = JSON.parse(
      (await run('estimate', '--model', 'llama3.1:70b', '--hardware', 'rtx3060-ddr4', '--gpu', '2x RTX 3090', '--ctx', '8192', '--json'))
        .stdout,
    );
    assert.deepEqual(
      even.devices.map((d: { layers: number[] }) => d.layers.length),
      [41, 40],
    );
    assert.equal(even.fits, true);
    const text = (await run('estimate', '--model', 'llama3.1:70b', '--hardware', 'rtx3060-ddr4', '--gpu', '2x RTX 3090', '--ctx', '8192'))
      .stdout;
    assert.match(text, /^gpu 0 +GeForce RTX 3090: layers 0–40 \(41\)/m);
  });
});

describe('compare', () => {
  it("the article's rigs side by side: tok/s per $1000 from the sourced price, J/token from the published wall power", async () => {
    const r = await run('compare', '--model', 'qwen3:14b', '--ctx', '8192', '--json');
    assert.equal(r.code, 0, r.stderr);
    const { rows } = JSON.parse(r.stdout) as { rows: Array<Record<string, any>> };
    assert.deepEqual(
      rows.map((x) => x.preset),
      ['rtx3060-ddr4', 'ddr5-cpu', 'optane-768'],
    );
    const [gpu, cpu, optane] = rows;
    assert.equal(gpu.price.usd, 1050);
    assert.equal(gpu.decodeTpsPer1000Usd, (gpu.decodeTps / 1050) * 1000);
    // GPU-only run: the RTX 3060's 170 W board power over its decode speed
    assert.equal(gpu.powerBasis, 'gpu-board');
    assert.equal(gpu.joulesPerToken, 170 / gpu.decodeTps);
    assert.equal(cpu.price, null);
    assert.equal(optane.joulesPerToken, 850 / optane.decodeTps);
    assert.ok(gpu.decodeTps > 4 * cpu.decodeTps, 'the article: the GPU rig wins by 4-5x at sizes that fit 12 GB');
  });
});

describe('parallel slots', () => {
  it('-np 4 adds per-stream and aggregate decode; OLLAMA_NUM_PARALLEL does the same for Ollama models', async () => {
    const e = JSON.parse(
      (await run('estimate', '--model', 'llama3.1:8b', '--hardware', 'rtx3060-ddr4', '--ctx', '16384', '-np', '4', '--json')).stdout,
    );
    assert.equal(e.parallelSlots.slots, 4);
    assert.equal(e.parallelSlots.aggregateTps, 4 * e.parallelSlots.perStreamTps);
    const one = JSON.parse(
      (await run('estimate', '--model', 'llama3.1:8b', '--hardware', 'rtx3060-ddr4', '--ctx', '16384', '--json')).stdout,
    );
    assert.equal(one.parallelSlots, undefined);
  });
});

describe('RPC servers', () => {
  it('come first in the device order; each hop of the hidden state over the network adds to every token', async () => {
    const base = [
      'estimate',
      '--model',
      'llama3.1:70b',
      '--hardware',
      'rtx4090',
      '--rpc',
      '192.168.1.20:50052',
      '--rpc-gpu',
      'RTX 3090',
      '--ctx',
      '8192',
      '--json',
    ];
    const noNet = JSON.parse((await run(...base)).stdout);
    assert.equal(noNet.devices[0].name, 'RPC 192.168.1.20:50052 (GeForce RTX 3090)');
    assert.equal(noNet.devices[0].layers[0], 0);
    assert.equal(noNet.devices[1].name, 'GeForce RTX 4090');
    const net = JSON.parse((await run(...base, '--rpc-bandwidth', '1')).stdout);
    // CPU (embedding) → RPC server at block 0, server → local 4090 at block 41: two hops of 8192 × 4 bytes
    assert.equal(net.rpcNetwork.crossingsPerToken, 2);
    assert.equal(net.rpcNetwork.bytesPerToken, 2 * 8192 * 4);
    const seconds = (2 * 8192 * 4 * 8) / 1e9;
    assert.ok(Math.abs(net.speed.decodeTps - 1 / (1 / noNet.speed.decodeTps + seconds)) < 1e-9);
    const bad = await run('estimate', '--rpc', 'nohost', '--rpc-gpu', 'RTX 3090');
    assert.match(bad.stderr, /--rpc: expected HOST:PORT, got "nohost"/);
    const noGpu = await run('estimate', '--rpc', 'h:1');
    assert.match(noGpu.stderr, /--rpc needs --rpc-gpu NAME/);
  });
});

describe('multi-GPU settings from a config file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-fit-mgpu-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  it('-ts, -sm and -mg on a llama-server line are used like the flags', async () => {
    const file = path.join(dir, 'serve.sh');
    fs.writeFileSync(file, '#!/bin/sh\nexec llama-server -m models/Llama-3.1-70B-Instruct-Q4_K_M.gguf -c 8192 -ngl 99 -sm none -mg 1\n');
    const r = await run('estimate', file, '--hardware', 'rtx3060-ddr4', '--gpu', '2x RTX 3090', '--json');
    assert.equal(r.code, 0, r.stderr);
    const [e] = JSON.parse(r.stdout);
    assert.deepEqual(
      e.devices.map((d: { layers: number[] }) => d.layers.length),
      [0, 81],
    );
    assert.equal(e.fits, false);
    fs.writeFileSync(file, 'llama-server -m models/Llama-3.1-70B-Instruct-Q4_K_M.gguf -c 8192 -ngl 99 -ts 1,1\n');
    const [even] = JSON.parse((await run('estimate', file, '--hardware', 'rtx3060-ddr4', '--gpu', '2x RTX 3090', '--json')).stdout);
    assert.deepEqual(
      even.devices.map((d: { layers: number[] }) => d.layers.length),
      [41, 40],
    );
  });
});
