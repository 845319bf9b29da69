// The fuzzer (scripts/fuzz.ts) as part of the unit suite: a short seeded run over every reader, and every reproducer
// it ever saved (test/fixtures/fuzz/<target>-<hash>.txt) rerun. Long runs: npm run fuzz -- --count 1000000.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkParse, FUZZ_FIXTURES, runFixture, runFuzz } from '../../scripts/fuzz';
import { parseLlamaSwap } from '../../src/core/config';
import { perfLimitMs } from '../helpers/cpuTime';

test('short fuzz run: nothing thrown, ranges inside the document, diagnostics on one line', () => {
  // An input over budget is rerun (best of 5) before it counts; the limit grows only with the machine's load.
  const s = runFuzz({ count: 300, seed: 20261201, slowMs: perfLimitMs(50) });
  const broken = s.failures.filter((f) => f.problems.some((p) => !p.startsWith('slow')));
  assert.deepEqual(
    broken.map((f) => `${f.target}: ${f.problems[0]}`),
    [],
  );
  assert.deepEqual(s.slow, []);
  assert.ok(Object.keys(s.perTarget).length >= 12, JSON.stringify(s.perTarget));
});

test('every saved reproducer stays fixed', () => {
  const files = fs.readdirSync(FUZZ_FIXTURES).filter((f) => f.endsWith('.txt'));
  assert.ok(files.length > 0);
  for (const f of files) {
    // Best of 5 after a warm-up run, as the fuzzer retimes an input over budget.
    const runs = Array.from({ length: 6 }, () => runFixture(path.join(FUZZ_FIXTURES, f)));
    const ms = Math.min(...runs.slice(1).map((r) => r.ms));
    assert.deepEqual(runs[0].problems, [], f);
    assert.ok(ms < perfLimitMs(50), `${f}: ${ms.toFixed(1)} ms`);
  }
});

test('the checker itself finds what it looks for', () => {
  const text = 'models:\n  a:\n    cmd: llama-server -m x.gguf\n';
  const good = parseLlamaSwap('config.yaml', text);
  assert.deepEqual(checkParse(text, good), []);
  const bad = {
    ...good,
    diagnostics: [
      { severity: 'error' as const, code: 'x', message: 'two\nlines', range: { startLine: 9, startCol: 0, endLine: 9, endCol: 1 } },
    ],
  };
  assert.deepEqual(
    checkParse(text, bad).map((p) => p.split(' ')[0]),
    ['multi-line', 'diagnostic'],
  );
});
