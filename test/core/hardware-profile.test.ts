import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  InventoryReadings,
  buildProfile,
  guessRamBandwidth,
  metalWorkingSetBytes,
  parseIoregGpuCores,
  parseNvidiaSmiCsv,
  parseRocmSmiJson,
  parseSysctl,
  profileFromInventory,
  ramBandwidthFromLayout,
} from '../../src/core/hardware';

const FIX = path.join(__dirname, '..', 'fixtures', 'hardware');
const read = (f: string) => fs.readFileSync(path.join(FIX, f), 'utf8');
const si = (f: string) => JSON.parse(read(f)) as InventoryReadings;
const MiB = 2 ** 20;
const GiB = 2 ** 30;

test('CPU-only EPYC VM (recorded on the dev machine): no GPU, RAM measured, bandwidth guessed', () => {
  const p = profileFromInventory(si('si-cpu-only-epyc-vm.json'));
  assert.equal(p.gpus.length, 0);
  assert.equal(p.ramBytes, 25274793984);
  assert.equal(p.ramFreeBytes, 24972890112);
  assert.equal(p.cpu.model, 'AMD EPYC');
  assert.equal(p.cpu.threads, 2);
  assert.ok(p.cpu.flags.includes('avx2') && p.cpu.flags.includes('fma'));
  // memLayout has no type/speed → guess: 2 cores × 16 GB/s (below the 8-channel DDR4-3200 server peak of 204.8).
  assert.equal(p.ramBandwidthGBs, 32);
  assert.equal(p.provenance.ramBandwidth, 'guessed');
  assert.ok(p.notes.some((n) => /guessed/.test(n)));
  assert.equal(p.label, 'CPU only · 24 GB RAM');
});

test('NVIDIA desktop: nvidia-smi memory + database bandwidth; DDR4-3200 × 2 channels = 51.2 GB/s', () => {
  const p = profileFromInventory(si('si-nvidia-desktop.json'), {
    platform: 'linux',
    nvidia: parseNvidiaSmiCsv(read('nvidia-smi-single.csv')).gpus,
  });
  assert.equal(p.gpus.length, 1); // si's controller for the same card is not counted twice
  const g = p.gpus[0];
  assert.equal(g.name, 'GeForce RTX 3060');
  assert.equal(g.vramBytes, 12288 * MiB);
  assert.equal(g.freeBytes, 11873 * MiB);
  assert.equal(g.bandwidthGBs, 360);
  assert.equal(g.backend, 'cuda');
  assert.deepEqual(g.provenance, { vram: 'measured', free: 'measured', bandwidth: 'looked-up', fp16: 'looked-up' });
  assert.match(g.source, /^nvidia-smi \(GPU 0, 00000000:01:00.0\); database: GeForce RTX 3060 12 GB/);
  assert.equal(p.ramBandwidthGBs, 51.2); // 3200 MT/s × 8 B × 2
  assert.equal(p.provenance.ramBandwidth, 'looked-up');
  assert.equal(p.cpu.threads, 8);
  assert.equal(p.label, 'RTX 3060 12 GB · 32 GB RAM');
});

test('two GPUs from nvidia-smi; WSL laptop GPU is the laptop entry; H100 HBM3; GB10 unified', () => {
  const multi = buildProfile({
    platform: 'linux',
    nvidia: parseNvidiaSmiCsv(read('nvidia-smi-multi.csv')).gpus,
    meminfo: { totalBytes: 128 * GiB, availableBytes: 100 * GiB },
  });
  assert.deepEqual(
    multi.gpus.map((g) => g.freeBytes),
    [24237 * MiB, 22998 * MiB],
  );
  assert.equal(multi.label, '2× RTX 3090 24 GB · 128 GB RAM');
  const wsl = buildProfile({ platform: 'linux', nvidia: parseNvidiaSmiCsv(read('nvidia-smi-wsl.csv')).gpus });
  assert.equal(wsl.gpus[0].bandwidthGBs, 256); // 128-bit × 16 Gbps, not the desktop 4070's 504
  const h100 = buildProfile({ platform: 'linux', nvidia: parseNvidiaSmiCsv(read('nvidia-smi-h100.csv')).gpus });
  assert.equal(h100.gpus[0].bandwidthGBs, 3350);
  assert.equal(h100.gpus[0].powerW, 700);
  const gb10 = buildProfile({
    platform: 'linux',
    nvidia: parseNvidiaSmiCsv(read('nvidia-smi-gb10.csv')).gpus,
    meminfo: { totalBytes: 128 * GiB, availableBytes: 120 * GiB },
  });
  assert.equal(gb10.gpus[0].unifiedMemory, true);
  assert.equal(gb10.gpus[0].vramBytes, 128 * GiB);
  assert.equal(gb10.gpus[0].freeBytes, 120 * GiB);
  assert.equal(gb10.gpus[0].bandwidthGBs, 273);
});

test('AMD on Linux: rocm-smi memory, 4 DDR5 DIMMs on a 2-channel desktop at the slowest speed', () => {
  const p = profileFromInventory(si('si-amd-linux.json'), {
    platform: 'linux',
    amd: parseRocmSmiJson(read('rocm-smi-7900xtx.json')).gpus,
    amdSource: 'rocm-smi',
  });
  assert.equal(p.gpus.length, 1);
  assert.equal(p.gpus[0].name, 'Radeon RX 7900 XTX');
  assert.equal(p.gpus[0].vramBytes, 25753026560);
  assert.equal(p.gpus[0].freeBytes, 25753026560 - 1073741824);
  assert.equal(p.gpus[0].bandwidthGBs, 960);
  assert.equal(p.gpus[0].backend, 'rocm');
  assert.equal(p.ramBandwidthGBs, 83.2); // 5200 MT/s × 8 B × 2 channels
  assert.ok(p.cpu.flags.includes('avx512f') && p.cpu.flags.includes('avx512_vnni'));
});

test('Apple M3 Max 64 GB: Metal gets 3/4 of RAM, 400 GB/s, 12 performance-core threads', () => {
  const p = profileFromInventory(si('si-apple-m3-max.json'), {
    platform: 'darwin',
    arch: 'arm64',
    sysctl: parseSysctl(read('sysctl-m3-max.txt')),
    appleGpuCores: parseIoregGpuCores(read('ioreg-agx-m3-max.txt')),
  });
  assert.equal(p.gpus.length, 1);
  const g = p.gpus[0];
  assert.equal(g.name, 'Apple M3 Max (40-core GPU)');
  assert.equal(g.vramBytes, 48 * GiB);
  assert.equal(g.freeBytes, 40000000000); // RAM available is below the working-set limit
  assert.equal(g.unifiedMemory, true);
  assert.equal(g.backend, 'metal');
  assert.equal(p.ramBandwidthGBs, 400);
  assert.equal(p.cpu.threads, 12);
  assert.equal(p.label, 'M3 Max 64 GB unified');
});

test('Apple without a core count: variant chosen by memory and said so; si cores are used when present', () => {
  const p = buildProfile({ platform: 'darwin', arch: 'arm64', sysctl: { brand: 'Apple M3 Max', memBytes: 36 * GiB } });
  assert.equal(p.gpus[0].name, 'Apple M3 Max (30-core GPU)');
  assert.equal(p.gpus[0].vramBytes, 24 * GiB); // 2/3 of 36 GiB
  assert.ok(p.notes.some((n) => /core count not read/.test(n)));
  const q = profileFromInventory(si('si-apple-m3-max.json'), { platform: 'darwin', arch: 'arm64' });
  assert.equal(q.gpus[0].name, 'Apple M3 Max (40-core GPU)');
});

test('Intel Arc on Windows (si only): the Arc card counts, the UHD iGPU does not; hybrid CPU uses P-cores', () => {
  const p = profileFromInventory(si('si-intel-arc-windows.json'), { platform: 'win32' });
  assert.equal(p.gpus.length, 1);
  assert.equal(p.gpus[0].name, 'Arc A770 16GB');
  assert.equal(p.gpus[0].vramBytes, 16 * GiB);
  assert.equal(p.gpus[0].bandwidthGBs, 560); // 256-bit × 17.5 Gbps
  assert.equal(p.gpus[0].provenance.free, 'guessed');
  assert.equal(p.cpu.threads, 8);
  assert.equal(p.ramBandwidthGBs, 76.8); // DDR5-4800 × 8 B × 2
});

test('Metal working set: 2/3 up to 36 GiB (16 GiB → 10922.67 MiB as llama.cpp logs), 3/4 above, wired limit wins', () => {
  assert.equal(metalWorkingSetBytes(16 * GiB).bytes, Math.floor((16 * GiB * 2) / 3));
  assert.equal((metalWorkingSetBytes(16 * GiB).bytes / MiB).toFixed(2), '10922.67');
  assert.equal(metalWorkingSetBytes(64 * GiB).bytes, 48 * GiB);
  assert.equal(metalWorkingSetBytes(32 * GiB, 26000).bytes, 26000 * MiB);
});

test('RAM bandwidth from the layout: server channels, unknown layout', () => {
  const eight = Array.from({ length: 8 }, () => ({ size: 32 * GiB, type: 'DDR4', clockSpeed: 3200 }));
  assert.equal(ramBandwidthFromLayout(eight, 'AMD EPYC 7543')!.gbs, 204.8);
  assert.equal(ramBandwidthFromLayout(eight, 'AMD Ryzen 9 5950X')!.gbs, 51.2);
  assert.equal(ramBandwidthFromLayout([{ size: 0, type: '', clockSpeed: 0 }], 'x'), undefined);
  assert.equal(guessRamBandwidth('Intel Core i7-1165G7', 4).gbs, 51.2);
});
