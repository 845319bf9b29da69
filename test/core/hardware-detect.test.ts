import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { clearHardwareMemoryCache, detectHardware, runProbe } from '../../src/core/hardware';
import { DETECT_BUDGET_MS } from '../../src/core/hardware/detect';

const posix = process.platform !== 'win32';
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'mf-hw-'));

function script(dir: string, name: string, body: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, `#!/bin/sh\n${body}\n`);
  fs.chmodSync(f, 0o755);
  return f;
}

test('a hung probe is killed at its timeout, even when a child keeps stdout open', { skip: !posix }, async () => {
  const dir = tmp();
  const hang = script(dir, 'nvidia-smi', 'sleep 30 & sleep 30');
  const t0 = Date.now();
  const r = await runProbe(hang, [], 300);
  assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.timedOut && /did not answer within 300 ms/.test(r.reason));
  const missing = await runProbe(path.join(dir, 'nope'), [], 1000);
  assert.ok(!missing.ok && missing.missing);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('detectHardware with a hanging nvidia-smi: finishes within the timeout, says why', { skip: !posix }, async () => {
  const dir = tmp();
  const hang = script(dir, 'nvidia-smi', 'sleep 30');
  const t0 = Date.now();
  const p = await detectHardware({ nvidiaSmiPath: hang, timeoutMs: 300, lateMs: 400, cacheDir: dir, refresh: true, useInventory: false });
  assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
  assert.ok(
    p.notes.some((n) => /did not answer within 300 ms/.test(n)),
    p.notes.join('\n'),
  );
  assert.equal(p.gpus.filter((g) => g.backend === 'cuda').length, 0);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('detectHardware with nvidia-smi printing garbage: a note, no crash', { skip: !posix }, async () => {
  const dir = tmp();
  const junk = script(dir, 'nvidia-smi', 'echo "Failed to initialize NVML: Unknown Error"');
  const p = await detectHardware({ nvidiaSmiPath: junk, timeoutMs: 2000, cacheDir: dir, refresh: true, useInventory: false });
  assert.ok(p.notes.some((n) => /nvidia-smi: unreadable line 1/.test(n)));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a fake nvidia-smi GPU is detected, and the warm path re-reads only free VRAM', { skip: !posix }, async () => {
  const dir = tmp();
  const state = path.join(dir, 'free');
  fs.writeFileSync(state, '11873');
  // Full query → the recorded line; the free-only query → "0, <free>".
  const smi = script(
    dir,
    'nvidia-smi',
    `case "$1" in --query-gpu=index,memory.free) echo "0, $(cat ${state})";; *) echo "0, NVIDIA GeForce RTX 3060, 12288, $(cat ${state}), 415, 7501, 170.00, 00000000:01:00.0";; esac`,
  );
  const opts = { nvidiaSmiPath: smi, timeoutMs: 2000, cacheDir: dir, useInventory: false };
  const cold = await detectHardware({ ...opts, refresh: true });
  assert.equal(cold.gpus[0].freeBytes, 11873 * 2 ** 20);
  assert.equal(cold.gpus[0].bandwidthGBs, 360);
  fs.writeFileSync(state, '5000');
  const warm = await detectHardware(opts);
  assert.equal(warm.gpus[0].freeBytes, 5000 * 2 ** 20);
  assert.equal(warm.gpus[0].vramBytes, 12288 * 2 ** 20);
  // A new process (memory cache gone) reads the disk cache.
  clearHardwareMemoryCache();
  const disk = await detectHardware(opts);
  assert.ok(disk.notes.some((n) => /Static facts from cache/.test(n)));
  assert.ok(fs.existsSync(path.join(dir, 'hardware.json')));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('this machine: a correct CPU-only profile; warm path well under a second; allowExec false runs nothing', async () => {
  const dir = tmp();
  const p = await detectHardware({ cacheDir: dir, refresh: true });
  assert.equal(p.id, 'this');
  assert.equal(p.ramBytes, os.totalmem());
  assert.ok(p.cpu.threads >= 1 && p.cpu.model.length > 0);
  if (!fs.existsSync('/dev/nvidia0') && !fs.existsSync('/dev/kfd') && process.platform === 'linux') assert.equal(p.gpus.length, 0);
  const t0 = performance.now();
  await detectHardware({ cacheDir: dir });
  assert.ok(performance.now() - t0 < 1000);
  const q = await detectHardware({ cacheDir: dir, allowExec: false, refresh: true, nvidiaSmiPath: '/definitely/not/run' });
  assert.ok(q.notes.some((n) => /no external program was run/.test(n)));
  assert.equal(q.ramBytes, os.totalmem());
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a corrupt cache file is ignored', async () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'hardware.json'), '{not json');
  clearHardwareMemoryCache();
  const p = await detectHardware({ cacheDir: dir, useInventory: false, allowExec: false });
  assert.equal(p.ramBytes, os.totalmem());
  fs.rmSync(dir, { recursive: true, force: true });
});

// Issue 16: with the default limits, a faulty nvidia-smi is answered within 2 s and its figures are not taken as fact.
const GPU_LINE = '0, NVIDIA GeForce RTX 3060, 12288, 11873, 415, 7501, 170.00, 00000000:01:00.0';
for (const [kind, body, note] of [
  ['hangs', 'sleep 30', /nvidia-smi did not answer within 1500 ms/],
  ['prints 100 MB', `yes "${GPU_LINE}" | head -c 100000000`, /printed more than 1048576 characters/],
  ['fails', 'echo "NVIDIA-SMI has failed" ; exit 9', /exited with code 9/],
  [
    'reports 10^15 MiB of VRAM',
    `echo "0, NVIDIA GeForce RTX 3060, 1000000000000000, 11873, 415, 7501, 170.00, 00000000:01:00.0"`,
    /not believed/,
  ],
] as const) {
  test(`nvidia-smi that ${kind}: answered within 2 s, no CUDA GPU taken as measured`, { skip: !posix }, async () => {
    const dir = tmp();
    const smi = script(dir, 'nvidia-smi', body);
    const t0 = Date.now();
    const p = await detectHardware({ nvidiaSmiPath: smi, lateMs: 1600, cacheDir: dir, refresh: true, useInventory: false });
    assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
    assert.ok(
      p.notes.some((n) => note.test(n)),
      p.notes.join('\n'),
    );
    assert.equal(p.gpus.filter((g) => g.backend === 'cuda').length, 0);
    fs.rmSync(dir, { recursive: true, force: true });
  });
}

test('a slow but healthy nvidia-smi: the answer comes without it, then its GPU lands in the cache', { skip: !posix }, async () => {
  const dir = tmp();
  const slowMs = DETECT_BUDGET_MS + 700;
  const smi = script(
    dir,
    'nvidia-smi',
    `case "$1" in --query-gpu=index,memory.free) echo "0, 11000";; *) sleep ${slowMs / 1000}; echo "${GPU_LINE}";; esac`,
  );
  const opts = { nvidiaSmiPath: smi, cacheDir: dir, useInventory: false };
  const t0 = Date.now();
  const first = await detectHardware({ ...opts, refresh: true });
  assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
  assert.equal(first.gpus.filter((g) => g.backend === 'cuda').length, 0);
  await new Promise((r) => setTimeout(r, slowMs - (Date.now() - t0) + 500));
  clearHardwareMemoryCache(); // the next process: from the disk cache, free VRAM re-read
  const next = await detectHardware(opts);
  assert.deepEqual(
    next.gpus.map((g) => [g.backend, g.vramBytes, g.freeBytes]),
    [['cuda', 12288 * 2 ** 20, 11000 * 2 ** 20]],
  );
  assert.ok(!next.notes.some((n) => /did not answer/.test(n)), next.notes.join('\n'));
  fs.rmSync(dir, { recursive: true, force: true });
});
