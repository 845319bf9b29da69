import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat, parseCommandLine, parseConfigFile, splitCommands } from '../../src/core/config';
import type { SourceRange } from '../../src/core/types';

function textAt(text: string, r: SourceRange | undefined): string {
  assert.ok(r, 'range missing');
  const lines = text.split('\n');
  if (r.startLine === r.endLine) return lines[r.startLine].slice(r.startCol, r.endCol);
  return [lines[r.startLine].slice(r.startCol), ...lines.slice(r.startLine + 1, r.endLine), lines[r.endLine].slice(0, r.endCol)].join('\n');
}

test('shell words: quotes, escapes, continuations, comments, separators', () => {
  const cmds = splitCommands(`a "b c" 'd e' f\\ g \\\n  h # note\nx=1 y && z`);
  assert.deepEqual(
    cmds.map((c) => c.map((w) => w.text)),
    [['a', 'b c', 'd e', 'f g', 'h'], ['x=1', 'y'], ['z']],
  );
  const w = cmds[0][1];
  assert.equal(w.start, 2);
  assert.equal(w.end, 7);
  assert.deepEqual(w.pos, [3, 4, 5]);
  // Unbalanced quote: the word runs to the end, no throw.
  assert.deepEqual(
    splitCommands('a "b c').map((c) => c.map((x) => x.text)),
    [['a', 'b c']],
  );
  // $(…) and ${…} stay inside their word.
  assert.deepEqual(
    splitCommands('-v $(PWD):/m ${HOME}/x').map((c) => c.map((x) => x.text)),
    [['-v', '$(PWD):/m', '${HOME}/x']],
  );
});

test('a launch script: long and short flags, --flag=value, continuations, exact ranges', () => {
  const text = [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    'MODELS=/srv/models',
    '',
    './build/bin/llama-server \\',
    '  --model "$MODELS/Qwen3-30B-A3B-Q4_K_M.gguf" \\',
    '  --ctx-size=32768 -ngl 99 \\',
    '  -fa on -ctk q8_0 --cache-type-v q8_0 \\',
    '  -b 4096 -ub 1024 -np 2 -t 12 --n-cpu-moe 10 -ts 3,1 \\',
    '  --host 0.0.0.0 --port 8080 --jinja   # serve on LAN',
    '',
  ].join('\n');
  const r = parseCommandLine('/opt/llm/start.sh', text);
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.configs.length, 1);
  const c = r.configs[0];
  assert.equal(c.runtime, 'llama.cpp');
  assert.equal(c.label, 'llama-server (line 5)');
  assert.equal(c.modelRef, '$MODELS/Qwen3-30B-A3B-Q4_K_M.gguf');
  assert.equal(c.baseDir, '/opt/llm');
  assert.deepEqual(c.settings, {
    ctx: 32768,
    ngl: 99,
    flashAttn: 'on',
    cacheTypeK: 'q8_0',
    cacheTypeV: 'q8_0',
    batch: 4096,
    ubatch: 1024,
    parallel: 2,
    threads: 12,
    nCpuMoe: 10,
    tensorSplit: [3, 1],
  });
  assert.deepEqual(c.ranges.model, { startLine: 5, startCol: 11, endLine: 5, endCol: 44 });
  // --ctx-size=32768: the range is the value after "=".
  assert.deepEqual(c.ranges.ctx, { startLine: 6, startCol: 13, endLine: 6, endCol: 18 });
  assert.deepEqual(c.ranges.ngl, { startLine: 6, startCol: 24, endLine: 6, endCol: 26 });
  assert.equal(textAt(text, c.ranges.flashAttn), 'on');
  assert.equal(textAt(text, c.ranges.cacheTypeV), 'q8_0');
  assert.equal(textAt(text, c.ranges.nCpuMoe), '10');
  assert.equal(textAt(text, c.ranges.tensorSplit), '3,1');
  assert.deepEqual(c.range, { startLine: 4, startCol: 0, endLine: 4, endCol: 26 });
  assert.deepEqual(c.defaultsApplied, []);
});

test('defaults said in words; -c 0 keeps the model default with a range for quick fixes', () => {
  const text = 'llama-server -m m.gguf -c 0\n';
  const c = parseCommandLine('run.sh', text).configs[0];
  assert.equal(c.settings.ctx, undefined);
  assert.deepEqual(c.ranges.ctx, { startLine: 0, startCol: 26, endLine: 0, endCol: 27 });
  assert.deepEqual(c.defaultsApplied, [
    'ctx: model default (-c 0 = the trained context)',
    '-ngl: auto (llama-server fits layers to free VRAM)',
    'flash attention: auto',
    'KV cache type: f16',
    'batch: 2048',
    'ubatch: 512',
    'parallel: auto (4 slots sharing one unified KV cache of ctx cells)',
  ]);
});

test('-ngl values: auto, all, -1 (auto), -2 (all); old bare -fa; -cmoe, -nkvo, -ot exps=CPU, --mmproj, --lora', () => {
  const ngl = (v: string) => parseCommandLine('r.sh', `llama-server -m m.gguf -ngl ${v}\n`).configs[0].settings.ngl;
  assert.equal(ngl('auto'), 'auto');
  assert.equal(ngl('all'), 999);
  assert.equal(ngl('-1'), 'auto');
  assert.equal(ngl('-2'), 999);
  assert.equal(ngl('0'), 0);
  const text = 'llama-server -m m.gguf -fa -c 4096 -cmoe -nkvo -ot ".ffn_.*_exps.=CPU" --mmproj mmproj-F16.gguf --lora a.gguf,b.gguf\n';
  const c = parseCommandLine('r.sh', text).configs[0];
  assert.equal(c.settings.flashAttn, 'on');
  assert.equal(textAt(text, c.ranges.flashAttn), '-fa');
  assert.equal(c.settings.ctx, 4096);
  assert.equal(c.settings.cpuMoe, true);
  assert.equal(c.settings.noKvOffload, true);
  assert.equal(c.settings.mmproj, 'mmproj-F16.gguf');
  assert.deepEqual(c.settings.lora, ['a.gguf', 'b.gguf']);
  // A layer-specific -ot is not turned into cpuMoe; it is noted instead.
  const d = parseCommandLine('r.sh', 'llama-server -m m.gguf -ot "blk\\.(1[0-9])\\.ffn_.*_exps\\.=CPU"\n').configs[0];
  assert.equal(d.settings.cpuMoe, undefined);
  assert.ok(d.defaultsApplied.some((x) => x.includes('not modelled')));
});

test('-hf owner/repo:QUANT and -hff become an hf.co reference', () => {
  const text = 'llama-server -hf bartowski/Qwen_Qwen3-8B-GGUF:Q5_K_M -c 8192\n';
  const c = parseCommandLine('r.sh', text).configs[0];
  assert.equal(c.modelRef, 'hf.co/bartowski/Qwen_Qwen3-8B-GGUF:Q5_K_M');
  assert.equal(textAt(text, c.ranges.model), 'bartowski/Qwen_Qwen3-8B-GGUF:Q5_K_M');
  const d = parseCommandLine('r.sh', 'llama-server -hf unsloth/Qwen3-8B-GGUF -hff Qwen3-8B-UD-Q4_K_XL.gguf\n').configs[0];
  assert.equal(d.modelRef, 'hf.co/unsloth/Qwen3-8B-GGUF:UD-Q4_K_XL');
});

test('LLAMA_ARG_* environment: prefixes, export lines; the command line wins', () => {
  const text = 'export LLAMA_ARG_CTX_SIZE=65536\nLLAMA_ARG_N_GPU_LAYERS=30 LLAMA_ARG_FLASH_ATTN=off llama-server -m m.gguf -fa on\n';
  const c = parseCommandLine('r.sh', text).configs[0];
  assert.equal(c.settings.ctx, 65536);
  assert.deepEqual(c.ranges.ctx, { startLine: 0, startCol: 26, endLine: 0, endCol: 31 });
  assert.equal(c.settings.ngl, 30);
  assert.deepEqual(c.ranges.ngl, { startLine: 1, startCol: 23, endLine: 1, endCol: 25 });
  assert.equal(c.settings.flashAttn, 'on');
  assert.equal(textAt(text, c.ranges.flashAttn), 'on');
  const e = parseCommandLine('r.sh', 'LLAMA_ARG_MODEL=/m/x.gguf LLAMA_ARG_CTX_SIZE=2048 llama-server --port 9000\n').configs[0];
  assert.equal(e.modelRef, '/m/x.gguf');
  assert.equal(e.settings.ctx, 2048);
});

test('bad values are diagnostics; unknown flags are ignored', () => {
  const text = 'llama-server -m m.gguf -c lots -ngl many -ctk q3_k -fa maybe --frobnicate 3 -b\n';
  const r = parseCommandLine('r.sh', text);
  assert.deepEqual(
    r.diagnostics.map((d) => d.code),
    ['llama-args.bad-value', 'llama-args.bad-value', 'llama-args.bad-value', 'llama-args.missing-value'],
  );
  assert.equal(textAt(text, r.diagnostics[0].range), 'lots');
  assert.equal(textAt(text, r.diagnostics[2].range), 'q3_k');
  // "-fa maybe": old-style bare -fa (on), "maybe" is a positional word.
  assert.equal(r.configs[0].settings.flashAttn, 'on');
  assert.equal(r.configs[0].settings.ctx, undefined);
});

test('systemd unit: ExecStart= with continuations and Environment=', () => {
  const text = [
    '[Unit]',
    'Description=llama.cpp server',
    '[Service]',
    'Environment="LLAMA_ARG_CACHE_TYPE_K=q8_0"',
    'ExecStart=/usr/local/bin/llama-server \\',
    '    -m /var/lib/models/Llama-3.1-8B-Instruct-Q4_K_M.gguf -c 16384 -ngl 33',
    'Restart=always',
  ].join('\n');
  assert.equal(detectFormat('/etc/systemd/system/llama.service', text), 'command-line');
  const r = parseConfigFile('/etc/systemd/system/llama.service', text);
  assert.equal(r.configs.length, 1);
  const c = r.configs[0];
  assert.equal(c.modelRef, '/var/lib/models/Llama-3.1-8B-Instruct-Q4_K_M.gguf');
  assert.deepEqual(c.settings, { cacheTypeK: 'q8_0', ctx: 16384, ngl: 33 });
  assert.equal(textAt(text, c.ranges.cacheTypeK), 'q8_0');
  assert.deepEqual(c.ranges.ctx, { startLine: 5, startCol: 60, endLine: 5, endCol: 65 });
});

test('Dockerfile: official server image with exec-form CMD and ENV', () => {
  const text = [
    'FROM ghcr.io/ggml-org/llama.cpp:server-cuda',
    'ENV LLAMA_ARG_N_PARALLEL=4',
    'COPY models /models',
    'CMD ["-m", "/models/gemma-3-12b-it-Q4_K_M.gguf", "--ctx-size", "8192", "-ngl", "99"]',
  ].join('\n');
  assert.equal(detectFormat('/x/Dockerfile', text), 'command-line');
  const c = parseConfigFile('/x/Dockerfile', text).configs[0];
  assert.equal(c.modelRef, '/models/gemma-3-12b-it-Q4_K_M.gguf');
  assert.deepEqual(c.settings, { parallel: 4, ctx: 8192, ngl: 99 });
  assert.deepEqual(c.ranges.ctx, { startLine: 3, startCol: 64, endLine: 3, endCol: 68 });
  assert.equal(textAt(text, c.ranges.model), '/models/gemma-3-12b-it-Q4_K_M.gguf');
});

test('compose file: command as a list and as a string, environment map and list', () => {
  const text = [
    'services:',
    '  llm:',
    '    image: ghcr.io/ggml-org/llama.cpp:server',
    '    command: ["-m", "/models/Qwen3-8B-Q4_K_M.gguf", "-c", "16384"]',
    '    environment:',
    '      LLAMA_ARG_N_GPU_LAYERS: "99"',
    '  coder:',
    '    image: local/llama-box',
    '    command: >',
    '      llama-server -m /models/Qwen2.5-Coder-7B-Instruct-Q8_0.gguf',
    '      --ctx-size 32768 -fa on',
    '    environment:',
    '      - LLAMA_ARG_CACHE_TYPE_K=q8_0',
    '  db:',
    '    image: postgres:16',
  ].join('\n');
  assert.equal(detectFormat('/x/docker-compose.yml', text), 'command-line');
  const r = parseConfigFile('/x/docker-compose.yml', text);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(
    r.configs.map((c) => c.label),
    ['llm', 'coder'],
  );
  const [a, b] = r.configs;
  assert.deepEqual(a.settings, { ngl: 99, ctx: 16384 });
  assert.deepEqual(a.ranges.ctx, { startLine: 3, startCol: 59, endLine: 3, endCol: 64 });
  assert.deepEqual(a.ranges.ngl, { startLine: 5, startCol: 31, endLine: 5, endCol: 33 });
  assert.equal(b.modelRef, '/models/Qwen2.5-Coder-7B-Instruct-Q8_0.gguf');
  assert.deepEqual(b.settings, { cacheTypeK: 'q8_0', ctx: 32768, flashAttn: 'on' });
  assert.deepEqual(b.ranges.ctx, { startLine: 10, startCol: 17, endLine: 10, endCol: 22 });
  assert.equal(textAt(text, b.ranges.cacheTypeK), 'q8_0');
});

test('Makefile recipe and docker run -e', () => {
  const text = 'serve:\n\tdocker run --gpus all -e LLAMA_ARG_CTX_SIZE=4096 -v $(PWD):/m ghcr.io/ggml-org/llama.cpp:server -m /m/x.gguf\n';
  const r = parseConfigFile('/p/Makefile', text);
  assert.equal(r.configs.length, 1);
  assert.equal(r.configs[0].settings.ctx, 4096);
  assert.equal(textAt(text, r.configs[0].ranges.ctx), '4096');
  assert.equal(r.configs[0].modelRef, '/m/x.gguf');
});

test('router mode without a model: an info diagnostic, no config', () => {
  const r = parseCommandLine('r.sh', 'llama-server --models-preset ./presets.ini --port 8080\n');
  assert.equal(r.configs.length, 0);
  assert.deepEqual(
    r.diagnostics.map((d) => [d.code, d.severity]),
    [['llama-args.models-preset', 'info']],
  );
  assert.deepEqual(r.diagnostics[0].range, { startLine: 0, startCol: 29, endLine: 0, endCol: 42 });
});
