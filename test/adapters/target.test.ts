// Which setting a position points at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverTargetAt, rangeContains } from '../../src/vscode/format/target';
import type { ConfigAnalysis } from '../../src/core/types';

const R = (startLine: number, startCol: number, endLine: number, endCol: number) => ({ startLine, startCol, endLine, endCol });
function config(label: string, ranges: ConfigAnalysis['config']['ranges'], range = R(0, 0, 0, 1)): ConfigAnalysis {
  return {
    config: { label, runtime: 'llama.cpp', modelRef: label, baseDir: '/', settings: {}, ranges, defaultsApplied: [], range },
    ctxAlternatives: [], diagnostics: [],
  };
}

test('rangeContains: end-exclusive columns are still hoverable at the edge, other lines are not', () => {
  const r = R(2, 4, 2, 10);
  assert.equal(rangeContains(r, 2, 4), true);
  assert.equal(rangeContains(r, 2, 10), true);
  assert.equal(rangeContains(r, 2, 3), false);
  assert.equal(rangeContains(r, 3, 5), false);
  assert.equal(rangeContains(R(1, 8, 3, 2), 2, 0), true);
});

test('one-line llama-server command: -m, -c and -ngl each get their own hover', () => {
  // cmd: llama-server -m models/a.gguf -c 32768 -ngl 99
  //      0    5    10   15   20   25   30   35   40   45
  const a = config('llama-1b', { model: R(5, 21, 5, 36), ctx: R(5, 40, 5, 45), ngl: R(5, 51, 5, 53) }, R(5, 0, 5, 53));
  assert.equal(hoverTargetAt([a], 5, 25)?.kind, 'model');
  assert.equal(hoverTargetAt([a], 5, 42)?.kind, 'ctx');
  assert.equal(hoverTargetAt([a], 5, 52)?.kind, 'ngl');
  // Elsewhere on the model's line: the model.
  assert.equal(hoverTargetAt([a], 5, 2)?.kind, 'model');
  assert.equal(hoverTargetAt([a], 6, 2), undefined);
});

test('several configurations: the one whose range is hit, with its index', () => {
  const a = config('a', { model: R(4, 8, 4, 20) });
  const b = config('b', { model: R(7, 8, 7, 20), ctx: R(8, 10, 8, 15) });
  const t = hoverTargetAt([a, b], 8, 12);
  assert.equal(t?.index, 1);
  assert.equal(t?.kind, 'ctx');
  assert.deepEqual(t?.range, R(8, 10, 8, 15));
  assert.equal(hoverTargetAt([a, b], 4, 0)?.analysis.config.label, 'a');
});

test('flag and key names explain their value; the program line explains the model', () => {
  // llama-server \
  //   -m "./m.gguf" \
  //   -c 32768 --n-gpu-layers 20
  const lines = ['llama-server \\', '  -m "./m.gguf" \\', '  -c 32768 --n-gpu-layers 20'];
  const a = config('x', { model: R(1, 6, 1, 14), ctx: R(2, 5, 2, 10), ngl: R(2, 26, 2, 28) }, R(0, 0, 0, 14));
  const at = (line: number, col: number) => hoverTargetAt([a], line, col, lines[line]);
  assert.deepEqual([at(2, 3)?.kind, at(2, 3)?.range], ['ctx', R(2, 2, 2, 4)]);
  assert.equal(at(2, 15)?.kind, 'ngl');
  assert.equal(at(1, 3)?.kind, 'model');
  assert.equal(at(0, 4)?.kind, 'model', 'hovering llama-server');
  // JSON key and compose list item before their values.
  const json = '{"model": "m.gguf", "n_ctx": 8192}';
  const b = config('y', { model: R(0, 11, 0, 17), ctx: R(0, 29, 0, 33) }, R(0, 0, 0, 34));
  assert.equal(hoverTargetAt([b], 0, 23, json)?.kind, 'ctx');
  const list = 'command: ["-m", "/m.gguf", "-c", "8192"]';
  const c = config('z', { model: R(0, 17, 0, 24), ctx: R(0, 34, 0, 38) }, R(0, 0, 0, 40));
  assert.equal(hoverTargetAt([c], 0, 29, list)?.kind, 'ctx');
  // A word followed by something else than its value is not a flag of it.
  assert.equal(hoverTargetAt([b], 0, 4, json)?.kind, 'model');
});
