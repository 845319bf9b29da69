import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { lintLlamaPaths, lintModelfile } from '../../src/core/authoring/lint';
import { LINT_RULES, parseSeverityOverrides, withSeverities } from '../../src/core/authoring/lintRules';
import { checkTemplate } from '../../src/core/authoring/template';
import type { FitDiagnostic, SourceRange } from '../../src/core/types';

function textAt(text: string, r: SourceRange): string {
  const lines = text.split('\n');
  if (r.startLine === r.endLine) return lines[r.startLine].slice(r.startCol, r.endCol);
  return [lines[r.startLine].slice(r.startCol), ...lines.slice(r.startLine + 1, r.endLine), lines[r.endLine].slice(0, r.endCol)].join('\n');
}

/** The text after applying a diagnostic's first fix (edits applied back to front). */
function applyFix(text: string, d: FitDiagnostic, which = 0): string {
  const fix = d.fixes[which];
  assert.ok(fix, `no fix ${which} on ${d.code}`);
  const lines = text.split('\n');
  const offset = (line: number, col: number) => lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + col;
  let out = text;
  for (const e of [...fix.edits].sort(
    (a, b) => offset(b.range.startLine, b.range.startCol) - offset(a.range.startLine, a.range.startCol),
  )) {
    out = out.slice(0, offset(e.range.startLine, e.range.startCol)) + e.newText + out.slice(offset(e.range.endLine, e.range.endCol));
  }
  return out;
}

const noFiles = { exists: () => false };
const lint = (text: string, opts = noFiles) => lintModelfile('/proj/Modelfile', text, opts);
const only = (ds: FitDiagnostic[], code: string) => {
  const hits = ds.filter((d) => d.code === code);
  assert.equal(hits.length, 1, `expected one ${code}, got ${JSON.stringify(ds.map((d) => d.code))}`);
  return hits[0];
};

test('a clean Modelfile has no findings', () => {
  const text = [
    'FROM llama3.1:8b',
    'PARAMETER num_ctx 8192',
    'PARAMETER temperature 0.2',
    'PARAMETER stop "<|eot_id|>"',
    'PARAMETER stop <|end_of_text|>',
    'TEMPLATE """{{ if .System }}{{ .System }}{{ end }}{{ range .Messages }}{{ .Content }}{{ end }}"""',
    'SYSTEM """You review code."""',
    'MESSAGE user Hello',
    'MESSAGE assistant Hi',
    '',
  ].join('\n');
  assert.deepEqual(lint(text), []);
});

test('unknown instruction: did-you-mean fix rewrites the word', () => {
  const text = 'FROM llama3.1:8b\nPARAMETR num_ctx 8192\n';
  const d = only(lint(text), 'modelfile.unknown-instruction');
  assert.equal(d.severity, 'error');
  assert.equal(textAt(text, d.range), 'PARAMETR');
  assert.match(d.message, /did you mean PARAMETER\?/);
  assert.equal(applyFix(text, d), 'FROM llama3.1:8b\nPARAMETER num_ctx 8192\n');
  // Far from every instruction: no guess, no fix.
  const far = only(lint('FROM x\nZZZZZZZ 1\n'), 'modelfile.unknown-instruction');
  assert.deepEqual(far.fixes, []);
});

test('unknown parameter: num_ctxx → num_ctx', () => {
  const text = 'FROM llama3.1:8b\nPARAMETER num_ctxx 8192\n';
  const d = only(lint(text), 'modelfile.unknown-parameter');
  assert.equal(textAt(text, d.range), 'num_ctxx');
  assert.equal(applyFix(text, d), 'FROM llama3.1:8b\nPARAMETER num_ctx 8192\n');
  const t2 = 'FROM x\nPARAMETER temprature 0.7\n';
  assert.equal(applyFix(t2, only(lint(t2), 'modelfile.unknown-parameter')), 'FROM x\nPARAMETER temperature 0.7\n');
});

test('deprecated parameter: warning, fix removes the line', () => {
  const text = 'FROM x\nPARAMETER mirostat 2\nPARAMETER top_k 20\n';
  const d = only(lint(text), 'modelfile.deprecated-parameter');
  assert.equal(d.severity, 'warning');
  assert.equal(applyFix(text, d), 'FROM x\nPARAMETER top_k 20\n');
});

test('wrong type and out of range', () => {
  const text =
    'FROM x\nPARAMETER num_ctx 8k\nPARAMETER top_p 1.5\nPARAMETER use_mmap yes\nPARAMETER num_batch 512.0\nPARAMETER temperature -1\n';
  const ds = lint(text);
  const bad = ds.filter((d) => d.code === 'modelfile.bad-value');
  assert.deepEqual(
    bad.map((d) => textAt(text, d.range)),
    ['8k', 'yes', '512.0'],
  );
  assert.equal(applyFix(text, bad[1]).split('\n')[3], 'PARAMETER use_mmap true');
  assert.equal(applyFix(text, bad[2]).split('\n')[4], 'PARAMETER num_batch 512');
  const range = ds.filter((d) => d.code === 'modelfile.out-of-range');
  assert.deepEqual(
    range.map((d) => textAt(text, d.range)),
    ['1.5', '-1'],
  );
  assert.match(range[0].message, /between 0 and 1/);
});

test("legacy value: num_ctx 2048 (Ollama's default before 0.6.7)", () => {
  const text = 'FROM x\nPARAMETER num_ctx 2048\nPARAMETER top_k 40\n';
  const d = only(lint(text), 'modelfile.legacy-value');
  assert.equal(textAt(text, d.range), '2048');
  assert.match(d.message, /0\.6\.7/);
  assert.equal(applyFix(text, d), 'FROM x\nPARAMETER top_k 40\n');
  assert.deepEqual(lint('FROM x\nPARAMETER num_ctx 4096\n'), []);
});

test('duplicate FROM and duplicate single-valued parameters; stop may repeat', () => {
  const text = 'FROM llama3.1:8b\nPARAMETER num_ctx 8192\nFROM qwen3:8b\nPARAMETER num_ctx 16384\nPARAMETER stop a\nPARAMETER stop b\n';
  const ds = lint(text);
  const from = only(ds, 'modelfile.duplicate-from');
  assert.equal(textAt(text, from.range), 'llama3.1:8b');
  assert.match(from.message, /line 3/);
  assert.equal(
    applyFix(text, from),
    'PARAMETER num_ctx 8192\nFROM qwen3:8b\nPARAMETER num_ctx 16384\nPARAMETER stop a\nPARAMETER stop b\n',
  );
  const p = only(ds, 'modelfile.duplicate-parameter');
  assert.equal(textAt(text, p.range), 'num_ctx');
  assert.match(p.message, /line 4.*8192/);
  // A multi-line SYSTEM given twice: the fix removes all of the first one's lines.
  const sys = 'FROM x\nSYSTEM """a\nb"""\nSYSTEM c\n';
  assert.equal(applyFix(sys, only(lint(sys), 'modelfile.duplicate-instruction')), 'FROM x\nSYSTEM c\n');
});

test('ADAPTER and local FROM paths that do not exist, resolved from the Modelfile', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mf-lint-'));
  fs.writeFileSync(path.join(dir, 'here.gguf'), 'x');
  const file = path.join(dir, 'Modelfile');
  const text = 'FROM ./here.gguf\nADAPTER ./lora.gguf\n';
  const ds = lintModelfile(file, text);
  const d = only(ds, 'modelfile.missing-file');
  assert.equal(textAt(text, d.range), './lora.gguf');
  assert.ok(d.message.includes(path.join(dir, 'lora.gguf')));
  const ds2 = lintModelfile(file, 'FROM ./gone.gguf\n');
  assert.equal(textAt('FROM ./gone.gguf', only(ds2, 'modelfile.missing-file').range), './gone.gguf');
  // A model name is not a path.
  assert.deepEqual(lintModelfile(file, 'FROM llama3.1:8b\n'), []);
  fs.rmSync(dir, { recursive: true });
});

test('TEMPLATE with unbalanced {{ }} or an if without end', () => {
  const text = 'FROM x\nTEMPLATE """{{ if .System }}{{ .System }<|eot|>{{ .Prompt }}"""\n';
  const ds = lint(text).filter((d) => d.code === 'modelfile.template-unbalanced');
  assert.deepEqual(
    ds.map((d) => textAt(text, d.range)),
    ['{{', '{{ if .System }}'],
  );
  assert.deepEqual(
    checkTemplate('a }} b').map((p) => p.message),
    ['stray }} without an opening {{'],
  );
  assert.deepEqual(checkTemplate('{{- if .x -}}{{ else }}{{- end }}{{/* {{ */}}'), []);
  assert.deepEqual(
    checkTemplate('{{ end }}').map((p) => p.start),
    [0],
  );
});

test('MESSAGE role other than system/user/assistant', () => {
  const text = 'FROM x\nMESSAGE usr Hello\nMESSAGE User Hi\n';
  const ds = lint(text).filter((d) => d.code === 'modelfile.bad-role');
  assert.deepEqual(
    ds.map((d) => textAt(text, d.range)),
    ['usr', 'User'],
  );
  assert.equal(applyFix(text, ds[0]).split('\n')[1], 'MESSAGE user Hello');
  assert.equal(applyFix(text, ds[1]).split('\n')[2], 'MESSAGE user Hi');
});

test('stop value with trailing blanks needs quotes', () => {
  const text = 'FROM x\nPARAMETER stop User: \nPARAMETER stop "Bot: "\n';
  const d = only(lint(text), 'modelfile.stop-needs-quotes');
  assert.equal(textAt(text, d.range), 'User: ');
  assert.equal(applyFix(text, d).split('\n')[1], 'PARAMETER stop "User: "');
});

test('missing value, unterminated string, missing FROM', () => {
  assert.equal(only(lint('FROM x\nSYSTEM\n'), 'modelfile.missing-value').range.startLine, 1);
  const u = only(lint('FROM x\nSYSTEM """never closed\n'), 'modelfile.unterminated-string');
  assert.deepEqual([u.range.startLine, u.range.startCol], [1, 7]);
  assert.equal(only(lint('PARAMETER num_ctx 8192\n'), 'modelfile.missing-from').severity, 'error');
});

test('severity overrides from settings: change or turn off a rule', () => {
  const ds = lint('FROM x\nPARAMETER num_ctx 2048\nPARAMETER mirostat 1\n');
  const o = parseSeverityOverrides({ 'modelfile.legacy-value': 'info', 'modelfile.deprecated-parameter': 'off', bogus: 'loud' });
  assert.deepEqual(o, { 'modelfile.legacy-value': 'info', 'modelfile.deprecated-parameter': 'off' });
  const after = withSeverities(ds, o);
  assert.deepEqual(
    after.map((d) => [d.code, d.severity]),
    [['modelfile.legacy-value', 'info']],
  );
  assert.deepEqual(parseSeverityOverrides('nope'), {});
  // Every code the lint emits is a documented rule.
  for (const d of ds) assert.ok(LINT_RULES[d.code], d.code);
});

test('--mmproj / --lora files that do not exist in llama-server command lines', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llama-lint-'));
  fs.writeFileSync(path.join(dir, 'model.gguf'), 'x');
  const file = path.join(dir, 'run.sh');
  const text = '#!/bin/sh\nllama-server -m model.gguf --mmproj mmproj-F16.gguf -c 8192\n';
  const d = only(lintLlamaPaths(file, text), 'llama-args.missing-file');
  assert.equal(textAt(text, d.range), 'mmproj-F16.gguf');
  fs.writeFileSync(path.join(dir, 'mmproj-F16.gguf'), 'x');
  assert.deepEqual(lintLlamaPaths(file, text), []);
  fs.rmSync(dir, { recursive: true });
});
