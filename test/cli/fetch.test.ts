// `model-fit estimate --fetch`: an hf.co model neither the disk nor the catalog has is sized from its GGUF header,
// read from HF_ENDPOINT (a Hugging-Face-like server on 127.0.0.1); without --fetch nothing is requested.
import { runCliInProcess } from '../helpers/runCli';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clearRemoteHeaderFailures } from '../../src/core/resolve';
import { encodeGguf, f32, stringArray, type TensorSpec } from '../helpers/ggufWriter';
import { startHfServer, type HfServer } from '../helpers/hfServer';

const tensors: TensorSpec[] = [{ name: 'token_embd.weight', type: 'Q8_0', dims: [2048, 32000] }];
for (let i = 0; i < 16; i++) {
  tensors.push(
    { name: `blk.${i}.attn_q.weight`, type: 'Q8_0', dims: [2048, 2048] },
    { name: `blk.${i}.attn_k.weight`, type: 'Q8_0', dims: [2048, 512] },
    { name: `blk.${i}.attn_v.weight`, type: 'Q8_0', dims: [2048, 512] },
    { name: `blk.${i}.attn_output.weight`, type: 'Q8_0', dims: [2048, 2048] },
    { name: `blk.${i}.ffn_gate.weight`, type: 'Q8_0', dims: [2048, 8192] },
    { name: `blk.${i}.ffn_up.weight`, type: 'Q8_0', dims: [2048, 8192] },
    { name: `blk.${i}.ffn_down.weight`, type: 'Q8_0', dims: [8192, 2048] },
  );
}
const model = encodeGguf({
  metadata: {
    'general.architecture': 'llama',
    'llama.block_count': 16,
    'llama.context_length': 8192,
    'llama.embedding_length': 2048,
    'llama.feed_forward_length': 8192,
    'llama.attention.head_count': 32,
    'llama.attention.head_count_kv': 8,
    'llama.rope.freq_base': f32(10000),
    'tokenizer.ggml.tokens': stringArray(32000),
  },
  tensors,
});

let srv: HfServer;
let dir = '';
const saved = { HF_ENDPOINT: process.env.HF_ENDPOINT, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-fit-fetch-'));
  srv = await startHfServer({ 'Tiny-Q8_0.gguf': model }, { 'someone/Tiny-GGUF': ['Tiny-Q8_0.gguf', 'Tiny-Q4_K_M.gguf'] });
  process.env.HF_ENDPOINT = srv.endpoint;
  process.env.XDG_CACHE_HOME = path.join(dir, 'cache');
});
after(async () => {
  await srv.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

const run = runCliInProcess;

test('--fetch sizes an hf.co model from its remote header; without it, nothing is fetched', async () => {
  clearRemoteHeaderFailures();
  const off = await run('estimate', '--model', 'hf.co/someone/Tiny-GGUF:Q8_0', '--hardware', 'rtx3060-ddr4', '--json');
  assert.notEqual(off.code, 0);
  assert.match(off.stderr, /--fetch/);
  assert.equal(srv.requests.length, 0);

  const on = await run('estimate', '--model', 'hf.co/someone/Tiny-GGUF:Q8_0', '--hardware', 'rtx3060-ddr4', '--fetch', '--json');
  assert.equal(on.code, 0, on.stderr);
  const e = JSON.parse(on.stdout);
  assert.equal(e.model.fileBytes, model.fileBytes);
  assert.equal(e.model.layers, 16);
  assert.ok(
    srv.requests.some((r) => r === '/cdn/Tiny-Q8_0.gguf'),
    srv.requests.join(' '),
  );
});

test('a llama-server line with -hf reads the same header (from the disk cache the first run left)', async () => {
  const script = path.join(dir, 'serve.sh');
  fs.writeFileSync(script, '#!/bin/sh\nllama-server -hf someone/Tiny-GGUF:Q8_0 -c 4096 -ngl 99\n');
  const n = srv.requests.length;
  const r = await run('estimate', script, '--hardware', 'rtx3060-ddr4', '--fetch', '--json');
  assert.equal(r.code, 0, r.stderr);
  const [first] = JSON.parse(r.stdout);
  assert.equal(first.model.fileBytes, model.fileBytes);
  assert.equal(
    srv.requests.filter((u) => u.startsWith('/cdn/')).length,
    srv.requests.slice(0, n).filter((u) => u.startsWith('/cdn/')).length,
  );
});
