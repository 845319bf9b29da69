// Hardware: detection of this machine, GPU / memory databases, presets and user overrides, reports.
export { detectHardware, defaultCacheDir, clearHardwareMemoryCache } from './detect';
export type { DetectOptions } from './detect';
export { killRunningProbes, runProbe } from './exec';
export type { ProbeResult } from './exec';
export {
  NVIDIA_SMI_ARGS,
  NVIDIA_SMI_FIELDS,
  SYSCTL_KEYS,
  parseIoregGpuCores,
  parseNvidiaSmiCsv,
  parseNvidiaSmiFree,
  parseProcCpuinfo,
  parseProcMeminfo,
  parseRocmSmiJson,
  parseSysctl,
} from './parsers';
export type { AmdGpuReading, NvidiaSmiGpu, SysctlFacts } from './parsers';
export { buildProfile, gpuFromSpec, profileFromInventory, profileLabel, relevantCpuFlags, shortGpuName } from './buildProfile';
export type { ProbeReadings } from './buildProfile';
export { parseDmidecodeMemory, parseLspciVmm, parseSystemProfilerMemory, parseVmStat, parseWindowsInventory } from './inventory';
export type { GpuController, InventoryReadings } from './inventory';
export { guessRamBandwidth, metalWorkingSetBytes, platformChannels, ramBandwidthFromLayout } from './memory';
export type { MemBank } from './memory';
export { customProfile, hardwarePreset, hardwarePresets } from './whatIf';
export type { ProfileOverrides } from './whatIf';
export { formatHardwareReport, hardwareReportJson } from './report';
export type { HardwareReportJson } from './report';
export { GPUS } from '../data/gpus';
export { gpuMemoryGiB, lookupGpu, normalizeGpuName, vramOptions } from './gpuNames';
export type { GpuArch, GpuSpec } from '../data/gpus';
export { DRAM, MEMORY_TIERS, dramBandwidthGBs, dramType, memoryTier } from '../data/memoryTiers';
export type { DramType, MemoryTier } from '../data/memoryTiers';
