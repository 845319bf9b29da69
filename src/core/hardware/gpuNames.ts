// GPU name matching: the database entry for a name as drivers, tools or people write it, and the memory configuration
// a name asks for ("RTX 4060 Ti 16GB", "M3 Max 64GB").

import { GPUS, GpuSpec } from '../data/gpus';

/** Words that never tell two GPUs apart. */
const NOISE = new Set([
  'nvidia',
  'geforce',
  'amd',
  'ati',
  'radeon',
  'intel',
  'r',
  'tm',
  'corporation',
  'corp',
  'graphics',
  'gpu',
  'apple',
  'tesla',
  'generation',
  'gen',
  'edition',
  'hbm2',
  'hbm2e',
  'gddr6',
  'gddr6x',
  'gddr7',
  'founders',
  'oc',
  'the',
  'with',
  'series',
]);
/** Extra words in a name that change which GPU it is: a name with one of these never falls back to a shorter entry. */
const DISCRIMINATORS = new Set([
  'ti',
  'super',
  'xt',
  'xtx',
  'gre',
  'laptop',
  'max',
  'pro',
  'ultra',
  'sxm',
  'pcie',
  'nvl',
  'sff',
  'ada',
  'blackwell',
  'maxq',
  's',
  'x',
  'nx',
  'nano',
  'agx',
  'server',
  'workstation',
]);

export interface NormalizedGpuName {
  /** Sorted distinguishing tokens. */
  tokens: string[];
  /** "12GB" written in the name. */
  vramHintGiB?: number;
  /** "76-core GPU" written in the name (Apple). */
  gpuCores?: number;
}

/** Lower-case, drop vendor words and memory sizes, split letters from digits, mark laptop parts. */
export function normalizeGpuName(name: string): NormalizedGpuName {
  let s = name.toLowerCase().replace(/\((tm|r)\)|[®™]/g, ' ');
  let gpuCores: number | undefined;
  s = s.replace(/(\d+)[\s-]*cores?(\s+gpu)?/g, (_m, n: string) => {
    gpuCores = Number(n);
    return ' ';
  });
  let vramHintGiB: number | undefined;
  s = s.replace(/(?:^|[^a-z0-9])(\d+)\s*gi?b\b/g, (_m, n: string) => {
    vramHintGiB = Number(n);
    return ' ';
  });
  s = s
    .replace(/max-q/g, ' maxq ')
    .replace(/\bmobile\b/g, ' laptop ')
    .replace(/\bsxm\d\b/g, ' sxm ');
  // Drop vendor words first, then split "3060ti" / "h100" so both spellings give the same tokens.
  let tokens = s
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !NOISE.has(w))
    .flatMap((w) =>
      w
        .replace(/([a-z])(\d)/g, '$1 $2')
        .replace(/(\d)([a-z])/g, '$1 $2')
        .split(' '),
    );
  // Max-Q is a laptop GPU, except NVIDIA's 300 W "Max-Q Workstation Edition" desktop card.
  if (tokens.includes('maxq') && !tokens.includes('workstation')) tokens = tokens.map((t) => (t === 'maxq' ? 'laptop' : t));
  tokens = [...new Set(tokens)].sort();
  return { tokens, vramHintGiB, gpuCores };
}

interface IndexedAlias {
  spec: GpuSpec;
  tokens: string[];
  key: string;
}

let index: IndexedAlias[] | undefined;
function aliasIndex(): IndexedAlias[] {
  if (index) return index;
  index = [];
  for (const spec of GPUS) {
    for (const alias of [spec.name, ...spec.aliases]) {
      const n = normalizeGpuName(alias);
      const tokens = spec.laptop && !n.tokens.includes('laptop') ? [...n.tokens, 'laptop'].sort() : n.tokens;
      index.push({ spec, tokens, key: tokens.join(' ') });
    }
  }
  return index;
}

export function vramOptions(spec: GpuSpec): number[] {
  return spec.vramOptionsGiB ?? [spec.vramGiB];
}

/** Among same-named variants, the one whose memory (or Apple core count) matches best. */
function pick(cands: GpuSpec[], vramGiB: number | undefined, cores: number | undefined): GpuSpec | undefined {
  let list = [...new Set(cands)];
  if (cores !== undefined && list.some((s) => s.gpuCores !== undefined)) {
    const exact = list.filter((s) => s.gpuCores === cores);
    if (exact.length) list = exact;
  }
  if (vramGiB !== undefined && list.length > 1) {
    const dist = (s: GpuSpec) => Math.min(...vramOptions(s).map((v) => Math.abs(v - vramGiB)));
    const best = Math.min(...list.map(dist));
    list = list.filter((s) => dist(s) === best);
  }
  return list[0];
}

/**
 * Database entry for a GPU name as drivers, tools or people write it; undefined when unknown.
 * `vramBytes` (e.g. nvidia-smi's memory.total) tells apart variants sold with different memory.
 */
export function lookupGpu(name: string, vramBytes?: number): GpuSpec | undefined {
  if (typeof name !== 'string' || name.length > 200) return undefined;
  // lspci / rocm-smi style "Navi 31 [Radeon RX 7900 XT/7900 XTX/7900M]": try each alternative, memory decides.
  const alt = /\[([^\]]+\/[^\]]+)\]/.exec(name);
  if (alt) {
    const parts = alt[1].split('/').map((p) => p.trim());
    const prefix = parts[0].replace(/\d.*$/, '');
    const found = parts.map((p, i) => lookupOne(i === 0 ? p : prefix + p, vramBytes)).filter((s): s is GpuSpec => !!s);
    const vramGiB = vramBytes !== undefined && vramBytes > 0 ? vramBytes / 1024 ** 3 : undefined;
    if (found.length) return pick(found, vramGiB, undefined);
  }
  const direct = lookupOne(name, vramBytes);
  if (direct) return direct;
  // Names as people write them in benchmark tables: "2x RTX 3090 24GB", "RX 6700 XT (12GB), host Ryzen 7 5700X",
  // "NVIDIA DGX Spark (GB10, 128GB unified LPDDR5x)": the GPU part, with the memory and core counts written anywhere.
  const core = name
    .replace(/^\s*\d+\s*[x×]\s*/i, '')
    .replace(/\([^)]*\)/g, ' ')
    .split(/[,;]|\s+(?:in|on|host|with|under)\s+/i)[0]
    .trim();
  if (!core || core === name.trim()) return undefined;
  const hints = normalizeGpuName(name);
  const retry = `${core}${hints.gpuCores ? ` (${hints.gpuCores}-core GPU)` : ''}${hints.vramHintGiB ? ` ${hints.vramHintGiB}GB` : ''}`;
  return lookupOne(retry, vramBytes);
}

function lookupOne(name: string, vramBytes?: number): GpuSpec | undefined {
  const n = normalizeGpuName(name);
  if (n.tokens.length === 0) return undefined;
  const vramGiB = vramBytes !== undefined && vramBytes > 0 ? vramBytes / 1024 ** 3 : n.vramHintGiB;
  const all = aliasIndex();
  // Apple names match on the chip; the written core count (or the memory size) picks the variant.
  const cores = n.gpuCores;
  const key = n.tokens.join(' ');
  const exact = all.filter((a) => a.key === key);
  if (exact.length)
    return pick(
      exact.map((a) => a.spec),
      vramGiB,
      cores,
    );
  // Fallback: the longest alias contained in the name, if the name's extra words cannot change the GPU.
  const input = new Set(n.tokens);
  let best: IndexedAlias[] = [];
  for (const a of all) {
    if (!a.tokens.every((t) => input.has(t))) continue;
    const extra = n.tokens.filter((t) => !a.tokens.includes(t));
    if (extra.some((t) => DISCRIMINATORS.has(t) || /^\d+$/.test(t))) continue;
    if (!best.length || a.tokens.length > best[0].tokens.length) best = [a];
    else if (a.tokens.length === best[0].tokens.length) best.push(a);
  }
  return best.length
    ? pick(
        best.map((a) => a.spec),
        vramGiB,
        cores,
      )
    : undefined;
}

/**
 * Memory, GiB, of the configuration a name asks for: the size written in it ("RTX 4060 Ti 16GB", "M3 Max 64GB"; on a
 * discrete card only a size it is sold with), else the entry's usual configuration (its first option: e.g. 128 GB for Strix Halo, the base model for Apple).
 */
export function gpuMemoryGiB(spec: GpuSpec, name: string): { giB: number; fromName: boolean; sold: boolean } {
  const hint = typeof name === 'string' && name.length <= 200 ? normalizeGpuName(name).vramHintGiB : undefined;
  if (hint !== undefined && hint > 0 && hint <= 4096) {
    const sold = vramOptions(spec).includes(hint);
    // On a discrete card an unsold size is someone else's number ("RTX 4090 in a 64GB PC"); a chip's memory is the user's.
    if (sold || spec.unifiedMemory) return { giB: hint, fromName: true, sold };
  }
  return { giB: spec.vramGiB, fromName: false, sold: true };
}
