// test/fixtures/calibration is ../shared/calibration as `npm run vendor:calibration` copies it; this fails when
// the copy drifts from ../shared (and, in a fresh clone without ../shared, checks that the copy is complete).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import * as zlib from 'node:zlib';
import { blankTokenizerStrings } from '../../scripts/vendor-calibration';
import { readGgufHeaderSync } from '../../src/core/gguf';
import { SHARED_CALIBRATION_DIR, VENDORED_CALIBRATION_DIR, headerSizes } from '../helpers/calibrationData';

const haveShared = fs.existsSync(path.join(SHARED_CALIBRATION_DIR, 'gguf/sizes.json'));
const gunzip = (file: string) => zlib.gunzipSync(fs.readFileSync(file) as unknown as Uint8Array);

test('every vendored header is whole (it parses, its length is the recorded one) and, where ../shared exists, equal to it up to tokenizer text', () => {
  if (haveShared) {
    for (const f of ['measured_llamacpp.json', 'published_bench.json', 'published_2025.json', 'gguf/sizes.json']) {
      assert.equal(
        fs.readFileSync(path.join(VENDORED_CALIBRATION_DIR, f), 'utf8'),
        fs.readFileSync(path.join(SHARED_CALIBRATION_DIR, f), 'utf8'),
        `${f}: run npm run vendor:calibration`,
      );
    }
  }
  const sizes = headerSizes();
  assert.ok(Object.keys(sizes).length >= 7);
  for (const [name, s] of Object.entries(sizes)) {
    const header = gunzip(path.join(VENDORED_CALIBRATION_DIR, 'gguf', `${name}.head.gz`));
    assert.equal(header.length, s.header_bytes, name);
    const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vendored-')), name);
    fs.writeFileSync(tmp, header as unknown as Uint8Array);
    fs.truncateSync(tmp, s.file_bytes);
    if (haveShared) {
      const shared = gunzip(path.join(SHARED_CALIBRATION_DIR, 'gguf', `${name}.head.gz`));
      blankTokenizerStrings(shared);
      assert.ok(shared.equals(header as unknown as Uint8Array), `${name}: run npm run vendor:calibration`);
    }
    const h = readGgufHeaderSync(tmp);
    assert.ok(h.tensors.length > 100, `${name}: ${h.tensors.length} tensors`);
    fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
  }
});
