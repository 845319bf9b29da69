import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { LINT_RULES } from '../../src/core/authoring/lintRules';
import { LLAMA_OPTIONS } from '../../src/core/config/llamaArgs';
import { OLLAMA_PARAMS } from '../../src/core/config/ollamaParams';
import { LLAMA_FLAG_DOCS } from '../../src/core/data/llamaFlags';
import {
  MODELFILE_INSTRUCTIONS,
  OLLAMA_DEPRECATED_PARAMETERS,
  OLLAMA_PARAMETERS,
  ollamaParameter,
} from '../../src/core/data/ollamaModelfile';

// Transcribed from ollama/ollama docs/modelfile.mdx ("Valid Parameters and Values") at fb30760.
const DOCUMENTED = [
  'num_ctx',
  'repeat_last_n',
  'repeat_penalty',
  'temperature',
  'seed',
  'stop',
  'num_predict',
  'draft_num_predict',
  'top_k',
  'top_p',
  'min_p',
];
// json tags of api.Options and api.Runner in api/types.go at the same commit.
const API_TYPES = [
  'num_keep',
  'seed',
  'num_predict',
  'top_k',
  'top_p',
  'min_p',
  'typical_p',
  'repeat_last_n',
  'temperature',
  'repeat_penalty',
  'presence_penalty',
  'frequency_penalty',
  'stop',
  'num_ctx',
  'num_batch',
  'num_gpu',
  'main_gpu',
  'use_mmap',
  'num_thread',
  'draft_num_predict',
];
// parser/parser.go isValidCommand.
const COMMANDS = ['from', 'license', 'template', 'system', 'adapter', 'draft', 'renderer', 'parser', 'parameter', 'message', 'requires'];

test('every PARAMETER Ollama documents is in the table, marked documented, with a doc line', () => {
  for (const name of DOCUMENTED) {
    const p = ollamaParameter(name);
    assert.ok(p, name);
    assert.equal(p.documented, true, name);
    assert.ok(p.doc.length > 10, name);
  }
  assert.deepEqual(
    OLLAMA_PARAMETERS.filter((p) => p.documented)
      .map((p) => p.name)
      .sort(),
    [...DOCUMENTED].sort(),
  );
});

test('the table holds exactly the options of api/types.go, and the reader validates against it', () => {
  assert.deepEqual(OLLAMA_PARAMETERS.map((p) => p.name).sort(), [...API_TYPES].sort());
  assert.deepEqual([...OLLAMA_PARAMS.keys()].sort(), [...API_TYPES].sort());
  for (const p of OLLAMA_PARAMETERS) {
    assert.ok(p.source.url.startsWith('https://github.com/ollama/ollama/blob/'), p.name);
    if (p.min !== undefined && p.max !== undefined) assert.ok(p.min < p.max, p.name);
  }
  // DefaultOptions: temperature 0.8, top_k 40, top_p 0.9, repeat_last_n 64.
  assert.equal(ollamaParameter('temperature')?.default, '0.8');
  assert.equal(ollamaParameter('top_k')?.default, '40');
  assert.equal(ollamaParameter('num_ctx')?.legacyValues?.[0].value, 2048);
  assert.equal(OLLAMA_DEPRECATED_PARAMETERS.length, 9);
});

test('every instruction the parser accepts is in the table', () => {
  assert.deepEqual(MODELFILE_INSTRUCTIONS.map((i) => i.name.toLowerCase()).sort(), [...COMMANDS].sort());
  assert.deepEqual(
    MODELFILE_INSTRUCTIONS.filter((i) => i.required).map((i) => i.name),
    ['FROM'],
  );
});

test('every flag the llama.cpp readers accept has a doc line', () => {
  assert.ok(LLAMA_OPTIONS.length >= 22);
  for (const o of LLAMA_OPTIONS) {
    const d = LLAMA_FLAG_DOCS[o.key];
    assert.ok(d && d.doc.length > 8, o.key);
    assert.ok(
      o.names.some((n) => n.startsWith('--')),
      `${o.key} has a long name`,
    );
    if (d.type === 'enum') assert.ok(d.values && d.values.length >= 3, o.key);
  }
  assert.deepEqual(LLAMA_FLAG_DOCS.flashAttn.values, ['on', 'off', 'auto']);
  assert.ok(LLAMA_FLAG_DOCS.cacheTypeK.values?.includes('q8_0'));
});

test('package.json: every lint rule has a severity setting; snippets are valid and shipped', () => {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  const rules = pkg.contributes.configuration.properties['modelFit.lint.rules'].properties;
  assert.deepEqual(Object.keys(rules).sort(), Object.keys(LINT_RULES).sort());
  for (const s of pkg.contributes.snippets) {
    const body = JSON.parse(fs.readFileSync(s.path, 'utf8'));
    assert.ok(Object.keys(body).length >= 1, s.path);
  }
  const modelfile = JSON.parse(fs.readFileSync('snippets/modelfile.json', 'utf8'));
  assert.ok(modelfile['Local GGUF with context and GPU layers'].body.some((l: string) => l.startsWith('PARAMETER num_ctx')));
  assert.match(fs.readFileSync('.vscodeignore', 'utf8'), /^!snippets\/\*\*$/m);
});

test("the TextMate grammar highlights the table's parameters, deprecated names and instructions", () => {
  const g = JSON.parse(fs.readFileSync('syntaxes/modelfile.tmLanguage.json', 'utf8'));
  const alts = [...(g.repository.parameter.begin as string).matchAll(/\(\?i:([a-z0-9_|]+)\)/g)].map((m) => m[1].split('|'));
  assert.deepEqual(alts[0].sort(), OLLAMA_PARAMETERS.map((p) => p.name).sort());
  assert.deepEqual(alts[1].sort(), OLLAMA_DEPRECATED_PARAMETERS.map((p) => p.name).sort());
  const words = JSON.stringify(g.repository)
    .match(/\(\?i:([A-Z|]+)\)/g)!
    .flatMap((m) => m.slice(4, -1).split('|'));
  for (const i of MODELFILE_INSTRUCTIONS) assert.ok(words.includes(i.name), i.name);
});
