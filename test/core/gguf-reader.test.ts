// GGUF header reader: every value type, array handling, alignment, and hostile / corrupt files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readGgufHeader, ggufTensorBytes, GgufValueType } from '../../src/core/gguf';
import { ModelFitError } from '../../src/core/errors';
import {
  arr,
  bool,
  encodeGguf,
  f32,
  f64,
  i16,
  i32,
  i64,
  i8,
  stringArray,
  u16,
  u32,
  u64,
  u8,
  writeGguf,
  type GgufSpec,
} from '../helpers/ggufWriter';

let dir = '';
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gguf-reader-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => path.join(dir, name);

const small: GgufSpec = {
  metadata: { 'general.architecture': 'llama', 'general.name': 'tiny' },
  tensors: [{ name: 'a.weight', type: 'F32', dims: [32] }],
};

test('reads every metadata value type', async () => {
  const p = file('types.gguf');
  writeGguf(p, {
    metadata: {
      u8: u8(200),
      i8: i8(-100),
      u16: u16(60000),
      i16: i16(-30000),
      u32: u32(4_000_000_000),
      i32: i32(-2_000_000_000),
      f32: f32(0.5),
      f64: f64(1e-300),
      bool: bool(true),
      str: 'héllo',
      u64: u64(2n ** 40n + 3n),
      i64: i64(-(2n ** 40n)),
      arrU32: arr('u32', [1, 2, 3]),
      arrBool: [true, false, true],
      arrF32: arr('f32', [0.25, -1]),
      strs: stringArray(1000),
      nested: arr('array', [arr('string', ['x', 'yy']), arr('u8', [1])]),
      longArr: arr(
        'i32',
        Array.from({ length: 65537 }, (_, i) => i),
      ),
      keptArr: arr(
        'i32',
        Array.from({ length: 65536 }, (_, i) => i),
      ),
    },
    tensors: [],
  });
  const h = await readGgufHeader(p);
  const m = h.metadata;
  assert.equal(m.get('u8'), 200);
  assert.equal(m.get('i8'), -100);
  assert.equal(m.get('u16'), 60000);
  assert.equal(m.get('i16'), -30000);
  assert.equal(m.get('u32'), 4_000_000_000);
  assert.equal(m.get('i32'), -2_000_000_000);
  assert.equal(m.get('f32'), 0.5);
  assert.equal(m.get('f64'), 1e-300);
  assert.equal(m.get('bool'), true);
  assert.equal(m.get('str'), 'héllo');
  assert.equal(m.get('u64'), 2 ** 40 + 3);
  assert.equal(m.get('i64'), -(2 ** 40));
  assert.deepEqual(m.get('arrU32'), { kind: 'array', itemType: GgufValueType.UINT32, length: 3, values: [1, 2, 3] });
  assert.deepEqual(m.get('arrBool'), { kind: 'array', itemType: GgufValueType.BOOL, length: 3, values: [true, false, true] });
  assert.deepEqual(m.get('arrF32'), { kind: 'array', itemType: GgufValueType.FLOAT32, length: 2, values: [0.25, -1] });
  // String arrays keep only their length (never decoded).
  assert.deepEqual(m.get('strs'), { kind: 'array', itemType: GgufValueType.STRING, length: 1000 });
  assert.deepEqual(m.get('nested'), { kind: 'array', itemType: GgufValueType.ARRAY, length: 2 });
  assert.deepEqual(m.get('longArr'), { kind: 'array', itemType: GgufValueType.INT32, length: 65537 });
  const kept = m.get('keptArr');
  assert.ok(typeof kept === 'object' && kept.values?.length === 65536 && kept.values[65535] === 65535);
  assert.equal(h.tensors.length, 0);
});

test('tensor infos: dims, type, offset, bytes; default alignment 32', async () => {
  const p = file('tensors.gguf');
  const size = writeGguf(p, {
    metadata: { 'general.architecture': 'llama' },
    tensors: [
      { name: 'x', type: 'Q4_K', dims: [512, 3] }, // 1536 el / 256 × 144 = 864 B
      { name: 'y', type: 'F16', dims: [7] }, // 14 B, at offset 864 (a multiple of 32)
      { name: 'z', type: 'Q8_0', dims: [64, 2, 2] }, // 256 / 32 × 34 = 272 B, at 896 (878 rounded up to 32)
    ],
  });
  const h = await readGgufHeader(p);
  assert.equal(h.version, 3);
  assert.equal(h.alignment, 32);
  assert.equal(h.dataOffset % 32, 0);
  assert.ok(h.dataOffset >= h.headerBytes && h.dataOffset - h.headerBytes < 32);
  assert.deepEqual(
    h.tensors.map((t) => [t.name, t.type.name, t.dims, t.offset, t.bytes]),
    [
      ['x', 'Q4_K', [512, 3], 0, 864],
      ['y', 'F16', [7], 864, 14],
      ['z', 'Q8_0', [64, 2, 2], 896, 272],
    ],
  );
  assert.equal(size, h.dataOffset + 896 + 272);
  assert.equal(await ggufTensorBytes(p), 864 + 14 + 272);
});

test('general.alignment and GGUF v2', async () => {
  const p = file('v2.gguf');
  writeGguf(p, {
    version: 2,
    metadata: { 'general.architecture': 'llama', 'general.alignment': u32(256) },
    tensors: [
      { name: 'x', type: 'F32', dims: [3] },
      { name: 'y', type: 'F32', dims: [3] },
    ],
  });
  const h = await readGgufHeader(p);
  assert.equal(h.version, 2);
  assert.equal(h.alignment, 256);
  assert.equal(h.dataOffset % 256, 0);
  assert.equal(h.tensors[1].offset, 256);
});

test('the types added after MXFP4 have ggml block sizes', async () => {
  const p = file('fp4.gguf');
  writeGguf(p, {
    metadata: {},
    tensors: [
      { name: 'm', type: 'MXFP4', dims: [64, 2] }, // 128 / 32 × 17 = 68
      { name: 'n', type: 40, dims: [128] }, // NVFP4: 128 / 64 × 36 = 72
      { name: 'q1', type: 41, dims: [256] }, // Q1_0: 256 / 128 × 18 = 36
      { name: 'q2', type: 42, dims: [128] }, // Q2_0: 128 / 64 × 18 = 36
    ],
  });
  const h = await readGgufHeader(p);
  assert.deepEqual(
    h.tensors.map((t) => [t.type.name, t.bytes]),
    [
      ['MXFP4', 68],
      ['NVFP4', 72],
      ['Q1_0', 36],
      ['Q2_0', 36],
    ],
  );
});

/** Writes raw bytes and expects a fast ModelFitError whose message matches `re`. */
async function expectError(name: string, bytes: Buffer | null, re: RegExp, fileBytes?: number): Promise<void> {
  const p = file(name);
  if (bytes) {
    fs.writeFileSync(p, bytes as unknown as Uint8Array);
    if (fileBytes !== undefined) fs.truncateSync(p, fileBytes);
  }
  const t0 = performance.now();
  await assert.rejects(readGgufHeader(p), (e: unknown) => {
    assert.ok(e instanceof ModelFitError, `expected ModelFitError, got ${String(e)}`);
    assert.match(e.message, re);
    assert.ok(!e.message.includes('\n'), 'one-line message');
    return true;
  });
  assert.ok(performance.now() - t0 < 1000, 'fails fast');
}

const enc = (spec: GgufSpec) => encodeGguf(spec);
const patch = (b: Buffer, at: number, write: (b: Buffer, at: number) => void): Buffer => {
  const c = Buffer.from(b as unknown as Uint8Array);
  write(c, at);
  return c;
};
/** Position just after a metadata key's bytes (where its value type follows). */
const afterKey = (b: Buffer, key: string) => b.indexOf(key) + key.length;

test('hostile: not GGUF, empty, directory, missing', async () => {
  await expectError('bad-magic.gguf', Buffer.from('GGUXxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'), /is not a GGUF file/);
  await expectError('text.gguf', Buffer.from('hello'), /is not a GGUF file/);
  await expectError('empty.gguf', Buffer.alloc(0), /is empty, not a GGUF file/);
  fs.mkdirSync(file('adir'));
  await expectError('adir', null, /is a directory/);
  await expectError('missing.gguf', null, /not found/);
});

test('hostile: version 99, v1, big-endian', async () => {
  const { header } = enc(small);
  await expectError(
    'v99.gguf',
    patch(header, 4, (b, at) => b.writeUInt32LE(99, at)),
    /unsupported GGUF version 99/,
  );
  await expectError(
    'v1.gguf',
    patch(header, 4, (b, at) => b.writeUInt32LE(1, at)),
    /GGUF v1/,
  );
  await expectError(
    'be.gguf',
    patch(header, 4, (b, at) => b.writeUInt32BE(3, at)),
    /big-endian/,
  );
});

test('hostile: truncated header', async () => {
  const { header } = enc({ ...small, metadata: { ...small.metadata, 'tokenizer.ggml.tokens': stringArray(100) } });
  await expectError('trunc.gguf', header.subarray(0, header.length - 30), /GGUF header truncated at byte \d+/);
  await expectError('trunc-counts.gguf', header.subarray(0, 12), /GGUF header truncated at byte 12/);
});

test('hostile: absurd tensor and kv counts', async () => {
  const e = enc(small);
  await expectError(
    'many-tensors.gguf',
    patch(e.header, e.countsAt, (b, at) => b.writeBigUInt64LE(2n ** 60n, at)),
    /claims 1152921504606846976 tensors .* but the file has only \d+ bytes/,
  );
  await expectError(
    'many-kv.gguf',
    patch(e.header, e.countsAt + 8, (b, at) => b.writeBigUInt64LE(2n ** 62n, at)),
    /claims 1 tensors and 4611686018427387904 metadata entries but the file has only/,
  );
});

test('hostile: huge string lengths', async () => {
  const e = enc(small);
  const at = afterKey(e.header, 'general.name') + 4; // value: u64 length, then bytes
  await expectError(
    'huge-str.gguf',
    patch(e.header, at, (b, a) => b.writeBigUInt64LE(2n ** 40n, a)),
    /string of 1099511627776 bytes .* runs past the end/,
  );
  const keyAt = e.header.indexOf('general.architecture') - 8;
  await expectError(
    'huge-key.gguf',
    patch(e.header, keyAt, (b, a) => b.writeBigUInt64LE(2n ** 59n, a)),
    /metadata key 0 claims/,
  );
  const v = enc({ ...small, metadata: { ...small.metadata, 'tokenizer.ggml.tokens': arr('string', ['a', 'b', 'c']) } });
  const s0 = afterKey(v.header, 'tokenizer.ggml.tokens') + 4 + 4 + 8; // type, item type, count
  await expectError(
    'huge-vocab-str.gguf',
    patch(v.header, s0 + 9, (b, a) => b.writeBigUInt64LE(2n ** 33n, a)),
    /string 1 of 8589934592 bytes/,
  );
});

test('hostile: huge array length', async () => {
  const e = enc({ ...small, metadata: { ...small.metadata, 'x.arr': arr('u32', [1, 2]) } });
  const at = afterKey(e.header, 'x.arr') + 4 + 4;
  await expectError(
    'huge-arr.gguf',
    patch(e.header, at, (b, a) => b.writeBigUInt64LE(2n ** 50n, a)),
    /x\.arr: array claims 1125899906842624 elements/,
  );
  const s = enc({ ...small, metadata: { ...small.metadata, 'tokenizer.ggml.tokens': stringArray(2) } });
  const sAt = afterKey(s.header, 'tokenizer.ggml.tokens') + 4 + 4;
  await expectError(
    'huge-str-arr.gguf',
    patch(s.header, sAt, (b, a) => b.writeBigUInt64LE(2n ** 45n, a)),
    /array claims 35184372088832 elements/,
  );
});

test('hostile: n_dims 1000, unknown type id, removed type, bad row length', async () => {
  const e = enc(small); // the single tensor info ends the header: n_dims, 1 dim, type, offset
  const n = e.header.length;
  await expectError(
    'ndims.gguf',
    patch(e.header, n - 24, (b, a) => b.writeUInt32LE(1000, a)),
    /a\.weight has 1000 dimensions/,
  );
  await expectError(
    'type99.gguf',
    patch(e.header, n - 12, (b, a) => b.writeUInt32LE(99, a)),
    /unknown ggml type 99/,
  );
  await expectError(
    'type31.gguf',
    patch(e.header, n - 12, (b, a) => b.writeUInt32LE(31, a)),
    /Q4_0_4_4, which llama\.cpp no longer loads/,
  );
  await expectError(
    'row.gguf',
    patch(e.header, n - 12, (b, a) => b.writeUInt32LE(12, a)),
    /row length 32 is not a multiple of the Q4_K block size 256/,
  );
  const big = enc({ metadata: {}, tensors: [{ name: 'w', type: 'F32', dims: [2 ** 30, 2 ** 30, 2 ** 30] }] });
  await expectError('dims.gguf', big.header, /impossible shape/);
});

test('hostile: tensor data past EOF (truncated download)', async () => {
  const e = enc({ metadata: {}, tensors: [{ name: 'w', type: 'F32', dims: [1024] }] });
  await expectError('short.gguf', e.header, /tensor w data ends at byte \d+, past the end of the file \(\d+ bytes\)/, e.dataOffset + 4095);
  const off = enc({ metadata: {}, tensors: [{ name: 'w', type: 'F32', dims: [8], offset: 2 ** 40 }] });
  await expectError('offset.gguf', off.header, /past the end of the file/, off.dataOffset + 32);
});

test('hostile: duplicate key and bad alignment', async () => {
  const e = enc({ metadata: { 'k.aa': 1, 'k.bb': 2 }, tensors: [] });
  await expectError(
    'dup.gguf',
    patch(e.header, e.header.indexOf('k.bb'), (b, a) => b.write('k.aa', a)),
    /key k\.aa appears twice/,
  );
  const bad = enc({ ...small, metadata: { ...small.metadata, 'general.alignment': u32(48) } });
  await expectError('align.gguf', bad.header, /general\.alignment must be a power of two, got 48/, bad.fileBytes);
});
