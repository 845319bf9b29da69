// The calibration data the tests check the engine against: test/fixtures/calibration, a copy of
// ../shared/calibration made by `npm run vendor:calibration` (GGUF headers with tokenizer text blanked,
// every offset kept), so the same tests run in a fresh clone without ../shared. When ../shared is there,
// test/core/calibration-vendored.test.ts checks that the copy still matches it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

export const VENDORED_CALIBRATION_DIR = path.resolve(__dirname, '../fixtures/calibration');
export const SHARED_CALIBRATION_DIR = path.resolve(__dirname, '../../../shared/calibration');
/** Scripts prefer ../shared (the newest data, real tokenizer text); tests use the vendored copy. */
export const SCRIPT_CALIBRATION_DIR = fs.existsSync(path.join(SHARED_CALIBRATION_DIR, 'gguf/sizes.json'))
  ? SHARED_CALIBRATION_DIR
  : VENDORED_CALIBRATION_DIR;

export type HeaderSizes = Record<string, { header_bytes: number; file_bytes: number }>;

export function readCalibrationJson<T = any>(name: string, dir = VENDORED_CALIBRATION_DIR): T {
  return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as T;
}

export function headerSizes(dir = VENDORED_CALIBRATION_DIR): HeaderSizes {
  return readCalibrationJson<HeaderSizes>('gguf/sizes.json', dir);
}

/** Writes `name`'s real header into `outDir` and extends it (sparse) to the real file size; returns its path. */
export function realGgufFile(name: string, outDir: string, dir = VENDORED_CALIBRATION_DIR): string {
  const out = path.join(outDir, name);
  const size = headerSizes(dir)[name]?.file_bytes;
  if (size === undefined) throw new Error(`no calibration header named ${name} in ${dir}`);
  if (!fs.existsSync(out) || fs.statSync(out).size !== size) {
    fs.writeFileSync(
      out,
      zlib.gunzipSync(fs.readFileSync(path.join(dir, 'gguf', `${name}.head.gz`)) as unknown as Uint8Array) as unknown as Uint8Array,
    );
    fs.truncateSync(out, size);
  }
  return out;
}
