// Which setting a position points at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverTargetAt, rangeContains } from '../../src/vscode/hoverTarget';
import type { ConfigAnalysis } from '../../src/core/types';

const R = (startLine: number, startCol: number, endLine: number, endCol: number) => ({ startLine, startCol, endLine, endCol });
function config(label: string, ranges: ConfigAnalysis['config']['ranges'], range = R(0, 0, 0, 1)): ConfigAnalysis {
  return {
    config: { label, runtime: 'llama.cpp', modelRef: label, baseDir: '/', settings: {}, ranges, defaultsApplied: [], range },
    ctxAlternatives: [],
    diagnostics: [],
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

test('the program line explains the model; names are left to the docs hover', () => {
  // llama-server \
  //   -m "./m.gguf" \
  //   -c 32768 --n-gpu-layers 20
  const a = config('x', { model: R(1, 6, 1, 14), ctx: R(2, 5, 2, 10), ngl: R(2, 26, 2, 28) }, R(0, 0, 0, 14));
  assert.equal(hoverTargetAt([a], 0, 4)?.kind, 'model', 'hovering llama-server');
  assert.deepEqual(hoverTargetAt([a], 0, 4)?.range, R(0, 0, 0, 14));
  assert.equal(hoverTargetAt([a], 2, 6)?.kind, 'ctx');
  assert.equal(hoverTargetAt([a], 2, 3), undefined, '-c itself: the authoring hover documents it');
});
