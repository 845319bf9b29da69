// Settings values → engine inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SAFETY_MARGIN } from '../../src/core/estimate';
import { hardwarePresets } from '../../src/core/hardware';
import { DEFAULT_COMPARE_PRESETS, calibrationOverride, parseHardwareOverride, safetyMarginBytes } from '../../src/vscode/format/settings';
import { escapeMarkdown, formatSeconds } from '../../src/vscode/format/markdown';

test('hardware override: good fields kept, bad ones reported', () => {
  assert.deepEqual(parseHardwareOverride(undefined), { problems: [] });
  assert.deepEqual(parseHardwareOverride({}), { override: undefined, problems: [] });
  const r = parseHardwareOverride({ gpu: ' RTX 4090 ', vramGiB: 24, freeVramGiB: 0, ramGiB: -1, cpuThreads: 7.5, speed: 3 });
  assert.deepEqual(r.override, { gpu: 'RTX 4090', vramGiB: 24, freeVramGiB: 0 });
  assert.equal(r.problems.length, 3);
  assert.match(r.problems.join('\n'), /ramGiB must be a positive number, got -1/);
  assert.match(r.problems.join('\n'), /cpuThreads must be a whole number/);
  assert.match(r.problems.join('\n'), /speed is not a known field/);
  assert.deepEqual(parseHardwareOverride('rtx').problems, ['modelFit.hardware.override must be an object']);
});

test('calibration: one GPU efficiency for every GPU backend, CPU separately', () => {
  const base = { cuda: 0.8, rocm: 0.7, metal: 0.75, vulkan: 0.6, sycl: 0.5, cpu: 0.65 };
  assert.deepEqual(calibrationOverride(base, null, undefined), { problems: [] });
  const r = calibrationOverride(base, 0.9, undefined);
  assert.deepEqual(r.calibration, { bandwidthEfficiency: { cuda: 0.9, rocm: 0.9, metal: 0.9, vulkan: 0.9, sycl: 0.9, cpu: 0.65 } });
  const bad = calibrationOverride(base, 1.5, 0.5);
  assert.deepEqual(bad.calibration, { bandwidthEfficiency: { ...base, cpu: 0.5 } });
  assert.match(bad.problems[0], /gpuBandwidthEfficiency must be a fraction in \(0, 1\], got 1\.5/);
});

test('safety margin: MiB → bytes, nonsense → the 512 MiB default', () => {
  assert.equal(safetyMarginBytes(512), 536870912);
  assert.equal(safetyMarginBytes(0), 0);
  assert.equal(safetyMarginBytes(-5), 536870912);
  assert.equal(safetyMarginBytes('1024'), 536870912);
});

test('markdown helpers', () => {
  assert.equal(escapeMarkdown('a*b_[c](command:x)<img>\nnext'), 'a\\*b\\_\\[c\\](command:x)\\<img\\> next');
  assert.equal(formatSeconds(0.304), '0.30 s');
  assert.equal(formatSeconds(12.34), '12.3 s');
  assert.equal(formatSeconds(125), '2 min 5 s');
  assert.equal(formatSeconds(NaN), '–');
});

test('the defaults package.json shows in the Settings UI are the ones the code applies', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8'));
  const props = manifest.contributes.configuration.properties;
  assert.equal(props['modelFit.safetyMarginMiB'].default * 1024 * 1024, DEFAULT_SAFETY_MARGIN);
  assert.equal(safetyMarginBytes(undefined), DEFAULT_SAFETY_MARGIN);
  assert.deepEqual(props['modelFit.compare.presets'].default, [...DEFAULT_COMPARE_PRESETS]);
  const known = hardwarePresets().map((p) => p.id);
  for (const id of DEFAULT_COMPARE_PRESETS) assert.ok(known.includes(id), `${id} is a preset`);
});
