import os from 'node:os';
// Time of a call, best of a few runs after one warm-up run (the first pays for compiling the reader's code): each run
// counts the lesser of CPU and wall time, since on a shared machine wall time measures the neighbours and CPU time
// counts V8's background GC threads too; a slow reader is slow on both clocks.
export function cpuMs<T>(fn: () => T, runs = 5): { ms: number; result: T } {
  let best = Infinity;
  let result: T = fn();
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    result = fn();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000, performance.now() - w0);
  }
  return { ms: best, result };
}

/** A time limit for `base` ms of work on an idle machine, scaled by the run-queue load when the machine is shared
 *  (load average over cores, at least 1): CPU time itself stretches when other processes share the cores. */
export function perfLimitMs(base = 50): number {
  const load = os.loadavg()[0] / Math.max(1, os.cpus().length);
  return base * Math.max(1, Math.min(load, 10));
}
