// npm run vendor:calibration — copy ../shared/calibration into test/fixtures/calibration so the tests that
// check the engine against real headers and measured runs also run in a fresh clone without ../shared.
// GGUF headers keep every byte's position: only the text of tokenizer strings is replaced by same-length
// filler (the reader skips it), which makes a 2 MB gzipped header a few KB.
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

const FROM = path.resolve(__dirname, '../../shared/calibration');
const TO = path.resolve(__dirname, '../test/fixtures/calibration');

const SCALAR_BYTES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

/** Overwrites the text of every string inside `tokenizer.*` arrays with 'x', in place. */
export function blankTokenizerStrings(buf: Buffer): void {
  let o = 0;
  const u32 = () => {
    const v = buf.readUInt32LE(o);
    o += 4;
    return v;
  };
  const u64 = () => {
    const v = Number(buf.readBigUInt64LE(o));
    o += 8;
    return v;
  };
  const str = (blank: boolean) => {
    const n = u64();
    if (blank) buf.fill(0x78, o, o + n);
    o += n;
  };
  const value = (type: number, blank: boolean): void => {
    if (type === 8) return str(blank);
    if (type === 9) {
      const itemType = u32();
      const count = u64();
      if (itemType !== 8 && itemType !== 9) {
        o += count * SCALAR_BYTES[itemType];
        return;
      }
      for (let i = 0; i < count; i++) value(itemType, blank);
      return;
    }
    o += SCALAR_BYTES[type];
  };
  if (u32() !== 0x46554747) throw new Error('not a GGUF file');
  u32(); // version
  u64(); // tensor count
  const kvCount = u64();
  for (let k = 0; k < kvCount; k++) {
    const keyLen = u64();
    const key = buf.toString('utf8', o, o + keyLen);
    o += keyLen;
    const type = u32();
    value(type, key.startsWith('tokenizer.') && type === 9);
  }
}

function main(): void {
  mkdirSync(path.join(TO, 'gguf'), { recursive: true });
  for (const f of ['measured_llamacpp.json', 'published_bench.json', 'published_2025.json', 'README.md', 'gguf/sizes.json']) {
    copyFileSync(path.join(FROM, f), path.join(TO, f));
    chmodSync(path.join(TO, f), 0o644);
  }
  for (const f of readdirSync(path.join(FROM, 'gguf')).filter((x) => x.endsWith('.head.gz'))) {
    const header = gunzipSync(readFileSync(path.join(FROM, 'gguf', f)) as unknown as Uint8Array);
    blankTokenizerStrings(header);
    writeFileSync(path.join(TO, 'gguf', f), gzipSync(header as unknown as Uint8Array, { level: 9 }) as unknown as Uint8Array);
  }
  console.log(`vendored ${FROM} → ${TO}`);
}

if (require.main === module) main();
