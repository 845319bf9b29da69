// `model-fit models | presets | gpus`: what the CLI knows, as a table or JSON.
import { catalogIds, catalogModel, defaultCatalogQuant, ollamaTagForCatalogId } from '../core/catalog';
import { CATALOG } from '../core/data/models';
import { GPUS, hardwarePreset, hardwarePresets } from '../core/hardware';
import { formatBytes } from '../core/units';

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function listModels(json: boolean): string {
  const rows = catalogIds().map(({ id, name, family }) => {
    const e = CATALOG.find((x) => x.id === id)!;
    const quant = defaultCatalogQuant(id);
    const spec = catalogModel(id, quant);
    return {
      id,
      name,
      family,
      arch: e.arch,
      nParams: spec.nParams,
      ctxTrain: e.ctxTrain,
      moe: !!e.moe,
      defaultQuant: quant,
      defaultQuantBytes: spec.fileBytes,
      ollamaTag: ollamaTagForCatalogId(id) ?? null,
      source: e.source,
    };
  });
  if (json) return JSON.stringify(rows, null, 2);
  const p = (n: number) => `${(n / 1e9).toFixed(1)}B`;
  return (
    table([
      ['id', 'name', 'params', 'context', `size at default quant`, 'Ollama tag'],
      ...rows.map((r) => [
        r.id,
        r.name,
        p(r.nParams) + (r.moe ? ' MoE' : ''),
        String(r.ctxTrain),
        `${formatBytes(r.defaultQuantBytes)} ${r.defaultQuant}`,
        r.ollamaTag ?? '–',
      ]),
    ]) + '\n\nUse an id (or id:QUANT, or the Ollama tag) with --model.'
  );
}

export function listPresets(json: boolean): string {
  const rows = hardwarePresets().map(({ id, label }) => {
    const p = hardwarePreset(id);
    return {
      id,
      label,
      gpus: p.gpus.map((g) => g.name),
      vramBytes: p.gpus.reduce((s, g) => s + g.vramBytes, 0),
      gpuBandwidthGBs: p.gpus[0]?.bandwidthGBs ?? null,
      ramBytes: p.ramBytes,
      ramBandwidthGBs: p.ramBandwidthGBs,
      cpu: p.cpu.model,
    };
  });
  if (json) return JSON.stringify(rows, null, 2);
  return (
    table([
      ['id', 'GPU', 'VRAM', 'RAM', 'RAM GB/s', 'label'],
      ...rows.map((r) => [
        r.id,
        r.gpus.length ? r.gpus[0] + (r.gpus.length > 1 ? ` ×${r.gpus.length}` : '') : 'none',
        r.vramBytes ? formatBytes(r.vramBytes) : '–',
        formatBytes(r.ramBytes),
        String(r.ramBandwidthGBs),
        r.label,
      ]),
    ]) + '\n\nUse an id with --hardware (any case).'
  );
}

export function listGpus(json: boolean): string {
  const rows = GPUS.map((g) => ({
    name: g.name,
    aliases: g.aliases,
    vramGiB: g.vramGiB,
    bandwidthGBs: g.bandwidthGBs,
    fp16Tflops: g.fp16Tflops ?? null,
    powerW: g.powerW ?? null,
    backend: g.backend,
    unifiedMemory: g.unifiedMemory,
  }));
  if (json) return JSON.stringify(rows, null, 2);
  return (
    table([
      ['name', 'memory', 'GB/s', 'FP16 TFLOPS', 'W', 'backend'],
      ...rows.map((r) => [
        r.name,
        `${r.vramGiB} GiB${r.unifiedMemory ? ' unified' : ''}`,
        String(r.bandwidthGBs),
        r.fp16Tflops === null ? '–' : String(r.fp16Tflops),
        r.powerW === null ? '–' : String(r.powerW),
        r.backend,
      ]),
    ]) + '\n\nUse a name with --gpu ("2x NAME" or "NAME,NAME" for several).'
  );
}
