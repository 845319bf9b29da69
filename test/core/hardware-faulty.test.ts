// Faulty machines (issue 16): probes that print absurd values are not believed; the figure is dropped (then looked
// up or guessed, with a problem line) instead of being reported and cached as measured.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildProfile } from '../../src/core/hardware/buildProfile';
import {
  parseNvidiaSmiCsv,
  parseNvidiaSmiFree,
  parseProcCpuinfo,
  parseProcMeminfo,
  parseRocmSmiJson,
  parseSysctl,
} from '../../src/core/hardware/parsers';

const GiB = 2 ** 30;
const MiB = 2 ** 20;

test('nvidia-smi: VRAM of 10^15 MiB or negative is not a GPU reading; negative or over-total free is dropped', () => {
  const r = parseNvidiaSmiCsv(
    [
      '0, NVIDIA GeForce RTX 3060, 1000000000000000, 11873, 415, 7501, 170.00, 00000000:01:00.0',
      '1, NVIDIA GeForce RTX 3060, -12288, 11873, 415, 7501, 170.00, 00000000:02:00.0',
      '2, NVIDIA GeForce RTX 3060, 12288, -5, 99999999, -7501, 1e9, 00000000:03:00.0',
    ].join('\n'),
  );
  assert.deepEqual(
    r.gpus.map((g) => g.index),
    [2],
  );
  assert.equal(r.problems.length, 2);
  assert.match(r.problems[0], /^nvidia-smi: GPU 0 reports 1000000000000000 MiB of VRAM; not believed$/);
  assert.deepEqual(
    [r.gpus[0].totalBytes, r.gpus[0].freeBytes, r.gpus[0].usedBytes, r.gpus[0].memClockMHz],
    [12288 * MiB, undefined, undefined, undefined],
  );
  assert.deepEqual([...parseNvidiaSmiFree('0, -100\n1, 1000000000000000\n2, 512\n')], [[2, 512 * MiB]]);
});

test('a profile from a GPU with unbelievable free VRAM: free is guessed, not measured', () => {
  const p = buildProfile({
    platform: 'linux',
    nvidia: parseNvidiaSmiCsv('0, NVIDIA GeForce RTX 3060, 12288, -5, -1, 7501, 170.00, 00000000:01:00.0').gpus,
    meminfo: { totalBytes: 32 * GiB },
  });
  assert.equal(p.gpus[0].vramBytes, 12288 * MiB);
  assert.equal(p.gpus[0].freeBytes, 12288 * MiB);
  assert.equal(p.gpus[0].provenance.free, 'guessed');
});

test('rocm-smi, sysctl, /proc: absurd sizes and counts become unknown', () => {
  const rocm = parseRocmSmiJson(
    JSON.stringify({
      card0: { 'VRAM Total Memory (B)': '1.05e21' },
      card1: { 'VRAM Total Memory (B)': '25753026560', 'VRAM Total Used Memory (B)': '-3' },
    }),
  );
  assert.deepEqual(
    rocm.gpus.map((g) => [g.id, g.totalBytes, g.usedBytes]),
    [['card1', 25753026560, undefined]],
  );
  const s = parseSysctl('hw.memsize: 1050000000000000000000\nhw.physicalcpu: 100000\nhw.logicalcpu: 16\n');
  assert.deepEqual([s.memBytes, s.physicalCpu, s.logicalCpu], [undefined, undefined, 16]);
  assert.deepEqual(parseProcMeminfo('MemTotal: 99999999999999999 kB\nMemAvailable: 1000 kB\n'), {
    totalBytes: undefined,
    availableBytes: 1024000,
  });
  assert.equal(parseProcCpuinfo('processor : 0\n\n'.repeat(100000)).logical, 0);
});

test('inventory figures that cannot be true are skipped for the next source', () => {
  const p = buildProfile({
    platform: 'linux',
    inventory: {
      mem: { total: 1.05e21, available: -1 },
      cpu: { cores: 100000, physicalCores: 100000, manufacturer: 'AMD', brand: 'Ryzen' },
    } as never,
    meminfo: { totalBytes: 64 * GiB, availableBytes: 48 * GiB },
    cpuinfo: { logical: 16, physical: 8, flags: [] },
  });
  assert.equal(p.ramBytes, 64 * GiB);
  assert.equal(p.ramFreeBytes, 48 * GiB);
  assert.deepEqual([p.cpu.threads, p.cpu.cores], [8, 8]); // llama.cpp's default -t: physical cores
});
