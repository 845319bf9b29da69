import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parseConfigFile } from '../../src/core/config';
import { parseOllamaName, resolveModel } from '../../src/core/resolve';
import type { RunConfig } from '../../src/core/types';
import { writeGguf, type TensorSpec } from '../helpers/ggufWriter';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'modelfit-resolve-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

// A tiny llama: 2 blocks of F32 attention weights (256×256 → 262144 bytes each).
const META = {
  'general.architecture': 'llama',
  'general.name': 'Tiny Llama',
  'general.file_type': 0,
  'llama.block_count': 2,
  'llama.embedding_length': 256,
  'llama.attention.head_count': 4,
  'llama.attention.head_count_kv': 2,
  'llama.feed_forward_length': 512,
  'llama.context_length': 8192,
};
function tensors(): TensorSpec[] {
  const t: TensorSpec[] = [{ name: 'token_embd.weight', type: 'F32', dims: [256, 16] }];
  for (const i of [0, 1]) t.push({ name: `blk.${i}.attn_q.weight`, type: 'F32', dims: [256, 256] });
  t.push({ name: 'output_norm.weight', type: 'F32', dims: [256] });
  return t;
}
// mmproj: one F16 tensor 14×14×3×64 → 14·14·3·64·2 = 75264 bytes.
const MMPROJ_BYTES = 14 * 14 * 3 * 64 * 2;
function writeMmproj(p: string): void {
  writeGguf(p, {
    metadata: { 'general.architecture': 'clip' },
    tensors: [{ name: 'v.patch_embd.weight', type: 'F16', dims: [14, 14, 3, 64] }],
  });
}

/** Writes a blob and returns its digest, as `ollama pull` stores it. */
function blob(store: string, write: (p: string) => void): string {
  const tmp = path.join(store, 'blobs', `tmp-${crypto.randomUUID()}`);
  fs.mkdirSync(path.dirname(tmp), { recursive: true });
  write(tmp);
  const hex = crypto
    .createHash('sha256')
    .update(new Uint8Array(fs.readFileSync(tmp)))
    .digest('hex');
  fs.renameSync(tmp, path.join(store, 'blobs', `sha256-${hex}`));
  return `sha256:${hex}`;
}

function makeStore(name: string, manifestPath: string[], params?: object): string {
  const store = path.join(root, name);
  const model = blob(store, (p) => writeGguf(p, { metadata: META, tensors: tensors() }));
  const proj = blob(store, writeMmproj);
  const layers = [
    {
      mediaType: 'application/vnd.ollama.image.model',
      digest: model,
      size: fs.statSync(path.join(store, 'blobs', model.replace(':', '-'))).size,
    },
    { mediaType: 'application/vnd.ollama.image.projector', digest: proj, size: 1 },
    { mediaType: 'application/vnd.ollama.image.template', digest: `sha256:${'0'.repeat(64)}`, size: 10 },
  ];
  if (params) {
    const d = blob(store, (p) => fs.writeFileSync(p, JSON.stringify(params)));
    layers.push({ mediaType: 'application/vnd.ollama.image.params', digest: d, size: 1 });
  }
  const manifest = {
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: `sha256:${'1'.repeat(64)}`, size: 100 },
    layers,
  };
  const mp = path.join(store, 'manifests', ...manifestPath);
  fs.mkdirSync(path.dirname(mp), { recursive: true });
  fs.writeFileSync(mp, JSON.stringify(manifest));
  return store;
}

function modelfile(text: string, dir = root): RunConfig {
  const r = parseConfigFile(path.join(dir, 'Modelfile'), text);
  assert.equal(r.configs.length, 1, JSON.stringify(r.diagnostics));
  return r.configs[0];
}

test('Ollama names → manifest path parts', () => {
  assert.deepEqual(parseOllamaName('llama3.1:8b'), { host: 'registry.ollama.ai', namespace: 'library', model: 'llama3.1', tag: '8b' });
  assert.deepEqual(parseOllamaName('qwen3'), { host: 'registry.ollama.ai', namespace: 'library', model: 'qwen3', tag: 'latest' });
  assert.deepEqual(parseOllamaName('someone/coder:v2'), { host: 'registry.ollama.ai', namespace: 'someone', model: 'coder', tag: 'v2' });
  assert.deepEqual(parseOllamaName('hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M'), {
    host: 'hf.co',
    namespace: 'bartowski',
    model: 'Llama-3.2-1B-Instruct-GGUF',
    tag: 'Q4_K_M',
  });
  assert.equal(parseOllamaName('a/b/c/d'), undefined);
  assert.equal(parseOllamaName('bad name'), undefined);
});

test('the local Ollama store: manifest → model blob header, projector size, params → settingsFromModel', async () => {
  const store = makeStore('store1', ['registry.ollama.ai', 'library', 'tiny', 'q4'], { num_ctx: 16384, num_gpu: 10, stop: ['<|x|>'] });
  const cfg = modelfile('FROM tiny:q4\n');
  const r = await resolveModel(cfg, { ollamaModelsDir: store, env: { OLLAMA_FLASH_ATTENTION: '1', OLLAMA_KV_CACHE_TYPE: 'q8_0' } });
  assert.equal(r.diagnostic, undefined);
  assert.ok(r.spec);
  assert.equal(r.spec.source, 'ollama');
  assert.equal(r.spec.nLayer, 2);
  assert.equal(r.spec.ctxTrain, 8192);
  assert.equal(r.spec.mmprojBytes, MMPROJ_BYTES);
  assert.deepEqual(r.tried, [path.join(store, 'manifests', 'registry.ollama.ai', 'library', 'tiny', 'q4')]);
  // num_ctx 16384 from the params layer → Ollama's automatic num_batch for 4096 < ctx ≤ 32768 is 1024.
  assert.deepEqual(r.settingsFromModel, {
    ctx: 16384,
    ngl: 10,
    batch: 1024,
    ubatch: 1024,
    flashAttn: 'on',
    cacheTypeK: 'q8_0',
    cacheTypeV: 'q8_0',
    parallel: 1,
  });
});

test('Ollama defaults when the model has no params: num_ctx 4096 (or OLLAMA_CONTEXT_LENGTH), num_gpu auto', async () => {
  const store = makeStore('store2', ['registry.ollama.ai', 'someone', 'tiny', 'latest']);
  const r = await resolveModel(modelfile('FROM someone/tiny\nPARAMETER num_ctx 40000\n'), { ollamaModelsDir: store, env: {} });
  assert.equal(r.spec?.source, 'ollama');
  // The Modelfile's num_ctx (40000 > 32768) drives the automatic batch: 2048.
  assert.deepEqual(r.settingsFromModel, { ctx: 4096, ngl: 'auto', batch: 2048, ubatch: 2048, flashAttn: 'auto', parallel: 1 });
  const e = await resolveModel(modelfile('FROM someone/tiny\n'), {
    env: { OLLAMA_MODELS: store, OLLAMA_CONTEXT_LENGTH: '8192', OLLAMA_FLASH_ATTENTION: 'false' },
  });
  assert.equal(e.spec?.source, 'ollama');
  assert.equal(e.settingsFromModel?.ctx, 8192);
  assert.equal(e.settingsFromModel?.batch, 1024);
  assert.equal(e.settingsFromModel?.flashAttn, 'off');
});

test('hf.co names in the Ollama store', async () => {
  const store = makeStore('store3', ['hf.co', 'bartowski', 'Tiny-GGUF', 'Q4_K_M']);
  const r = await resolveModel(modelfile('FROM hf.co/bartowski/Tiny-GGUF:Q4_K_M\n'), { ollamaModelsDir: store, env: {} });
  assert.equal(r.spec?.name, 'Tiny Llama');
});

test('local GGUF: relative to the config, a directory (mmproj skipped), adjacent mmproj named by the config', async () => {
  const dir = path.join(root, 'proj');
  fs.mkdirSync(path.join(dir, 'models', 'tiny'), { recursive: true });
  writeGguf(path.join(dir, 'models', 'tiny', 'tiny-F32.gguf'), { metadata: META, tensors: tensors() });
  writeMmproj(path.join(dir, 'models', 'tiny', 'mmproj-tiny-F16.gguf'));
  const a = await resolveModel(modelfile('FROM ./models/tiny/tiny-F32.gguf\n', dir), { ollamaModelsDir: path.join(root, 'none'), env: {} });
  assert.equal(a.spec?.source, 'gguf');
  assert.equal(a.spec?.ref, path.join(dir, 'models', 'tiny', 'tiny-F32.gguf'));
  const b = await resolveModel(modelfile('FROM ./models/tiny\n', dir), { env: {} });
  assert.equal(b.spec?.ref, path.join(dir, 'models', 'tiny', 'tiny-F32.gguf'));
  const sh = parseConfigFile(
    path.join(dir, 'run.sh'),
    'llama-server -m models/tiny/tiny-F32.gguf --mmproj models/tiny/mmproj-tiny-F16.gguf\n',
  ).configs[0];
  const c = await resolveModel(sh, { env: {} });
  assert.equal(c.spec?.mmprojBytes, MMPROJ_BYTES);
  assert.equal(c.settingsFromModel, undefined);
});

test('not found anywhere: resolve.not-found on the model reference, listing what was tried', async () => {
  const cfg = modelfile('FROM nosuchmodel:7b\n');
  const store = path.join(root, 'empty-store');
  const r = await resolveModel(cfg, { ollamaModelsDir: store, env: {} });
  assert.equal(r.spec, undefined);
  assert.equal(r.diagnostic?.code, 'resolve.not-found');
  assert.deepEqual(r.diagnostic?.range, { startLine: 0, startCol: 5, endLine: 0, endCol: 19 });
  assert.deepEqual(r.tried, [
    `Ollama store ${store} (no manifest registry.ollama.ai/library/nosuchmodel:7b)`,
    'catalog (no matching model)',
  ]);
  assert.match(r.diagnostic!.message, /empty-store/);
});

test('catalog fallback: a library tag that is not pulled, a GGUF path that is not downloaded yet', async () => {
  const r = await resolveModel(modelfile('FROM llama3.1:8b\n'), { ollamaModelsDir: path.join(root, 'none'), env: {} });
  assert.equal(r.spec?.source, 'catalog');
  assert.equal(r.spec?.quant, 'Q4_K_M');
  assert.match(r.spec!.provenance, /catalog estimate/);
  const sh = parseConfigFile(path.join(root, 'run.sh'), 'llama-server -m models/Llama-3.2-1B-Instruct-Q8_0.gguf\n').configs[0];
  const s = await resolveModel(sh, { env: {} });
  assert.equal(s.spec?.source, 'catalog');
  assert.equal(s.spec?.quant, 'Q8_0');
  assert.equal(s.tried[0], `${path.join(root, 'models', 'Llama-3.2-1B-Instruct-Q8_0.gguf')} (not found)`);
});

test("a broken GGUF is reported with the reader's message, not thrown", async () => {
  const p = path.join(root, 'broken.gguf');
  fs.writeFileSync(p, 'GGUF\x03\x00\x00\x00garbage');
  const sh = parseConfigFile(path.join(root, 'b.sh'), `llama-server -m ${p}\n`).configs[0];
  const r = await resolveModel(sh, { env: {} });
  assert.equal(r.spec, undefined);
  assert.equal(r.diagnostic?.code, 'resolve.not-found');
  assert.match(r.diagnostic!.message, /broken\.gguf/);
});
