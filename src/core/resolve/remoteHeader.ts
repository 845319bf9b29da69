// Opt-in remote GGUF headers: for an hf.co/… or -hf reference that neither the disk nor the catalog has, read only the
// header of the repo's file over HTTP range requests (never the weights), cache it on disk, and sum split shards.
// Node's built-in fetch only; every response is bounded (listing size, header bytes, time).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { ModelFitError } from '../errors';
import { GgufNeedsMoreBytes, modelSpecFromGguf, parseGgufHeaderPrefix } from '../gguf';
import { mergeShardHeaders } from '../gguf/load';
import type { GgufHeader } from '../gguf';
import type { ModelSpec } from '../types';

export interface RemoteHeaderOptions {
  /** Where headers and repo listings are cached (e.g. hardware's defaultCacheDir()). */
  cacheDir: string;
  /** Hugging Face endpoint; default https://huggingface.co (HF_ENDPOINT, as llama.cpp and huggingface_hub read it). */
  endpoint?: string;
  /** Per-request time limit, ms (default 20 s). */
  timeoutMs?: number;
  /** Test hook; default the global fetch. */
  fetch?: typeof fetch;
}

/** First request; doubled while the header runs on. A 150k-token vocabulary makes a header of a few MB. */
const FIRST_BYTES = 2 * 1024 * 1024;
/** No header is read past this: the reader's own limit is far above any real header, this one bounds the download. */
export const MAX_REMOTE_HEADER_BYTES = 64 * 1024 * 1024;
const MAX_LISTING_BYTES = 8 * 1024 * 1024;
const MAX_SHARDS = 64;
const CACHE_DAYS = 7;

export interface HfRef {
  repo: string;
  /** Quant tag after ':' (llama.cpp's -hf default is Q4_K_M). */
  quant?: string;
  /** A file named in the reference (…/resolve/main/x.gguf or hf.co/org/repo/x.gguf). */
  file?: string;
}

/** hf.co/org/repo[:QUANT], huggingface.co/org/repo/resolve/<rev>/file.gguf, hf.co/org/repo/file.gguf. */
export function parseHfRef(ref: string): HfRef | undefined {
  const m = /^(?:https?:\/\/)?(?:hf\.co|huggingface\.co)\/([A-Za-z0-9][\w.-]*)\/([\w.-]+)(.*)$/i.exec(ref.trim());
  if (!m) return undefined;
  const repo = `${m[1]}/${m[2].replace(/:.*$/, '')}`;
  const rest = m[3];
  const quant = /:([\w.-]+)$/.exec(m[2] + rest)?.[1];
  const file = /^\/(?:resolve|blob)\/[^/]+\/(.+\.gguf)$/i.exec(rest)?.[1] ?? /^\/(.+\.gguf)$/i.exec(rest)?.[1];
  if (rest && !file && !/^:[\w.-]+$/.test(rest)) return undefined;
  return { repo, quant: quant && !file ? quant : undefined, file };
}

const SPLIT_RE = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i;

/** The model file(s) in a repo listing for a quant: every shard of a split file, never an mmproj. */
export function pickGgufFiles(files: string[], quant: string | undefined): string[] {
  const ggufs = files.filter((f) => /\.gguf$/i.test(f) && !/mmproj/i.test(f));
  const q = (quant ?? 'Q4_K_M').toLowerCase();
  const hasQuant = (f: string) => {
    const lower = f.toLowerCase();
    const i = lower.lastIndexOf(q);
    // Q4_K is not Q4_K_M, and Q4_K_XL is not Unsloth's UD-Q4_K_XL.
    const before = lower.slice(Math.max(0, i - 3), i);
    return (
      i >= 0 &&
      !/[a-z0-9]/.test(lower[i - 1] ?? '') &&
      !/[a-z0-9_]/.test(lower[i + q.length] ?? '') &&
      !(before === 'ud-' && !q.startsWith('ud-'))
    );
  };
  const hits = ggufs.filter(hasQuant).sort();
  const first = hits[0] ?? (quant === undefined && ggufs.length === 1 ? ggufs[0] : undefined);
  if (!first) return [];
  const split = SPLIT_RE.exec(first);
  if (!split) return [first];
  const count = Number(split[3]);
  if (count < 1 || count > MAX_SHARDS) throw new ModelFitError(`${first}: ${count} shards, more than the ${MAX_SHARDS} read remotely`);
  return Array.from({ length: count }, (_, i) => `${split[1]}-${String(i + 1).padStart(5, '0')}-of-${split[3]}.gguf`);
}

function key(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 32);
}

function fresh(p: string): boolean {
  try {
    return Date.now() - fs.statSync(p).mtimeMs < CACHE_DAYS * 86400_000;
  } catch {
    return false;
  }
}

async function request(url: string, o: RemoteHeaderOptions, headers: Record<string, string>): Promise<Response> {
  const doFetch = o.fetch ?? fetch;
  try {
    return await doFetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(o.timeoutMs ?? 20_000) });
  } catch (err) {
    throw new ModelFitError(`cannot fetch ${url}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Reads at most `max` bytes of a response body, then stops the transfer. */
async function readBounded(res: Response, max: number, url: string): Promise<Buffer> {
  const reader = res.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  let got = 0;
  try {
    while (got < max) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      got += value.byteLength;
    }
  } catch (err) {
    throw new ModelFitError(`download of ${url} broke off after ${got} bytes: ${(err as Error).message.split('\n')[0]}`);
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  const all = Buffer.concat(parts as unknown as Uint8Array[]);
  return all.length > max ? all.subarray(0, max) : all;
}

/** Bytes [from, to) of a remote file and its total size; a server without range support is read only up to `to`. */
async function fetchRange(url: string, from: number, to: number, o: RemoteHeaderOptions): Promise<{ bytes: Buffer; total: number }> {
  const res = await request(url, o, { Range: `bytes=${from}-${to - 1}`, 'Accept-Encoding': 'identity' });
  if (res.status === 206) {
    const total = Number(/\/(\d+)\s*$/.exec(res.headers.get('content-range') ?? '')?.[1]);
    if (!Number.isSafeInteger(total) || total <= 0) throw new ModelFitError(`${url}: range response without a total size (Content-Range)`);
    const start = Number(/bytes\s+(\d+)-/.exec(res.headers.get('content-range') ?? '')?.[1]);
    if (start !== from) throw new ModelFitError(`${url}: asked for bytes from ${from}, got a range from ${start}`);
    const bytes = await readBounded(res, to - from, url);
    if (bytes.length < Math.min(to, total) - from)
      throw new ModelFitError(`${url}: response truncated (${bytes.length} of ${Math.min(to, total) - from} bytes)`);
    return { bytes, total };
  }
  if (res.status === 200) {
    // No range support: read the start of the body, stop, and never take more than the header needs.
    const total = Number(res.headers.get('content-length'));
    if (!Number.isSafeInteger(total) || total <= 0) {
      await res.body?.cancel().catch(() => undefined);
      throw new ModelFitError(`${url}: the server supports no range requests and gives no size; not downloading the model`);
    }
    const bytes = await readBounded(res, to, url);
    if (bytes.length < Math.min(to, total))
      throw new ModelFitError(`${url}: response truncated (${bytes.length} of ${Math.min(to, total)} bytes)`);
    return { bytes: bytes.subarray(from), total };
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.status === 416) throw new ModelFitError(`${url}: the file is shorter than a GGUF header`);
  throw new ModelFitError(
    `${url}: HTTP ${res.status}${res.status === 401 || res.status === 403 ? ' (gated or private repo)' : res.status === 404 ? ' (no such file)' : ''}`,
  );
}

/** The header of one remote GGUF: cached, else fetched in growing ranges until it parses. */
async function remoteHeader(url: string, o: RemoteHeaderOptions): Promise<GgufHeader> {
  const dir = nodePath.join(o.cacheDir, 'remote-gguf');
  const base = nodePath.join(dir, key(url));
  if (fresh(`${base}.json`)) {
    try {
      const meta = JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')) as { url: string; totalBytes: number };
      const prefix = fs.readFileSync(`${base}.bin`);
      if (meta.url === url) return parseGgufHeaderPrefix(prefix, meta.totalBytes, url);
    } catch {
      // unreadable or stale cache: fetch again
    }
  }
  let prefix = Buffer.alloc(0);
  let total = Infinity;
  let want = FIRST_BYTES;
  for (;;) {
    const to = Math.min(want, total, MAX_REMOTE_HEADER_BYTES);
    const got = await fetchRange(url, prefix.length, to, o);
    total = got.total;
    prefix = Buffer.concat([prefix, got.bytes] as unknown as Uint8Array[]);
    try {
      const header = parseGgufHeaderPrefix(prefix, total, url);
      try {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(`${base}.bin`, prefix.subarray(0, header.headerBytes) as unknown as Uint8Array);
        fs.writeFileSync(`${base}.json`, JSON.stringify({ url, totalBytes: total, headerBytes: header.headerBytes }));
      } catch {
        // a cache that cannot be written only costs a re-fetch
      }
      return header;
    } catch (err) {
      if (!(err instanceof GgufNeedsMoreBytes)) throw err;
      if (prefix.length >= MAX_REMOTE_HEADER_BYTES) {
        throw new ModelFitError(`${url}: GGUF header larger than ${MAX_REMOTE_HEADER_BYTES / 2 ** 20} MiB, not reading further`);
      }
      want = Math.max(want * 2, err.neededEnd);
    }
  }
}

/** File names in a Hugging Face repo (the model API's sibling list), cached. */
async function repoFiles(endpoint: string, repo: string, o: RemoteHeaderOptions): Promise<string[]> {
  const url = `${endpoint}/api/models/${repo}`;
  const p = nodePath.join(o.cacheDir, 'remote-gguf', `${key(url)}.files.json`);
  if (fresh(p)) {
    try {
      const cached = JSON.parse(fs.readFileSync(p, 'utf8')) as unknown;
      if (Array.isArray(cached) && cached.every((f) => typeof f === 'string')) return cached as string[];
    } catch {
      // fetch again
    }
  }
  const res = await request(url, o, { Accept: 'application/json' });
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    throw new ModelFitError(`${url}: HTTP ${res.status}${res.status === 401 || res.status === 404 ? ' (no such repo, or gated)' : ''}`);
  }
  const body = await readBounded(res, MAX_LISTING_BYTES + 1, url);
  if (body.length > MAX_LISTING_BYTES) throw new ModelFitError(`${url}: repo listing larger than ${MAX_LISTING_BYTES / 2 ** 20} MiB`);
  let files: string[];
  try {
    const json = JSON.parse(body.toString('utf8')) as { siblings?: Array<{ rfilename?: unknown }> };
    files = (json.siblings ?? []).map((s) => s.rfilename).filter((f): f is string => typeof f === 'string');
  } catch {
    throw new ModelFitError(`${url}: not a repo listing (invalid JSON)`);
  }
  try {
    fs.mkdirSync(nodePath.dirname(p), { recursive: true });
    fs.writeFileSync(p, JSON.stringify(files));
  } catch {
    // uncached
  }
  return files;
}

/** Editors re-analyse on every keystroke: one request per reference at a time, and a failure is not retried for a while. */
const inflight = new Map<string, Promise<ModelSpec>>();
const failures = new Map<string, { at: number; error: ModelFitError; tried: string[] }>();
const RETRY_AFTER_MS = 10 * 60_000;

/**
 * The ModelSpec of an hf.co reference from the GGUF header(s) of the repo's file, read over HTTP.
 * `tried` gets every URL looked at. Throws ModelFitError with one line for anything that fails.
 */
export async function remoteGgufModel(ref: string, o: RemoteHeaderOptions, tried: string[] = []): Promise<ModelSpec> {
  const k = `${o.endpoint ?? ''}\n${o.cacheDir}\n${ref}`;
  const failed = failures.get(k);
  if (failed && Date.now() - failed.at < RETRY_AFTER_MS) {
    tried.push(...failed.tried);
    throw failed.error;
  }
  let p = inflight.get(k);
  const mine: string[] = [];
  if (!p) {
    p = fetchModel(ref, o, mine).finally(() => inflight.delete(k));
    inflight.set(k, p);
  }
  try {
    const spec = await p;
    tried.push(...mine);
    return spec;
  } catch (err) {
    tried.push(...mine);
    const error = err instanceof ModelFitError ? err : new ModelFitError((err as Error).message.split('\n')[0]);
    failures.set(k, { at: Date.now(), error, tried: mine });
    throw error;
  }
}

/** Forget remembered failures (tests, or after the user logs in / the repo appears). */
export function clearRemoteHeaderFailures(): void {
  failures.clear();
}

async function fetchModel(ref: string, o: RemoteHeaderOptions, tried: string[]): Promise<ModelSpec> {
  const hf = parseHfRef(ref);
  if (!hf) throw new ModelFitError(`"${ref}" is not an hf.co/<org>/<repo>[:quant] reference`);
  const endpoint = (o.endpoint ?? 'https://huggingface.co').replace(/\/+$/, '');
  let files: string[];
  if (hf.file) {
    files = pickGgufFiles([hf.file], undefined);
  } else {
    tried.push(`${endpoint}/api/models/${hf.repo}`);
    files = pickGgufFiles(await repoFiles(endpoint, hf.repo, o), hf.quant);
    if (!files.length) throw new ModelFitError(`${hf.repo} has no GGUF file for ${hf.quant ?? 'Q4_K_M (the -hf default)'}`);
  }
  const headers: GgufHeader[] = [];
  for (const f of files) {
    const url = `${endpoint}/${hf.repo}/resolve/main/${f.split('/').map(encodeURIComponent).join('/')}`;
    tried.push(`remote header: ${url}`);
    headers.push(await remoteHeader(url, o));
  }
  const { header, fileBytes } = mergeShardHeaders(headers);
  const spec = modelSpecFromGguf(header, { ref, fileBytes, source: 'gguf' });
  spec.provenance = `GGUF header read over HTTP from ${hf.repo}/${files[0]}${files.length > 1 ? ` (${files.length} split shards)` : ''}`;
  return spec;
}
