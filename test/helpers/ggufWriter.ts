// Writes GGUF files to the spec for tests: the real header, then the file extended (sparse) to its
// full size, so a "70B model" costs a few KB of disk.
//
//   writeGguf('/tmp/m.gguf', {
//     metadata: {
//       'general.architecture': 'llama',              // string
//       'llama.block_count': 32,                        // integer ≥ 0 → u32, negative → i32, fraction → f32
//       'llama.rope.freq_base': f32(500000),            // explicit type: u8 i8 u16 i16 u32 i32 u64 i64 f32 f64 bool
//       'tokenizer.ggml.tokens': stringArray(128256),   // n placeholder strings, or arr('string', [...])
//       'gemma3.attention.sliding_window_pattern': [true, false],   // bool[] / number[] (i32) / string[]
//     },
//     tensors: [{ name: 'token_embd.weight', type: 'Q4_K', dims: [4096, 128256] }],
//   });   // → file size in bytes
import * as fs from 'node:fs';
import { ggmlTypeById, ggmlTypeByName, tensorBytes } from '../../src/core/gguf/ggmlTypes';

export type GgufItemType = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'f32' | 'bool' | 'string' | 'u64' | 'i64' | 'f64';

const TYPE_ID: Record<GgufItemType | 'array', number> = {
  u8: 0,
  i8: 1,
  u16: 2,
  i16: 3,
  u32: 4,
  i32: 5,
  f32: 6,
  bool: 7,
  string: 8,
  array: 9,
  u64: 10,
  i64: 11,
  f64: 12,
};

export interface TypedValue {
  type: GgufItemType;
  value: number | bigint | boolean | string;
}

export interface ArrayValue {
  type: 'array';
  itemType: GgufItemType | 'array';
  values: Array<number | bigint | boolean | string | ArrayValue>;
}

export type WriteValue = string | number | boolean | number[] | boolean[] | string[] | TypedValue | ArrayValue;

export interface TensorSpec {
  name: string;
  /** ggml type name ('Q4_K', 'F32', …) or id. */
  type: string | number;
  /** ne[0..]: ne[0] is the row length. */
  dims: number[];
  /** Data offset relative to the data section; default: packed in order, each aligned. */
  offset?: number;
}

export interface GgufSpec {
  /** Values as WriteValue (plain JS values get a default GGUF type, see typed()). */
  metadata: Record<string, WriteValue | unknown>;
  tensors: TensorSpec[];
  /** Default 3. */
  version?: number;
  /** Padding of the data section and tensor offsets; default general.alignment or 32. */
  alignment?: number;
  /** Final file size; default: end of the last tensor's data. Smaller values truncate the file. */
  fileBytes?: number;
}

export const u8 = (value: number): TypedValue => ({ type: 'u8', value });
export const i8 = (value: number): TypedValue => ({ type: 'i8', value });
export const u16 = (value: number): TypedValue => ({ type: 'u16', value });
export const i16 = (value: number): TypedValue => ({ type: 'i16', value });
export const u32 = (value: number): TypedValue => ({ type: 'u32', value });
export const i32 = (value: number): TypedValue => ({ type: 'i32', value });
export const u64 = (value: number | bigint): TypedValue => ({ type: 'u64', value });
export const i64 = (value: number | bigint): TypedValue => ({ type: 'i64', value });
export const f32 = (value: number): TypedValue => ({ type: 'f32', value });
export const f64 = (value: number): TypedValue => ({ type: 'f64', value });
export const bool = (value: boolean): TypedValue => ({ type: 'bool', value });
export const arr = (itemType: GgufItemType | 'array', values: ArrayValue['values']): ArrayValue => ({ type: 'array', itemType, values });
/** A string array of n short placeholder entries (a vocabulary). */
export const stringArray = (n: number): ArrayValue =>
  arr(
    'string',
    Array.from({ length: n }, (_, i) => `t${i}`),
  );

/** Growable little-endian byte sink. */
class Sink {
  private buf = Buffer.alloc(1 << 16);
  len = 0;
  private room(n: number): number {
    if (this.len + n > this.buf.length) {
      const next = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n));
      this.buf.copy(next as unknown as Uint8Array, 0, 0, this.len);
      this.buf = next;
    }
    const at = this.len;
    this.len += n;
    return at;
  }
  u8(v: number) {
    const at = this.room(1);
    this.buf.writeUInt8(v, at);
  }
  i8(v: number) {
    const at = this.room(1);
    this.buf.writeInt8(v, at);
  }
  u16(v: number) {
    const at = this.room(2);
    this.buf.writeUInt16LE(v, at);
  }
  i16(v: number) {
    const at = this.room(2);
    this.buf.writeInt16LE(v, at);
  }
  u32(v: number) {
    const at = this.room(4);
    this.buf.writeUInt32LE(v, at);
  }
  i32(v: number) {
    const at = this.room(4);
    this.buf.writeInt32LE(v, at);
  }
  f32(v: number) {
    const at = this.room(4);
    this.buf.writeFloatLE(v, at);
  }
  f64(v: number) {
    const at = this.room(8);
    this.buf.writeDoubleLE(v, at);
  }
  u64(v: number | bigint) {
    const at = this.room(8);
    this.buf.writeBigUInt64LE(BigInt(v), at);
  }
  i64(v: number | bigint) {
    const at = this.room(8);
    this.buf.writeBigInt64LE(BigInt(v), at);
  }
  str(s: string) {
    const b = Buffer.from(s, 'utf8');
    this.u64(b.length);
    const at = this.room(b.length);
    b.copy(this.buf as unknown as Uint8Array, at);
  }
  bytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

function writeItem(s: Sink, type: GgufItemType, v: number | bigint | boolean | string): void {
  switch (type) {
    case 'u8':
      return s.u8(Number(v));
    case 'i8':
      return s.i8(Number(v));
    case 'u16':
      return s.u16(Number(v));
    case 'i16':
      return s.i16(Number(v));
    case 'u32':
      return s.u32(Number(v));
    case 'i32':
      return s.i32(Number(v));
    case 'f32':
      return s.f32(Number(v));
    case 'f64':
      return s.f64(Number(v));
    case 'bool':
      return s.u8(v ? 1 : 0);
    case 'u64':
      return s.u64(v as number | bigint);
    case 'i64':
      return s.i64(v as number | bigint);
    case 'string':
      return s.str(String(v));
  }
}

function writeArrayBody(s: Sink, a: ArrayValue): void {
  s.u32(TYPE_ID[a.itemType]);
  s.u64(a.values.length);
  for (const v of a.values) {
    if (a.itemType === 'array') writeArrayBody(s, v as ArrayValue);
    else writeItem(s, a.itemType, v as number | bigint | boolean | string);
  }
}

/** Normalises a plain JS value to an explicit GGUF type. */
function typed(v: unknown): TypedValue | ArrayValue {
  if (typeof v === 'string') return { type: 'string', value: v };
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return { type: 'f32', value: v };
    return v < 0 ? { type: 'i32', value: v } : { type: 'u32', value: v };
  }
  if (Array.isArray(v)) {
    const first = v[0];
    const itemType: GgufItemType = typeof first === 'string' ? 'string' : typeof first === 'boolean' ? 'bool' : 'i32';
    return arr(itemType, v as ArrayValue['values']);
  }
  if (typeof v === 'bigint') return { type: 'u64', value: v };
  if (v && typeof v === 'object' && 'type' in v) return v as TypedValue | ArrayValue;
  throw new Error(`ggufWriter: cannot encode metadata value ${String(v)}`);
}

function alignmentOf(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'value' in v) return Number((v as TypedValue).value);
  return 32;
}

export interface EncodedGguf {
  /** Magic, counts, metadata and tensor infos (no padding). */
  header: Buffer;
  /** Start of the data section. */
  dataOffset: number;
  /** Byte offset (absolute) of the n_tensors and n_kv counts, for tests that corrupt them. */
  countsAt: number;
  fileBytes: number;
}

/** The header bytes of a GGUF file and its layout, without writing anything. */
export function encodeGguf(spec: GgufSpec): EncodedGguf {
  const alignment = spec.alignment ?? alignmentOf(spec.metadata['general.alignment']);
  const s = new Sink();
  s.u32(0x46554747);
  s.u32(spec.version ?? 3);
  const countsAt = s.len;
  s.u64(spec.tensors.length);
  const keys = Object.keys(spec.metadata);
  s.u64(keys.length);
  for (const key of keys) {
    s.str(key);
    const v = typed(spec.metadata[key]);
    s.u32(TYPE_ID[v.type]);
    if (v.type === 'array') writeArrayBody(s, v);
    else writeItem(s, v.type, v.value);
  }
  let next = 0;
  let dataEnd = 0;
  for (const t of spec.tensors) {
    const type = typeof t.type === 'number' ? ggmlTypeById(t.type) : ggmlTypeByName(t.type);
    const elements = t.dims.reduce((a, b) => a * b, 1);
    const bytes = type ? tensorBytes(type, elements) : 0;
    const offset = t.offset ?? next;
    s.str(t.name);
    s.u32(t.dims.length);
    for (const d of t.dims) s.u64(d);
    s.u32(type ? type.id : Number(t.type));
    s.u64(offset);
    next = Math.ceil((offset + bytes) / alignment) * alignment;
    dataEnd = Math.max(dataEnd, offset + bytes);
  }
  const header = Buffer.from(s.bytes() as unknown as Uint8Array);
  const dataOffset = Math.ceil(header.length / alignment) * alignment;
  return { header, dataOffset, countsAt, fileBytes: spec.fileBytes ?? dataOffset + dataEnd };
}

/** Writes the header, then extends the file (sparse) to its full size. Returns the file size in bytes. */
export function writeGguf(path: string, spec: GgufSpec): number {
  const enc = encodeGguf(spec);
  fs.writeFileSync(path, enc.header as unknown as Uint8Array);
  fs.truncateSync(path, enc.fileBytes);
  return enc.fileBytes;
}
