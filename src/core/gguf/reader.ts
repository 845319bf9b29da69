// Bounded GGUF v2/v3 header reader. Reads the header in chunks from a file handle, skips string
// arrays by length without decoding them, and checks every count and size against the bytes the
// file actually has, so a lying header fails fast with a one-line ModelFitError.
import * as fs from 'node:fs';
import { ModelFitError } from '../errors';
import { ggmlTypeById, tensorBytes } from './ggmlTypes';
import { GgufValueType as T, MAX_KEPT_ARRAY } from './header';
import type { GgufArray, GgufHeader, GgufTensorInfo, GgufValue } from './header';

const MAGIC = 0x46554747; // "GGUF" read as little-endian u32
const CHUNK = 1 << 20;
/** No real header comes close (an 8B model's is 7.8 MB, mostly vocabulary). */
const MAX_HEADER_BYTES = 256 * 1024 * 1024;
const MAX_TENSORS = 1_000_000;
const MAX_KV = 1_000_000;
/** Longer strings are skipped rather than decoded (chat templates are tens of KB). */
const MAX_DECODED_STRING = 1 << 20;
const MAX_KEY_OR_NAME = 65536;
/** Total numeric array elements kept across one header, so memory stays bounded. */
const MAX_KEPT_TOTAL = 4_000_000;
const MAX_ARRAY_DEPTH = 4;
const MAX_DIMS = 4;
const TWO_53 = 2 ** 53;

/** @types/node 20 Buffers do not type-check as ArrayBufferView under TS 5.9's lib; they are one at run time. */
const view = (b: Buffer): Uint8Array => b as unknown as Uint8Array;

/** Bytes per element of the fixed-size value types. */
const SCALAR_SIZE: Partial<Record<number, number>> = {
  [T.UINT8]: 1,
  [T.INT8]: 1,
  [T.UINT16]: 2,
  [T.INT16]: 2,
  [T.UINT32]: 4,
  [T.INT32]: 4,
  [T.FLOAT32]: 4,
  [T.BOOL]: 1,
  [T.UINT64]: 8,
  [T.INT64]: 8,
  [T.FLOAT64]: 8,
};

/** Smallest encoding of one array element of each type (a string is at least its u64 length). */
function minItemBytes(type: number): number {
  if (type === T.STRING) return 8;
  if (type === T.ARRAY) return 12;
  return SCALAR_SIZE[type] ?? 1;
}

const SHARED_CHUNK = Buffer.allocUnsafe(CHUNK);
const SHARED_VIEW = new DataView(SHARED_CHUNK.buffer, SHARED_CHUNK.byteOffset, SHARED_CHUNK.byteLength);

/** Where header bytes come from: a file descriptor, or the prefix of a remote file fetched so far. */
interface ByteSource {
  /** Reads up to len bytes at pos into buf[off..]; returns the count (0 at the end). */
  readAt(buf: Uint8Array, off: number, len: number, pos: number): number;
  /** Called when fewer than the needed bytes came back, before the reader reports truncation. */
  short?(neededEnd: number): void;
}

/** Thrown by a prefix source: the header goes on past the bytes fetched so far. */
export class GgufNeedsMoreBytes extends Error {
  constructor(readonly neededEnd: number) {
    super(`GGUF header needs bytes up to ${neededEnd}`);
  }
}

/** Sequential little-endian reader over a byte source, one chunk in memory at a time. */
class ChunkReader {
  // One chunk shared by every read: parsing is synchronous, so two reads never overlap.
  private buf = SHARED_CHUNK;
  private view = SHARED_VIEW;
  /** File offset of buf[0] and number of valid bytes in buf. */
  private bufStart = 0;
  private bufLen = 0;
  pos = 0;

  constructor(
    private readonly src: ByteSource,
    readonly fileBytes: number,
    private readonly path: string,
  ) {}

  get left(): number {
    return this.fileBytes - this.pos;
  }

  /** Makes [pos, pos+n) available in buf; n ≤ CHUNK. */
  private ensure(n: number): number {
    if (n > this.left) throw new ModelFitError(`GGUF header truncated at byte ${this.pos}: ${this.path}`);
    if (this.pos > MAX_HEADER_BYTES) throw new ModelFitError(`GGUF header larger than 256 MiB, refusing to read it: ${this.path}`);
    const off = this.pos - this.bufStart;
    if (off >= 0 && off + n <= this.bufLen) return off;
    const want = Math.min(CHUNK, this.left);
    let got = 0;
    while (got < want) {
      const r = this.src.readAt(view(this.buf), got, want - got, this.pos + got);
      if (r === 0) break;
      got += r;
    }
    this.bufStart = this.pos;
    this.bufLen = got;
    if (got < n) this.src.short?.(this.pos + n);
    if (got < n) throw new ModelFitError(`GGUF header truncated at byte ${this.pos + got}: ${this.path}`);
    return 0;
  }

  skip(n: number): void {
    if (n > this.left) throw new ModelFitError(`GGUF header truncated at byte ${this.pos}: ${this.path}`);
    this.pos += n;
  }

  u8(): number {
    const o = this.ensure(1);
    this.pos += 1;
    return this.buf[o];
  }
  i8(): number {
    const o = this.ensure(1);
    this.pos += 1;
    return this.buf.readInt8(o);
  }
  u16(): number {
    const o = this.ensure(2);
    this.pos += 2;
    return this.buf.readUInt16LE(o);
  }
  i16(): number {
    const o = this.ensure(2);
    this.pos += 2;
    return this.buf.readInt16LE(o);
  }
  u32(): number {
    const o = this.ensure(4);
    this.pos += 4;
    return this.buf.readUInt32LE(o);
  }
  i32(): number {
    const o = this.ensure(4);
    this.pos += 4;
    return this.buf.readInt32LE(o);
  }
  f32(): number {
    const o = this.ensure(4);
    this.pos += 4;
    return this.buf.readFloatLE(o);
  }
  f64(): number {
    const o = this.ensure(8);
    this.pos += 8;
    return this.buf.readDoubleLE(o);
  }
  /** u64 as a double: exact up to 2^53, and any larger value still fails every bound check. */
  u64(): number {
    const o = this.ensure(8);
    this.pos += 8;
    return this.buf.readUInt32LE(o + 4) * 2 ** 32 + this.buf.readUInt32LE(o);
  }
  i64(): number {
    const o = this.ensure(8);
    this.pos += 8;
    return Number(this.buf.readBigInt64LE(o));
  }
  u64Exact(): bigint {
    const o = this.ensure(8);
    this.pos += 8;
    return this.buf.readBigUInt64LE(o);
  }

  /** A string's bytes after its length was read; decoded only up to `decodeMax` bytes. */
  stringBody(len: number, what: string, decodeMax: number): string {
    if (len > this.left) {
      // A plausible length cut off by the end of the file is a truncated header; an absurd one is corruption.
      if (len < this.fileBytes) throw new ModelFitError(`GGUF header truncated at byte ${this.fileBytes}: ${this.path}`);
      throw new ModelFitError(
        `GGUF ${what}: string of ${len} bytes at byte ${this.pos} runs past the end of the file (${this.fileBytes} bytes): ${this.path}`,
      );
    }
    if (len > decodeMax || len > CHUNK) {
      this.pos += len;
      return '';
    }
    const o = this.ensure(len);
    this.pos += len;
    return this.buf.toString('utf8', o, o + len);
  }

  private stringPastEnd(what: string, i: number, at: number): never {
    this.pos = at;
    const len = this.u64();
    throw new ModelFitError(
      `GGUF ${what}: string ${i} of ${len} bytes at byte ${at} runs past the end of the file (${this.fileBytes} bytes): ${this.path}`,
    );
  }

  /** Skips `count` strings (a vocabulary): only their lengths are read. */
  skipStrings(count: number, what: string): void {
    // Hot loop (an 8B model has ~400k vocabulary and merge strings): walk lengths straight off the
    // buffer, refilling only when a length field crosses the chunk end.
    const dv = this.view;
    const fileBytes = this.fileBytes;
    let i = 0;
    while (i < count) {
      let off = this.ensure(8);
      const end = this.bufLen;
      const base = this.bufStart;
      // Bytes left in the file after the length field at `off`.
      const limit = fileBytes - base - 8;
      while (i < count && off + 8 <= end) {
        // Integer-only arithmetic keeps this loop fast; a high word ≠ 0 is > 4 GiB, past any header.
        const len = dv.getUint32(off, true);
        if (dv.getUint32(off + 4, true) !== 0 || len > limit - off) this.stringPastEnd(what, i, base + off);
        off += 8 + len;
        i++;
      }
      this.pos = this.bufStart + off;
    }
  }
}

interface ParseState {
  r: ChunkReader;
  path: string;
  kept: number;
}

function readScalar(s: ParseState, type: number): number | boolean {
  const r = s.r;
  switch (type) {
    case T.UINT8:
      return r.u8();
    case T.INT8:
      return r.i8();
    case T.UINT16:
      return r.u16();
    case T.INT16:
      return r.i16();
    case T.UINT32:
      return r.u32();
    case T.INT32:
      return r.i32();
    case T.FLOAT32:
      return r.f32();
    case T.BOOL:
      return r.u8() !== 0;
    case T.UINT64:
      return r.u64();
    case T.INT64:
      return r.i64();
    case T.FLOAT64:
      return r.f64();
    default:
      throw new ModelFitError(`GGUF metadata has unknown value type ${type} at byte ${r.pos}: ${s.path}`);
  }
}

function readArray(s: ParseState, key: string, depth: number): GgufArray {
  const r = s.r;
  if (depth > MAX_ARRAY_DEPTH) throw new ModelFitError(`GGUF metadata ${key}: arrays nested deeper than ${MAX_ARRAY_DEPTH}: ${s.path}`);
  const itemType = r.u32();
  if (itemType > T.FLOAT64) throw new ModelFitError(`GGUF metadata ${key}: array of unknown value type ${itemType}: ${s.path}`);
  const length = r.u64();
  if (length * minItemBytes(itemType) > r.left) {
    throw new ModelFitError(
      `GGUF metadata ${key}: array claims ${length} elements but only ${r.left} bytes are left in the file: ${s.path}`,
    );
  }
  if (itemType === T.STRING) {
    r.skipStrings(length, key);
    return { kind: 'array', itemType, length };
  }
  if (itemType === T.ARRAY) {
    for (let i = 0; i < length; i++) readArray(s, key, depth + 1);
    return { kind: 'array', itemType, length };
  }
  const size = SCALAR_SIZE[itemType] as number;
  if (length > MAX_KEPT_ARRAY || s.kept + length > MAX_KEPT_TOTAL) {
    r.skip(length * size);
    return { kind: 'array', itemType, length };
  }
  s.kept += length;
  const values: Array<number | boolean> = new Array(length);
  for (let i = 0; i < length; i++) values[i] = readScalar(s, itemType);
  return { kind: 'array', itemType, length, values: values as number[] | boolean[] };
}

function readValue(s: ParseState, key: string, type: number): GgufValue {
  if (type === T.STRING) {
    const len = s.r.u64();
    return s.r.stringBody(len, key, MAX_DECODED_STRING);
  }
  if (type === T.ARRAY) return readArray(s, key, 1);
  return readScalar(s, type);
}

function fail(path: string, what: string): never {
  throw new ModelFitError(`${path} ${what}`);
}

/** Opens the file, mapping OS errors to one-line messages. */
function openFile(filePath: string): { fd: number; size: number } {
  let st: fs.Stats;
  try {
    st = fs.statSync(filePath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') fail(filePath, 'not found');
    fail(filePath, `cannot be read (${code ?? String(e)})`);
  }
  if (st.isDirectory()) fail(filePath, 'is a directory, not a GGUF file');
  if (!st.isFile()) fail(filePath, 'is not a regular file, not a GGUF file');
  if (st.size === 0) fail(filePath, 'is empty, not a GGUF file');
  try {
    return { fd: fs.openSync(filePath, 'r'), size: st.size };
  } catch (e) {
    fail(filePath, `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** True when the file starts with the GGUF magic (Ollama blobs have no extension). */
export function hasGgufMagic(filePath: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(filePath, 'r');
    const b = Buffer.alloc(4);
    return fs.readSync(fd, view(b), 0, 4, 0) === 4 && b.readUInt32LE(0) === MAGIC;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Reads and validates the header synchronously (the async wrapper below is the public API). */
export function readGgufHeaderSync(filePath: string): GgufHeader {
  const { fd, size } = openFile(filePath);
  try {
    return parse(new ChunkReader({ readAt: (buf, off, len, pos) => fs.readSync(fd, buf, off, len, pos) }, size, filePath), filePath);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The header of a remote file of `totalBytes` from the bytes fetched so far (its first `prefix.length` bytes).
 * Throws GgufNeedsMoreBytes when the header runs past them, ModelFitError for anything malformed.
 */
export function parseGgufHeaderPrefix(prefix: Buffer, totalBytes: number, label: string): GgufHeader {
  const src: ByteSource = {
    readAt: (buf, off, len, pos) => (pos >= prefix.length ? 0 : prefix.copy(buf, off, pos, Math.min(prefix.length, pos + len))),
    short: (neededEnd) => {
      if (prefix.length < totalBytes && neededEnd <= totalBytes) throw new GgufNeedsMoreBytes(neededEnd);
    },
  };
  return parse(new ChunkReader(src, totalBytes, label), label);
}

/**
 * GGUF v2/v3 header: metadata (string arrays as lengths only) and tensor infos with byte sizes.
 * Throws ModelFitError for anything that is not a readable, self-consistent GGUF file.
 */
export async function readGgufHeader(filePath: string): Promise<GgufHeader> {
  return readGgufHeaderSync(filePath);
}

function parse(r: ChunkReader, path: string): GgufHeader {
  if (r.fileBytes < 4) fail(path, `is not a GGUF file (only ${r.fileBytes} bytes)`);
  const magic = r.u32();
  if (magic !== MAGIC) fail(path, 'is not a GGUF file (no GGUF magic at byte 0)');
  if (r.fileBytes < 24) throw new ModelFitError(`GGUF header truncated at byte ${r.fileBytes}: ${path}`);
  const version = r.u32();
  if (version !== 2 && version !== 3) {
    const swapped = (((version & 0xff) << 24) | ((version & 0xff00) << 8) | ((version >>> 8) & 0xff00) | (version >>> 24)) >>> 0;
    if (swapped === 2 || swapped === 3) fail(path, 'is a big-endian GGUF file; only little-endian GGUF is supported');
    if (version === 1) fail(path, 'is a GGUF v1 file, which llama.cpp no longer loads; re-convert it');
    fail(path, `has unsupported GGUF version ${version} (supported: 2, 3)`);
  }
  const nTensorsExact = r.u64Exact();
  const nKvExact = r.u64Exact();
  const nTensors = Number(nTensorsExact);
  const nKv = Number(nKvExact);
  // Each KV pair needs ≥ 13 bytes (key length, ≥1 key byte, type, ≥1 value byte); each tensor info ≥ 24.
  if (nTensors * 24 + nKv * 13 > r.left) {
    throw new ModelFitError(
      `GGUF header claims ${nTensorsExact} tensors and ${nKvExact} metadata entries but the file has only ${r.fileBytes} bytes: ${path}`,
    );
  }
  if (nTensors > MAX_TENSORS)
    throw new ModelFitError(`GGUF header claims ${nTensors} tensors, more than the ${MAX_TENSORS} this reader accepts: ${path}`);
  if (nKv > MAX_KV)
    throw new ModelFitError(`GGUF header claims ${nKv} metadata entries, more than the ${MAX_KV} this reader accepts: ${path}`);

  const s: ParseState = { r, path, kept: 0 };
  const metadata = new Map<string, GgufValue>();
  for (let i = 0; i < nKv; i++) {
    const keyLen = r.u64();
    if (keyLen > MAX_KEY_OR_NAME) throw new ModelFitError(`GGUF metadata key ${i} claims ${keyLen} bytes at byte ${r.pos - 8}: ${path}`);
    const key = r.stringBody(keyLen, `metadata key ${i}`, MAX_KEY_OR_NAME);
    const type = r.u32();
    if (metadata.has(key)) throw new ModelFitError(`GGUF metadata key ${key} appears twice: ${path}`);
    metadata.set(key, readValue(s, key, type));
  }

  let alignment = 32;
  const al = metadata.get('general.alignment');
  if (al !== undefined) {
    if (typeof al !== 'number' || !Number.isInteger(al) || al <= 0 || (al & (al - 1)) !== 0 || al > 2 ** 30) {
      throw new ModelFitError(`GGUF general.alignment must be a power of two, got ${String(al)}: ${path}`);
    }
    alignment = al;
  }

  const tensors: GgufTensorInfo[] = new Array(nTensors);
  const names = new Set<string>();
  for (let i = 0; i < nTensors; i++) {
    const nameLen = r.u64();
    if (nameLen > MAX_KEY_OR_NAME) throw new ModelFitError(`GGUF tensor ${i} name claims ${nameLen} bytes at byte ${r.pos - 8}: ${path}`);
    const name = r.stringBody(nameLen, `tensor ${i} name`, MAX_KEY_OR_NAME);
    if (names.has(name)) throw new ModelFitError(`GGUF tensor ${name} appears twice: ${path}`);
    names.add(name);
    const nDims = r.u32();
    if (nDims > MAX_DIMS) throw new ModelFitError(`GGUF tensor ${name} has ${nDims} dimensions (at most ${MAX_DIMS}): ${path}`);
    const dims: number[] = [];
    let elements = 1;
    for (let d = 0; d < nDims; d++) {
      const ne = r.u64();
      dims.push(ne);
      elements *= ne;
      if (!(elements <= TWO_53)) throw new ModelFitError(`GGUF tensor ${name} has an impossible shape (more than 2^53 elements): ${path}`);
    }
    const typeId = r.u32();
    const type = ggmlTypeById(typeId);
    if (!type) throw new ModelFitError(`GGUF tensor ${name} has unknown ggml type ${typeId}: ${path}`);
    if (type.removed)
      throw new ModelFitError(`GGUF tensor ${name} uses ${type.name}, which llama.cpp no longer loads; re-quantize the model: ${path}`);
    if (nDims > 0 && dims[0] % type.blockSize !== 0) {
      throw new ModelFitError(
        `GGUF tensor ${name}: row length ${dims[0]} is not a multiple of the ${type.name} block size ${type.blockSize}: ${path}`,
      );
    }
    const offset = r.u64();
    if (offset % alignment !== 0)
      throw new ModelFitError(`GGUF tensor ${name}: data offset ${offset} is not aligned to ${alignment}: ${path}`);
    tensors[i] = { name, type, dims, elements, offset, bytes: tensorBytes(type, elements) };
  }

  const headerBytes = r.pos;
  const dataOffset = Math.ceil(headerBytes / alignment) * alignment;
  for (const t of tensors) {
    const end = dataOffset + t.offset + t.bytes;
    if (end > r.fileBytes) {
      throw new ModelFitError(
        `GGUF tensor ${t.name} data ends at byte ${end}, past the end of the file (${r.fileBytes} bytes); the file is truncated or corrupt: ${path}`,
      );
    }
  }
  return { path, version, fileBytes: r.fileBytes, alignment, metadata, tensors, headerBytes, dataOffset };
}
