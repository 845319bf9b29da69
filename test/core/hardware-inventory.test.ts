import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  buildProfile,
  parseDmidecodeMemory,
  parseLspciVmm,
  parseSystemProfilerMemory,
  parseVmStat,
  parseWindowsInventory,
  ramBandwidthFromLayout,
} from '../../src/core/hardware';

const FIX = path.join(__dirname, '..', 'fixtures', 'hardware');
const read = (f: string) => fs.readFileSync(path.join(FIX, f), 'utf8');
const GiB = 2 ** 30;

test('dmidecode -t 17: populated banks with the configured speed; an empty slot has size 0', () => {
  const banks = parseDmidecodeMemory(read('dmidecode-t17-ddr4.txt'));
  assert.deepEqual(banks, [
    { size: 16 * GiB, type: 'DDR4', clockSpeed: 3200 },
    { size: 0, type: 'Unknown', clockSpeed: null },
    { size: 16 * GiB, type: 'DDR4', clockSpeed: 3200 },
  ]);
  // DDR4-3200 × 8 B × 2 modules = 51.2 GB/s
  assert.equal(ramBandwidthFromLayout(banks, 'AMD Ryzen 7 5800X')!.gbs, 51.2);
  assert.deepEqual(parseDmidecodeMemory('# dmidecode 3.3\n/sys/firmware/dmi/tables/DMI: Permission denied\n'), []);
});

test('lspci -vmm: display controllers only; the Arc card is looked up (no memory figure: the smaller variant), the iGPU ignored', () => {
  const controllers = parseLspciVmm(read('lspci-vmm-arc.txt'));
  assert.deepEqual(controllers, [
    { vendor: 'Intel Corporation', model: 'AlderLake-S GT1' },
    { vendor: 'Intel Corporation', model: 'Arc A770' },
  ]);
  const p = buildProfile({ platform: 'linux', inventory: { graphics: { controllers } }, meminfo: { totalBytes: 32 * GiB } });
  assert.deepEqual(
    p.gpus.map((g) => [g.name, g.provenance.vram]),
    [['Arc A770 8GB', 'looked-up']], // no memory figure: the smaller variant,
  );
  assert.ok(p.notes.some((n) => /AlderLake-S GT1: integrated or unknown GPU ignored/.test(n)));
});

test('Windows CIM inventory: 64-bit VRAM from the registry over the 32-bit AdapterRAM, SMBIOS DDR5, cores', () => {
  const inv = parseWindowsInventory(read('windows-inventory-arc.json'));
  assert.deepEqual(inv.graphics?.controllers, [
    { vendor: 'Intel Corporation', model: 'Intel(R) UHD Graphics 770', vram: 128 },
    { vendor: 'Intel Corporation', model: 'Intel(R) Arc(TM) A770 Graphics', vram: 16384 },
  ]);
  assert.deepEqual(inv.memLayout, [
    { size: 16 * GiB, type: 'DDR5', clockSpeed: 4800 },
    { size: 16 * GiB, type: 'DDR5', clockSpeed: 4800 },
  ]);
  assert.deepEqual(inv.cpu, { brand: '13th Gen Intel(R) Core(TM) i7-13700K', cores: 24, physicalCores: 16 });
  const p = buildProfile({
    platform: 'win32',
    inventory: inv,
    os: { totalmem: 32 * GiB, freemem: 20 * GiB, cpuModel: 'x', logicalCpus: 24 },
  });
  assert.equal(p.gpus.length, 1);
  assert.equal(p.gpus[0].vramBytes, 16 * GiB);
  assert.equal(p.ramBandwidthGBs, 76.8); // DDR5-4800 × 8 B × 2
  assert.equal(p.cpu.cores, 16);
  assert.deepEqual(parseWindowsInventory('not json'), {});
});

test('vm_stat: free + inactive + speculative pages × page size', () => {
  // (81234 + 1100000 + 18766) × 4096
  assert.equal(parseVmStat(read('vm_stat-intel.txt')), 1_200_000 * 4096);
  assert.equal(parseVmStat('garbage'), undefined);
});

test('system_profiler SPMemoryDataType -json (Intel Mac): DIMMs with type and speed', () => {
  const banks = parseSystemProfilerMemory(read('system_profiler-memory-intel-mac.json'));
  assert.deepEqual(banks, [
    { size: 16 * GiB, type: 'DDR4', clockSpeed: 2667 },
    { size: 16 * GiB, type: 'DDR4', clockSpeed: 2667 },
  ]);
  assert.equal(ramBandwidthFromLayout(banks, 'Intel(R) Core(TM) i9-9980HK')!.gbs, (2667 * 8 * 2) / 1000);
  assert.deepEqual(parseSystemProfilerMemory('{"SPMemoryDataType":[{"dimm_type":"LPDDR5","SPMemoryDataType":"36 GB"}]}'), []);
});
