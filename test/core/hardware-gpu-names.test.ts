// GPU names as vendors sell them and people type them (issue 11): each resolves to its own entry, a size in the name
// picks the memory variant, and a unified-memory what-if takes the chip's memory, never this host's RAM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GPUS, customProfile, gpuMemoryGiB, hardwarePreset, hardwareReportJson, lookupGpu } from '../../src/core/hardware';

const GiB = 1024 ** 3;

test('the 2024–26 GPUs people benchmark on resolve to their entries', () => {
  const table: Array<[string, string]> = [
    ['Intel Arc Pro B70', 'Arc Pro B70'],
    ['Intel(R) Arc(TM) Pro B50 Graphics', 'Arc Pro B50'],
    ['Intel Arc A310', 'Arc A310'],
    ['Quadro RTX 5000', 'Quadro RTX 5000'],
    ['AMD Radeon Instinct MI50', 'Instinct MI50'],
    ['AMD Instinct MI60', 'Instinct MI60'],
    ['AMD Instinct MI300A', 'Instinct MI300A'],
    ['RTX 4060 Ti 16GB', 'GeForce RTX 4060 Ti 16 GB'],
    ['NVIDIA GeForce RTX 4060 Ti 8GB', 'GeForce RTX 4060 Ti 8 GB'],
    ['GeForce RTX 5050', 'GeForce RTX 5050'],
    ['NVIDIA GeForce RTX 5090 Laptop GPU', 'GeForce RTX 5090 Laptop GPU'],
    ['NVIDIA RTX PRO 6000 Blackwell Workstation Edition', 'RTX PRO 6000 Blackwell Workstation Edition'],
    ['AMD Radeon RX 9070 GRE', 'Radeon RX 9070 GRE'],
    ['AMD Radeon AI PRO R9700', 'Radeon AI PRO R9700'],
    ['Radeon 8060S', 'Radeon 8060S (Ryzen AI Max+ 395)'],
    ['AMD Ryzen AI Max+ 395', 'Radeon 8060S (Ryzen AI Max+ 395)'],
    ['AMD Radeon 890M', 'Radeon 890M (Ryzen AI 9 HX 370)'],
    ['Snapdragon X Elite', 'Adreno X1-85 (Snapdragon X Elite)'],
    ['DGX Spark', 'NVIDIA GB10 (DGX Spark)'],
    ['Jetson AGX Thor', 'Jetson AGX Thor (T5000)'],
    ['NVIDIA A40', 'NVIDIA A40'],
    ['Apple M5 Max', 'Apple M5 Max (40-core GPU)'],
    ['Apple M3 Ultra', 'Apple M3 Ultra (60-core GPU)'],
    ['M3 Max 64GB', 'Apple M3 Max (40-core GPU)'],
    ['M3 Max 36GB', 'Apple M3 Max (30-core GPU)'],
    // Names as benchmark tables write them.
    ['2x RTX 3090 24GB', 'GeForce RTX 3090'],
    ['NVIDIA DGX Spark (GB10, 128GB unified LPDDR5x)', 'NVIDIA GB10 (DGX Spark)'],
    ['AMD Radeon RX 6700 XT (12GB), host Ryzen 7 5700X', 'Radeon RX 6700 XT'],
    ['AMD Radeon 780M iGPU', 'Radeon 780M (Ryzen 7 7840U/HS)'],
    ['Apple M1 Max (32-core GPU, 64GB)', 'Apple M1 Max (32-core GPU)'],
  ];
  for (const [name, want] of table) assert.equal(lookupGpu(name)?.name, want, name);
  // nvidia-smi names both 4060 Ti cards alike; memory.total (MiB) tells them apart.
  assert.equal(lookupGpu('NVIDIA GeForce RTX 4060 Ti', 16380 * 2 ** 20)?.name, 'GeForce RTX 4060 Ti 16 GB');
  assert.equal(lookupGpu('NVIDIA GeForce RTX 4060 Ti', 8188 * 2 ** 20)?.name, 'GeForce RTX 4060 Ti 8 GB');
  // Mesa's renderer string for Strix Halo.
  assert.equal(lookupGpu('AMD Radeon 8060S Graphics (radeonsi, gfx1151, ACO, DRM 3.61)')?.name, 'Radeon 8060S (Ryzen AI Max+ 395)');
});

test('new entries carry their sources and checkable figures', () => {
  const b70 = lookupGpu('Arc Pro B70')!;
  assert.equal(b70.bandwidthGBs, 608); // 256 bits / 8 × 19 Gbps
  assert.equal(b70.int8Tops, 367); // Intel: 367 TOPS = 32 Xe cores × 4096 × 2.8 GHz
  assert.equal(lookupGpu('Arc Pro B50')!.int8Tops, 170.4); // Intel: 170 TOPS = 16 × 4096 × 2.6 GHz
  assert.equal(lookupGpu('Quadro RTX 5000')!.fp16Tflops, 89.2); // NVIDIA: 89.2 tensor TFLOPS = 48 SM × 1024 × 1.815 GHz
  assert.equal(lookupGpu('Quadro RTX 5000')!.bandwidthGBs, 448);
  assert.equal(lookupGpu('Instinct MI50')!.bandwidthGBs, 1024);
  for (const g of GPUS) {
    assert.match(g.source, /https:\/\//, g.name);
    assert.ok(g.powerW === undefined || g.powerW > 0, g.name);
  }
});

test('a memory size in the name picks the variant sold with it', () => {
  assert.deepEqual(gpuMemoryGiB(lookupGpu('RTX 5060 Ti 16GB')!, 'RTX 5060 Ti 16GB'), { giB: 16, fromName: true, sold: true });
  assert.equal(gpuMemoryGiB(lookupGpu('RTX 5060 Ti')!, 'RTX 5060 Ti').giB, 8);
  const base = hardwarePreset('ddr5-cpu');
  const p = customProfile(base, { gpu: 'RTX 4060 Ti 16GB' });
  assert.equal(p.gpus[0].name, 'GeForce RTX 4060 Ti 16 GB');
  assert.equal(p.gpus[0].vramBytes, 16 * GiB);
  assert.equal(customProfile(base, { gpu: 'RTX 5060 Ti 16GB' }).gpus[0].vramBytes, 16 * GiB);
  assert.equal(customProfile(base, { gpu: 'RTX 4060 Ti' }).gpus[0].vramBytes, 8 * GiB);
  // A size the card is not sold with belongs to something else in the name (the host's RAM here).
  assert.equal(customProfile(base, { gpu: 'NVIDIA RTX 4090 (Vulkan) in a Core Ultra PC, 64GB' }).gpus[0].vramBytes, 24 * GiB);
});

test("unified-memory what-if: the chip's memory configuration, never this host's RAM", () => {
  // A 64 GiB CPU-only host standing in for "this machine"; the 24 GiB case of the issue is the same code path.
  const host = customProfile(hardwarePreset('ddr5-cpu'), { ramGiB: 24 });
  assert.equal(host.ramBytes, 24 * GiB);

  const halo = customProfile(host, { gpu: 'Radeon 8060S' });
  assert.equal(halo.ramBytes, 128 * GiB); // Strix Halo's usual build for LLMs
  assert.equal(halo.gpus[0].vramBytes, 128 * GiB);
  assert.equal(halo.ramBandwidthGBs, 256); // LPDDR5X-8000 × 256 bits
  assert.match(halo.notes.join('\n'), /128 GiB unified memory .*not this machine's RAM/);

  const ultra = customProfile(host, { gpu: 'Apple M3 Ultra' });
  assert.equal(ultra.ramBytes, 96 * GiB); // the base configuration
  assert.equal(ultra.gpus[0].vramBytes, Math.floor(96 * GiB * 0.75)); // macOS Metal working set above 36 GiB: 3/4
  assert.equal(ultra.ramBandwidthGBs, 819);

  const max = customProfile(host, { gpu: 'M3 Max 64GB' });
  assert.equal(max.gpus[0].name, 'Apple M3 Max (40-core GPU)');
  assert.equal(max.ramBytes, 64 * GiB);
  assert.equal(max.gpus[0].vramBytes, 48 * GiB);
  assert.equal(max.label, 'M3 Max 64 GB unified');

  // --ram sets the chip's memory; the host's 24 GiB plays no part.
  const big = customProfile(host, { gpu: 'Apple M3 Ultra', ramGiB: 256 });
  assert.equal(big.ramBytes, 256 * GiB);
  assert.equal(big.gpus[0].vramBytes, 192 * GiB);
  const spark = customProfile(host, { gpu: 'DGX Spark' });
  assert.equal(spark.ramBytes, 128 * GiB);
  assert.equal(spark.ramBandwidthGBs, 273);
});

test('the hardware report carries the matrix rates, host link and generation (JSON only gains fields)', () => {
  const g = hardwareReportJson(hardwarePreset('rtx4090')).gpus[0];
  assert.equal(g.int8Tops, 660.6);
  assert.equal(g.bf16Tflops, 165.2);
  assert.equal(g.generation, 'ada');
  // PCIe 4.0 × 16 lanes: 1.969 GB/s per lane × 16 × 0.8 usable.
  assert.ok(Math.abs(g.hostLinkGBs! - 1.969 * 16 * 0.8) < 1e-9);
  assert.equal(hardwareReportJson(hardwarePreset('m3-max')).gpus[0].hostLinkGBs, 0);
});
