// GGUF header reader vs a raw read of the same header bytes, on the real Llama-3.1-8B headers extended
// (sparse) to their multi-GB file sizes. Run alone: node --import tsx scripts/bench-gguf.ts
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SCRIPT_CALIBRATION_DIR, realGgufFile } from '../test/helpers/calibrationData';
import { readGgufHeader } from '../src/core/gguf';

const FILES = ['llama3.1-8b-Q4_K_M.gguf', 'llama3.2-1b-Q4_K_M.gguf'];
const RUNS = 30;

export interface GgufBenchRow {
  label: string;
  fileBytes: number;
  headerBytes: number;
  readerP50Ms: number;
  readerP95Ms: number;
  rawReadP50Ms: number;
}

function percentile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** Reads `bytes` bytes from the start of the file in one call: the floor any header reader pays. */
function rawRead(file: string, bytes: number): void {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(bytes);
    fs.readSync(fd, buf as unknown as Uint8Array, 0, bytes, 0);
  } finally {
    fs.closeSync(fd);
  }
}

export async function benchGgufHeader(): Promise<GgufBenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-gguf-'));
  const rows: GgufBenchRow[] = [];
  try {
    for (const name of FILES) {
      const file = realGgufFile(name, dir, SCRIPT_CALIBRATION_DIR);
      const h = await readGgufHeader(file); // warm-up (JIT, page cache)
      const reader: number[] = [];
      const raw: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        let t0 = performance.now();
        await readGgufHeader(file); // uncached: readGgufHeader has no cache of its own
        reader.push(performance.now() - t0);
        t0 = performance.now();
        rawRead(file, h.dataOffset);
        raw.push(performance.now() - t0);
      }
      rows.push({
        label: name.replace(/\.gguf$/, ''),
        fileBytes: h.fileBytes,
        headerBytes: h.dataOffset,
        readerP50Ms: percentile(reader, 0.5),
        readerP95Ms: percentile(reader, 0.95),
        rawReadP50Ms: percentile(raw, 0.5),
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  void benchGgufHeader().then((rows) => {
    console.log('| file | file size | header | reader p50 | reader p95 | raw read p50 |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const r of rows) {
      console.log(
        `| ${r.label} | ${(r.fileBytes / 1e9).toFixed(2)} GB | ${(r.headerBytes / 1e6).toFixed(2)} MB | ${r.readerP50Ms.toFixed(2)} ms | ${r.readerP95Ms.toFixed(2)} ms | ${r.rawReadP50Ms.toFixed(2)} ms |`,
      );
    }
  });
}
