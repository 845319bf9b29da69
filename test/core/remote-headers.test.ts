// Opt-in remote GGUF headers (issue 11 item 7) against a Hugging-Face-like server on 127.0.0.1: the repo listing, a
// redirect to a CDN path, range requests, split shards, a server without range support, a truncated body, the cache.
// Files are virtual: the header written to the spec by the GGUF writer, then zeros up to the file's full size.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModelFitError } from '../../src/core/errors';
import { clearRemoteHeaderFailures, parseHfRef, pickGgufFiles, remoteGgufModel, resolveModel } from '../../src/core/resolve';
import type { RunConfig } from '../../src/core/types';
import { encodeGguf, f32, stringArray, u32, type EncodedGguf, type TensorSpec } from '../helpers/ggufWriter';
import { startHfServer, type HfServer } from '../helpers/hfServer';

const MiB = 2 ** 20;

function llamaTensors(layers: number): TensorSpec[] {
  const t: TensorSpec[] = [{ name: 'token_embd.weight', type: 'Q4_K', dims: [4096, 128256] }];
  for (let i = 0; i < layers; i++) {
    t.push(
      { name: `blk.${i}.attn_norm.weight`, type: 'F32', dims: [4096] },
      { name: `blk.${i}.attn_q.weight`, type: 'Q4_K', dims: [4096, 4096] },
      { name: `blk.${i}.attn_k.weight`, type: 'Q4_K', dims: [4096, 1024] },
      { name: `blk.${i}.attn_v.weight`, type: 'Q4_K', dims: [4096, 1024] },
      { name: `blk.${i}.attn_output.weight`, type: 'Q4_K', dims: [4096, 4096] },
      { name: `blk.${i}.ffn_norm.weight`, type: 'F32', dims: [4096] },
      { name: `blk.${i}.ffn_gate.weight`, type: 'Q4_K', dims: [4096, 14336] },
      { name: `blk.${i}.ffn_up.weight`, type: 'Q4_K', dims: [4096, 14336] },
      { name: `blk.${i}.ffn_down.weight`, type: 'Q4_K', dims: [14336, 4096] },
    );
  }
  t.push({ name: 'output_norm.weight', type: 'F32', dims: [4096] }, { name: 'output.weight', type: 'Q6_K', dims: [4096, 128256] });
  return t;
}

const meta = (vocab: number) => ({
  'general.architecture': 'llama',
  'llama.block_count': 32,
  'llama.context_length': 131072,
  'llama.embedding_length': 4096,
  'llama.feed_forward_length': 14336,
  'llama.attention.head_count': 32,
  'llama.attention.head_count_kv': 8,
  'llama.rope.freq_base': f32(500000),
  'tokenizer.ggml.tokens': stringArray(vocab),
});

// A header larger than the first 2 MiB request, so the reader has to ask for more.
const single = encodeGguf({ metadata: meta(400_000), tensors: llamaTensors(32) });
const all = llamaTensors(32);
const shards = [all.slice(0, 150), all.slice(150)].map((tensors, i) => {
  const split = { 'split.no': u32(i), 'split.count': u32(2), 'split.tensors.count': all.length };
  return encodeGguf({ metadata: i === 0 ? { ...meta(1000), ...split } : split, tensors });
});

const files: Record<string, EncodedGguf> = {
  'Llama-8B-Q4_K_M.gguf': single,
  'Big-Q4_K_M-00001-of-00002.gguf': shards[0],
  'Big-Q4_K_M-00002-of-00002.gguf': shards[1],
};
const listing: Record<string, string[]> = {
  'org/Llama-8B-GGUF': ['README.md', 'Llama-8B-Q8_0.gguf', 'mmproj-Q4_K_M.gguf', 'Llama-8B-Q4_K_M.gguf'],
  'org/Big-GGUF': ['Big-Q4_K_M-00002-of-00002.gguf', 'Big-Q4_K_M-00001-of-00002.gguf', 'Big-Q8_0-00001-of-00003.gguf'],
};

let srv: HfServer;
let endpoint = '';
let cacheDir = '';

before(async () => {
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'remote-gguf-'));
  srv = await startHfServer(files, listing);
  endpoint = srv.endpoint;
});
after(async () => {
  await srv.close();
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

function reset(m: HfServer['mode']): void {
  srv.mode = m;
  srv.requests = [];
  srv.servedBytes = 0;
  clearRemoteHeaderFailures();
  fs.rmSync(path.join(cacheDir, 'remote-gguf'), { recursive: true, force: true });
}

test('hf references and file choice: the quant by token, every shard, never the mmproj', () => {
  assert.deepEqual(parseHfRef('hf.co/unsloth/Qwen3-8B-GGUF:UD-Q4_K_XL'), {
    repo: 'unsloth/Qwen3-8B-GGUF',
    quant: 'UD-Q4_K_XL',
    file: undefined,
  });
  assert.deepEqual(parseHfRef('https://huggingface.co/org/r/resolve/main/sub/x-Q8_0.gguf'), {
    repo: 'org/r',
    quant: undefined,
    file: 'sub/x-Q8_0.gguf',
  });
  assert.equal(parseHfRef('ollama.com/library/llama3'), undefined);
  assert.deepEqual(pickGgufFiles(listing['org/Llama-8B-GGUF'], 'q4_k_m'), ['Llama-8B-Q4_K_M.gguf']);
  assert.deepEqual(pickGgufFiles(listing['org/Big-GGUF'], 'Q4_K_M'), ['Big-Q4_K_M-00001-of-00002.gguf', 'Big-Q4_K_M-00002-of-00002.gguf']);
  assert.deepEqual(pickGgufFiles(['m-UD-Q4_K_XL.gguf', 'm-Q4_K_XL.gguf'], 'Q4_K'), []); // Q4_K is not Q4_K_XL
  assert.deepEqual(pickGgufFiles(['m-UD-Q4_K_XL.gguf', 'm-Q4_K_XL.gguf'], 'Q4_K_XL'), ['m-Q4_K_XL.gguf']);
  assert.deepEqual(pickGgufFiles(['m-UD-Q4_K_XL.gguf', 'm-Q4_K_XL.gguf'], 'UD-Q4_K_XL'), ['m-UD-Q4_K_XL.gguf']);
});

test('reads only the header through a redirect, in growing ranges; the second read comes from the disk cache', async () => {
  reset('range');
  assert.ok(single.header.length > 2 * MiB, 'the header outgrows the first 2 MiB request');
  const spec = await remoteGgufModel('hf.co/org/Llama-8B-GGUF:Q4_K_M', { cacheDir, endpoint });
  assert.equal(spec.fileBytes, single.fileBytes);
  assert.equal(spec.nLayer, 32);
  assert.equal(spec.arch, 'llama');
  assert.match(spec.provenance, /over HTTP/);
  assert.ok(srv.requests.filter((r) => r.startsWith('/cdn/')).length >= 2, srv.requests.join(' '));
  // Ranges double from 2 MiB: never more than twice the header (plus the first request), a sliver of the file.
  assert.ok(srv.servedBytes <= 2 * single.header.length + 2 * MiB && srv.servedBytes < single.fileBytes / 100, `served ${srv.servedBytes}`);
  const before = srv.requests.length;
  const again = await remoteGgufModel('hf.co/org/Llama-8B-GGUF:Q4_K_M', { cacheDir, endpoint });
  assert.equal(again.fileBytes, single.fileBytes);
  assert.equal(srv.requests.length, before, 'no request on a cached header');
});

test("split shards: each shard's header read, sizes summed", async () => {
  reset('range');
  const spec = await remoteGgufModel('hf.co/org/Big-GGUF:Q4_K_M', { cacheDir, endpoint });
  assert.equal(spec.fileBytes, shards[0].fileBytes + shards[1].fileBytes);
  assert.equal(spec.nLayer, 32);
  assert.match(spec.provenance, /2 split shards/);
});

test('a server without range support: the body is read only as far as the header, then dropped', async () => {
  reset('no-range');
  const spec = await remoteGgufModel('hf.co/org/Big-GGUF:Q4_K_M', { cacheDir, endpoint });
  assert.equal(spec.fileBytes, shards[0].fileBytes + shards[1].fileBytes);
  // Two shards × at most the 2 MiB asked for, plus what sat in socket buffers when the client stopped.
  assert.ok(srv.servedBytes < 16 * MiB, `served ${srv.servedBytes} of ${spec.fileBytes}`);
});

test('a truncated body is a one-line error, not a hang or a wrong size', async () => {
  reset('truncated');
  await assert.rejects(remoteGgufModel('hf.co/org/Llama-8B-GGUF:Q4_K_M', { cacheDir, endpoint, timeoutMs: 5000 }), (e: unknown) => {
    assert.ok(e instanceof ModelFitError);
    assert.match(e.message, /truncated|broke off/);
    assert.ok(!e.message.includes('\n'));
    return true;
  });
});

test('resolveModel reads remote headers only when asked, after disk and catalog', async () => {
  reset('range');
  const config: RunConfig = {
    label: 't',
    runtime: 'llama.cpp',
    modelRef: 'hf.co/org/Llama-8B-GGUF:Q4_K_M',
    baseDir: cacheDir,
    settings: {},
    ranges: {},
    defaultsApplied: [],
    range: { startLine: 0, startCol: 0, endLine: 0, endCol: 0 },
  };
  const off = await resolveModel(config);
  assert.equal(off.spec, undefined);
  assert.equal(srv.requests.length, 0, 'off by default: no network');
  const on = await resolveModel(config, { remoteHeaders: { cacheDir, endpoint } });
  assert.equal(on.spec?.fileBytes, single.fileBytes);
  assert.ok(
    on.tried.some((t) => t.includes('/resolve/main/Llama-8B-Q4_K_M.gguf')),
    on.tried.join('; '),
  );
  const missing = await resolveModel({ ...config, modelRef: 'hf.co/org/Nope-GGUF:Q4_K_M' }, { remoteHeaders: { cacheDir, endpoint } });
  assert.equal(missing.spec, undefined);
  assert.match(missing.diagnostic?.message ?? '', /HTTP 404/);
});

test('a failed reference is not re-requested on every keystroke', async () => {
  reset('range');
  const o = { cacheDir, endpoint };
  await assert.rejects(remoteGgufModel('hf.co/org/Nope-GGUF:Q4_K_M', o), /HTTP 404/);
  const n = srv.requests.length;
  await assert.rejects(remoteGgufModel('hf.co/org/Nope-GGUF:Q4_K_M', o), /HTTP 404/);
  assert.equal(srv.requests.length, n);
  // Two analyses at once share one download.
  const [a, b] = await Promise.all([remoteGgufModel('hf.co/org/Big-GGUF:Q4_K_M', o), remoteGgufModel('hf.co/org/Big-GGUF:Q4_K_M', o)]);
  assert.equal(a.fileBytes, b.fileBytes);
  assert.equal(srv.requests.filter((r) => r.startsWith('/api/')).length, 2); // Nope once, Big once
});
