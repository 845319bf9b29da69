import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GPUS, lookupGpu } from '../../src/core/hardware';

const GiB = 1024 ** 3;

test('name matching: driver, tool and hand-written names find the right entry', () => {
  const table: Array<[string, number | undefined, string | undefined]> = [
    ['GeForce RTX 3060', undefined, 'GeForce RTX 3060 12 GB'],
    ['NVIDIA GeForce RTX 3060 Laptop GPU', undefined, 'GeForce RTX 3060 Laptop GPU'],
    ['NVIDIA RTX 3060 12GB', undefined, 'GeForce RTX 3060 12 GB'],
    ['NVIDIA GeForce RTX 3060', 8192 * 2 ** 20, 'GeForce RTX 3060 8 GB'],
    ['NVIDIA GeForce RTX 3060 Ti', undefined, 'GeForce RTX 3060 Ti'],
    ['RTX 3060Ti', undefined, 'GeForce RTX 3060 Ti'],
    ['Apple M2 Ultra (76-core GPU)', undefined, 'Apple M2 Ultra (76-core GPU)'],
    ['Apple M3 Max', 36 * GiB, 'Apple M3 Max (30-core GPU)'],
    ['Apple M3 Max', 64 * GiB, 'Apple M3 Max (40-core GPU)'],
    ['NVIDIA H100 80GB HBM3', undefined, 'H100 SXM 80GB'],
    ['NVIDIA H100 PCIe', undefined, 'H100 PCIe 80GB'],
    ['NVIDIA A100-SXM4-80GB', undefined, 'A100 80GB SXM'],
    ['NVIDIA A100-PCIE-40GB', undefined, 'A100 40GB PCIe'],
    ['AMD Radeon RX 7900 XTX', undefined, 'Radeon RX 7900 XTX'],
    ['Navi 31 [Radeon RX 7900 XT/7900 XTX/7900M]', 20 * GiB, 'Radeon RX 7900 XT'],
    ['Navi 31 [Radeon RX 7900 XT/7900 XTX/7900M]', 24 * GiB, 'Radeon RX 7900 XTX'],
    ['AMD Radeon PRO W7900', undefined, 'Radeon PRO W7900'],
    ['Tesla T4', undefined, 'Tesla T4'],
    ['NVIDIA A10', undefined, 'NVIDIA A10'],
    ['NVIDIA RTX A6000', undefined, 'RTX A6000'],
    ['NVIDIA RTX 6000 Ada Generation', undefined, 'RTX 6000 Ada Generation'],
    ['NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition', undefined, 'RTX PRO 6000 Blackwell Max-Q Workstation Edition'],
    ['GeForce RTX 3080 Max-Q', undefined, 'GeForce RTX 3080 Laptop GPU'],
    ['Intel(R) Arc(TM) A770 Graphics', 16 * GiB, 'Arc A770 16GB'],
    ['AMD Instinct MI300X', undefined, 'Instinct MI300X'],
    ['NVIDIA GB10', undefined, 'NVIDIA GB10 (DGX Spark)'],
    ['Quadro RTX 6000', undefined, 'Quadro RTX 6000'],
    ['Quadro P620', undefined, undefined],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', undefined, undefined],
    ['', undefined, undefined],
  ];
  for (const [name, vram, want] of table) assert.equal(lookupGpu(name, vram)?.name, want, name);
});

test('laptop variants never match desktop cards and vice versa', () => {
  assert.equal(lookupGpu('NVIDIA GeForce RTX 4090 Laptop GPU')?.laptop, true);
  assert.equal(lookupGpu('NVIDIA GeForce RTX 4090')?.laptop, undefined);
  // Desktop 4070: 192-bit × 21 Gbps; laptop 4070: 128-bit × 16 Gbps.
  assert.equal(lookupGpu('NVIDIA GeForce RTX 4070')?.bandwidthGBs, 504);
  assert.equal(lookupGpu('NVIDIA GeForce RTX 4070 Laptop GPU')?.bandwidthGBs, 256);
});

test('bandwidth = bus bits / 8 × Gbps; FP16 = SMs × 1024 × boost clock', () => {
  const r3060 = lookupGpu('RTX 3060 12GB')!;
  assert.equal(r3060.bandwidthGBs, 360); // 192 / 8 × 15
  assert.equal(r3060.fp16Tflops, 51); // 28 SM × 1024 × 1.777 GHz = 50.95
  const r4090 = lookupGpu('RTX 4090')!;
  assert.equal(r4090.bandwidthGBs, 1008); // 384 / 8 × 21
  assert.equal(r4090.fp16Tflops, 330.3); // Ada whitepaper: 330.3 dense FP16-accumulate
  assert.equal(lookupGpu('RTX 5090')!.bandwidthGBs, 1792); // 512 / 8 × 28
  assert.equal(lookupGpu('RTX 3090')!.bandwidthGBs, 936); // 384 / 8 × 19.5
});

test('Apple variants differ by GPU cores: M3 Max 30-core 300 GB/s, 40-core 400 GB/s', () => {
  assert.equal(lookupGpu('Apple M3 Max (30-core GPU)')!.bandwidthGBs, 300);
  assert.equal(lookupGpu('Apple M3 Max (40-core GPU)')!.bandwidthGBs, 400);
  assert.equal(lookupGpu('Apple M4 Max (32-core GPU)')!.bandwidthGBs, 410);
  assert.equal(lookupGpu('Apple M4 Max (40-core GPU)')!.bandwidthGBs, 546);
  assert.equal(lookupGpu('Apple M1')!.bandwidthGBs, 68.25);
  assert.equal(lookupGpu('Apple M3 Max')!.unifiedMemory, true);
});

test('every entry is complete and sourced; canonical names are unique', () => {
  const names = new Set<string>();
  for (const g of GPUS) {
    assert.ok(!names.has(g.name), `duplicate ${g.name}`);
    names.add(g.name);
    assert.ok(g.bandwidthGBs > 0 && g.vramGiB > 0, g.name);
    assert.match(g.source, /https:\/\//, g.name);
    assert.equal(lookupGpu(g.name, g.vramGiB * GiB)?.name, g.name, `own name finds ${g.name}`);
  }
});

test('dense throughput per type from units × per-clock rate × boost clock (vendor whitepaper figures)', () => {
  const r4090 = lookupGpu('RTX 4090')!;
  // Ada whitepaper, RTX 4090: FP16 (FP16 acc) 330.3, BF16 (FP32 acc, half rate on GeForce) 165.2, INT8 660.6 TOPS.
  assert.deepEqual([r4090.fp16Tflops, r4090.bf16Tflops, r4090.int8Tops], [330.3, 165.2, 660.6]);
  assert.deepEqual(r4090.hostLink, { pcieGen: 4, lanes: 16 });
  // RTX professional cards run FP32 accumulate at full rate: BF16 = FP16. RTX 6000 Ada: 142 SM × 1024 × 2.505 GHz.
  const a = lookupGpu('RTX 6000 Ada Generation')!;
  assert.equal(a.bf16Tflops, a.fp16Tflops);
  assert.equal(a.fp16Tflops, 364.2);
  // RDNA3 WMMA: 512 ops/clock/CU for FP16 and INT8 alike: 96 CU × 512 × 2.5 GHz.
  assert.equal(lookupGpu('RX 7900 XTX')!.int8Tops, 122.9);
  // RDNA4 doubles INT8: 64 CU × 2048 × 2.97 GHz = 389.3 (AMD: 389 dense INT8 TOPS).
  assert.equal(lookupGpu('RX 9070 XT')!.int8Tops, 389.3);
  // Intel XMX: 4096 INT8 ops/clock/Xe core: 20 × 4096 × 2.85 GHz = 233.5 (Intel: 233 TOPS).
  assert.equal(lookupGpu('Arc B580')!.int8Tops, 233.5);
  // Pascal has no tensor cores: FP32 rate and DP4A (4 MACs per lane): 1080 Ti 3584 lanes × 8 × 1.582 GHz.
  assert.equal(lookupGpu('GTX 1080 Ti')!.int8Tops, 45.4);
  assert.equal(lookupGpu('GTX 1080 Ti')!.bf16Tflops, undefined);
  // Datacenter parts list NVIDIA's dense figures.
  assert.deepEqual([lookupGpu('H100 SXM')!.bf16Tflops, lookupGpu('H100 SXM')!.int8Tops], [989, 1979]);
});

test('host link: PCIe generation × lanes; unified-memory chips have none', () => {
  assert.deepEqual(lookupGpu('RTX 4060 Ti')!.hostLink, { pcieGen: 4, lanes: 8 });
  assert.deepEqual(lookupGpu('RTX 5090')!.hostLink, { pcieGen: 5, lanes: 16 });
  assert.equal(lookupGpu('Apple M2 Ultra')!.hostLink, 'unified');
  assert.equal(lookupGpu('DGX Spark')!.hostLink, 'unified');
  for (const g of GPUS) assert.ok(g.hostLink !== undefined, `${g.name} has a host link`);
});
