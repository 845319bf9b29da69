// A Hugging-Face-like HTTP server on 127.0.0.1 for remote-header tests: /api/models/<repo> lists files, resolve/ URLs
// redirect (302) to /cdn/<file>, which serves virtual GGUFs (the header, then zeros) with or without range support,
// or cuts the body short.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EncodedGguf } from './ggufWriter';

const MiB = 2 ** 20;

export interface HfServer {
  endpoint: string;
  /** 'range' (206 responses), 'no-range' (the whole file as one 200 body), 'truncated' (206 cut after 1000 bytes). */
  mode: 'range' | 'no-range' | 'truncated';
  requests: string[];
  servedBytes: number;
  close(): Promise<void>;
}

/** Bytes [from, to) of a virtual file: its header, then zeros. */
function slice(f: EncodedGguf, from: number, to: number): Buffer {
  const out = Buffer.alloc(to - from);
  if (from < f.header.length) f.header.copy(out as unknown as Uint8Array, 0, from, Math.min(f.header.length, to));
  return out;
}

export async function startHfServer(files: Record<string, EncodedGguf>, listing: Record<string, string[]>): Promise<HfServer> {
  const state = { mode: 'range', requests: [] as string[], servedBytes: 0 } as HfServer;
  const serveFile = (f: EncodedGguf, req: http.IncomingMessage, res: http.ServerResponse): void => {
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    if (state.mode === 'no-range' || !m) {
      // The whole file as one 200 body, streamed in 1 MiB pieces for as long as the client reads.
      res.writeHead(200, { 'Content-Length': String(f.fileBytes) });
      let pos = 0;
      const pump = () => {
        while (pos < f.fileBytes) {
          const piece = slice(f, pos, Math.min(f.fileBytes, pos + MiB));
          pos += piece.length;
          state.servedBytes += piece.length;
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (pos = f.fileBytes + 1));
      pump();
      return;
    }
    const from = Number(m[1]);
    const to = Math.min(Number(m[2]) + 1, f.fileBytes);
    res.writeHead(206, { 'Content-Range': `bytes ${from}-${to - 1}/${f.fileBytes}`, 'Content-Length': String(to - from) });
    if (state.mode === 'truncated') {
      res.write(slice(f, from, from + 1000));
      state.servedBytes += 1000;
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    state.servedBytes += to - from;
    res.end(slice(f, from, to));
  };
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    state.requests.push(url);
    const api = /^\/api\/models\/(.+)$/.exec(url);
    if (api) {
      const names = listing[decodeURIComponent(api[1])];
      if (!names) return void res.writeHead(404).end('{}');
      return void res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ siblings: names.map((rfilename) => ({ rfilename })) }));
    }
    // Hugging Face redirects resolve/ URLs to its CDN.
    const resolve = /^\/[^/]+\/[^/]+\/resolve\/main\/(.+)$/.exec(url);
    if (resolve) return void res.writeHead(302, { Location: `/cdn/${resolve[1]}` }).end();
    const cdn = /^\/cdn\/(.+)$/.exec(url);
    const f = cdn && files[decodeURIComponent(cdn[1])];
    if (f) return serveFile(f, req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((ok) => server.close(() => ok()));
  return state;
}
