// A made-up GPU and machine with round figures, for tests that compute the expected numbers by hand.
import type { GpuDevice, HardwareProfile } from '../../src/core/types';
import { GiB } from '../../src/core/units';

/** 24 GiB, all free, 900 GB/s, 100 FP16 TFLOPS, CUDA; override any field. */
export function testGpu(o: Partial<GpuDevice> = {}): GpuDevice {
  return {
    name: 'Test GPU',
    vramBytes: 24 * GiB,
    freeBytes: 24 * GiB,
    bandwidthGBs: 900,
    fp16Tflops: 100,
    backend: 'cuda',
    unifiedMemory: false,
    source: 'test',
    provenance: { vram: 'user', free: 'user', bandwidth: 'user', fp16: 'user' },
    ...o,
  };
}

/** 8 AVX2 threads and `ramGiB` of RAM at `ramBandwidthGBs`, with these GPUs. */
export function testMachine(gpus: GpuDevice[], ramGiB = 64, ramBandwidthGBs = 50): HardwareProfile {
  return {
    id: 'test',
    label: 'test',
    gpus,
    ramBytes: ramGiB * GiB,
    ramFreeBytes: ramGiB * GiB,
    ramBandwidthGBs,
    cpu: { model: 'test cpu', threads: 8, cores: 8, flags: ['avx2'] },
    provenance: { ram: 'user', ramBandwidth: 'user', cpu: 'user' },
    notes: [],
  };
}
