// Runs one external probe with a kill timer: no shell, bounded output, and a hung tool (or a grandchild holding
// its stdout open) cannot keep the caller waiting past the timeout.

import { spawn } from 'node:child_process';

export type ProbeResult =
  { ok: true; stdout: string; ms: number } | { ok: false; reason: string; missing: boolean; timedOut: boolean; ms: number };

const MAX_OUTPUT = 1024 * 1024;

/** Kill functions of the probes still running (a late nvidia-smi may outlive the detection that started it). */
const running = new Set<() => void>();

/** Kills every probe still running: a short-lived caller (the CLI) calls it when its answer is out. */
export function killRunningProbes(): void {
  for (const kill of [...running]) kill();
}

export function runProbe(file: string, args: string[], timeoutMs: number): Promise<ProbeResult> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      running.delete(kill);
      resolve(r);
    };
    const fail = (reason: string, missing = false, timedOut = false) => done({ ok: false, reason, missing, timedOut, ms: Date.now() - t0 });
    let child: ReturnType<typeof spawn>;
    try {
      // Own process group on POSIX so the timer can kill the tool and anything it started.
      child = spawn(file, args, {
        stdio: ['ignore', 'pipe', 'ignore'],
        windowsHide: true,
        detached: process.platform !== 'win32',
        shell: false,
      });
    } catch (e) {
      fail(`${file}: ${(e as Error).message}`);
      return;
    }
    const kill = () => {
      try {
        if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        try {
          child.kill('SIGKILL');
        } catch {
          /* already gone */
        }
      }
      child.stdout?.destroy();
    };
    running.add(kill);
    const timer = setTimeout(() => {
      kill();
      fail(`${file} did not answer within ${timeoutMs} ms (killed)`, false, true);
    }, timeoutMs);
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (b: string) => {
      out += b;
      if (out.length > MAX_OUTPUT) {
        kill();
        fail(`${file} printed more than ${MAX_OUTPUT} characters (killed)`);
      }
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      fail(e.code === 'ENOENT' ? `${file} not found` : `${file}: ${e.message}`, e.code === 'ENOENT');
    });
    child.on('close', (code, signal) => {
      if (code === 0) done({ ok: true, stdout: out, ms: Date.now() - t0 });
      else fail(`${file} exited with ${signal ?? `code ${code}`}`);
    });
  });
}
