import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  parseIoregGpuCores,
  parseNvidiaSmiCsv,
  parseProcCpuinfo,
  parseProcMeminfo,
  parseRocmSmiJson,
  parseSysctl,
} from '../../src/core/hardware';

const FIX = path.join(__dirname, '..', 'fixtures', 'hardware');
const read = (f: string) => fs.readFileSync(path.join(FIX, f), 'utf8');
const MiB = 2 ** 20;

test('nvidia-smi CSV: one GPU, sizes in MiB', () => {
  const { gpus, problems } = parseNvidiaSmiCsv(read('nvidia-smi-single.csv'));
  assert.deepEqual(problems, []);
  assert.equal(gpus.length, 1);
  assert.deepEqual(gpus[0], {
    index: 0,
    name: 'NVIDIA GeForce RTX 3060',
    totalBytes: 12288 * MiB,
    freeBytes: 11873 * MiB,
    usedBytes: 415 * MiB,
    memClockMHz: 7501,
    powerLimitW: 170,
    busId: '00000000:01:00.0',
  });
});

test('nvidia-smi CSV: two GPUs; WSL CRLF output with [N/A] power', () => {
  const multi = parseNvidiaSmiCsv(read('nvidia-smi-multi.csv')).gpus;
  assert.deepEqual(
    multi.map((g) => [g.index, g.freeBytes]),
    [
      [0, 24237 * MiB],
      [1, 22998 * MiB],
    ],
  );
  const wsl = parseNvidiaSmiCsv(read('nvidia-smi-wsl.csv'));
  assert.deepEqual(wsl.problems, []);
  assert.equal(wsl.gpus[0].name, 'NVIDIA GeForce RTX 4070 Laptop GPU');
  assert.equal(wsl.gpus[0].totalBytes, 8188 * MiB);
  assert.equal(wsl.gpus[0].powerLimitW, undefined);
});

test('nvidia-smi: unified-memory GB10 prints [N/A] sizes; garbage gives problems, not a throw', () => {
  const gb10 = parseNvidiaSmiCsv(read('nvidia-smi-gb10.csv'));
  assert.equal(gb10.gpus[0].name, 'NVIDIA GB10');
  assert.equal(gb10.gpus[0].totalBytes, undefined);
  const bad = parseNvidiaSmiCsv(read('nvidia-smi-garbage.txt'));
  assert.equal(bad.gpus.length, 0);
  assert.equal(bad.problems.length, 2);
  assert.match(bad.problems[0], /unreadable line 1/);
  assert.deepEqual(parseNvidiaSmiCsv('').problems, ['nvidia-smi printed no GPU']);
  assert.equal(parseNvidiaSmiCsv('x'.repeat(100000)).gpus.length, 0);
});

test('rocm-smi JSON: VRAM totals in bytes and the card series', () => {
  const { gpus } = parseRocmSmiJson(read('rocm-smi-7900xtx.json'));
  assert.deepEqual(gpus, [{ id: 'card0', name: 'Radeon RX 7900 XTX', totalBytes: 25753026560, usedBytes: 1073741824 }]);
  assert.deepEqual(parseRocmSmiJson('WARNING: no AMD GPU').problems, ['rocm-smi: output is not JSON']);
});

test('sysctl: key: value form and the -n form', () => {
  assert.deepEqual(parseSysctl(read('sysctl-m3-max.txt')), {
    brand: 'Apple M3 Max',
    memBytes: 68719476736,
    physicalCpu: 16,
    logicalCpu: 16,
    perfCores: 12,
    wiredLimitMiB: 0,
  });
  const n = parseSysctl(read('sysctl-n-m1.txt'));
  assert.equal(n.brand, 'Apple M1');
  assert.equal(n.memBytes, 16 * 2 ** 30);
  assert.deepEqual(parseSysctl('sysctl: unknown oid'), {
    brand: undefined,
    memBytes: undefined,
    physicalCpu: undefined,
    logicalCpu: undefined,
    perfCores: undefined,
    wiredLimitMiB: undefined,
  });
  assert.equal(parseIoregGpuCores(read('ioreg-agx-m3-max.txt')), 40);
  assert.equal(parseIoregGpuCores('nothing'), undefined);
});

test('/proc/meminfo and /proc/cpuinfo', () => {
  assert.deepEqual(parseProcMeminfo('MemTotal:       24682416 kB\nMemFree:        24430540 kB\nMemAvailable:   24383804 kB\n'), {
    totalBytes: 24682416 * 1024,
    availableBytes: 24383804 * 1024,
  });
  const ci = [0, 1, 2, 3]
    .map((i) => `processor\t: ${i}\nmodel name\t: AMD EPYC\nphysical id\t: 0\ncore id\t\t: ${i >> 1}\nflags\t\t: fpu avx avx2\n`)
    .join('\n');
  assert.deepEqual(parseProcCpuinfo(ci), { model: 'AMD EPYC', logical: 4, physical: 2, flags: ['fpu', 'avx', 'avx2'] });
});
