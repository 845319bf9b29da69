// Every text file Model Fit reads goes through here: a size limit per kind, no FIFOs or devices, and a binary or
// GGUF file is refused from its first bytes instead of being decoded whole (a 40 GB model read as "text" once
// cost more memory than the machine had). GGUF headers have their own incremental reader (gguf/reader.ts).
import * as fs from 'node:fs';
import { ModelFitError } from '../errors';
import { MAX_CONFIG_BYTES } from '../config/text';

export type TextKind = 'config' | 'json' | 'log' | 'probe';

/** Bytes read at most, per kind of file. */
export const READ_LIMITS: Record<TextKind, number> = {
  /** Modelfiles, YAML, INI, scripts: the readers refuse longer text anyway. */
  config: MAX_CONFIG_BYTES,
  /** Ollama manifests, the hardware cache. */
  json: 1024 * 1024,
  /** llama-bench / llama-server / Ollama output someone imports. */
  log: 64 * 1024 * 1024,
  /** /proc and /sys files (they report size 0, so the cap is on what is read); longer ones are cut, not refused. */
  probe: 256 * 1024,
};

const GGUF_MAGIC = 0x46554747;
const SNIFF = 8192;

/** What a file's first bytes say it is: a GGUF model, some other binary, or text. */
export function sniffBytes(head: Uint8Array): 'gguf' | 'binary' | 'text' {
  if (head.length >= 4 && (head[0] | (head[1] << 8) | (head[2] << 16) | (head[3] << 24)) === GGUF_MAGIC) return 'gguf';
  return head.subarray(0, SNIFF).includes(0) ? 'binary' : 'text';
}

/** The first `n` bytes of a regular file ([] when it cannot be read). */
export function readHead(filePath: string, n = SNIFF): Uint8Array {
  let fd: number | undefined;
  try {
    if (!fs.statSync(filePath).isFile()) return new Uint8Array(0);
    fd = fs.openSync(filePath, 'r');
    const buf = new Uint8Array(n);
    const got = fs.readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } catch {
    return new Uint8Array(0);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** True when the file is a GGUF model by its magic bytes. */
export function isGgufFile(filePath: string): boolean {
  return sniffBytes(readHead(filePath, 4)) === 'gguf';
}

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/**
 * A text file of `kind`, read whole only when it is a regular file within the kind's limit and not binary.
 * Throws ModelFitError with a one-line reason otherwise. `shown` is the name used in messages.
 */
export function readTextFile(filePath: string, kind: TextKind, shown = filePath): string {
  const limit = READ_LIMITS[kind];
  let st: fs.Stats;
  try {
    st = fs.statSync(filePath);
  } catch (err) {
    throw new ModelFitError(`cannot read ${shown}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (st.isDirectory()) throw new ModelFitError(`${shown} is a directory, not a ${kind} file`);
  if (!st.isFile()) throw new ModelFitError(`${shown} is not a regular file; not read`);
  const cut = kind === 'probe';
  if (st.size > limit && !cut)
    throw new ModelFitError(`${shown} is ${mb(st.size)}, larger than the ${mb(limit)} read for a ${kind} file; not read`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(filePath, 'r');
    // Read to EOF in chunks (sizes of /proc files are 0), stopping one byte past the limit.
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const buf = new Uint8Array(Math.min(1 << 20, limit + 1 - total));
      if (!buf.length) break;
      const got = fs.readSync(fd, buf, 0, buf.length, total);
      if (got === 0) break;
      chunks.push(buf.subarray(0, got));
      total += got;
      if (total === got) {
        const kindOf = sniffBytes(chunks[0]);
        if (kindOf === 'gguf') throw new ModelFitError(`${shown} is a GGUF model, not a ${kind} file (estimate it with --model ${shown})`);
        if (kindOf === 'binary') throw new ModelFitError(`${shown} looks binary (NUL bytes), not a ${kind} file; not read`);
      }
    }
    if (total > limit && cut) return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
    if (total > limit) throw new ModelFitError(`${shown} grew past the ${mb(limit)} read for a ${kind} file; not read`);
    return Buffer.concat(chunks).toString('utf8');
  } catch (err) {
    if (err instanceof ModelFitError) throw err;
    throw new ModelFitError(`cannot read ${shown}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** readTextFile, or undefined for any reason it would refuse (for optional files: caches, /proc). */
export function readTextFileOrUndefined(filePath: string, kind: TextKind): string | undefined {
  try {
    return readTextFile(filePath, kind);
  } catch {
    return undefined;
  }
}
