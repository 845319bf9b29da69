// llama-server router presets (--models-preset FILE.ini): one [section] per model, keys are option names without
// dashes (long `n-gpu-layers`, short `ngl`/`c`, or LLAMA_ARG_* names); `[*]` holds settings every preset shares.
// Format: ggml-org/llama.cpp tools/server/README.md, "Model Presets".
import type { ConfigDiagnostic, ParseResult, RunConfig } from '../types';
import { LlamaArgState, lookupPresetKey } from './llamaArgs';
import { llamaRunConfig } from './llamaConfig';
import { diag, dirOf, LineIndex, MAX_CONFIGS_PER_FILE, MAX_DIAGNOSTICS_PER_FILE, rejectInput, tooComplex } from './text';

interface Entry {
  key: string;
  value: string;
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

interface Section {
  name: string;
  start: number;
  nameStart: number;
  entries: Entry[];
}

const HF_REPO = /^[\w.-]+\/[\w.-]+(:[\w.-]+)?$/;

export function parsePresetIni(fileName: string, text: string): ParseResult {
  const rejected = rejectInput(text, 'preset-ini');
  if (rejected) return { configs: [], diagnostics: [rejected] };
  const idx = new LineIndex(text);
  const diagnostics: ConfigDiagnostic[] = [];
  const top: Entry[] = [];
  const sections: Section[] = [];
  let current: Section | undefined;
  let offset = 0;
  for (const rawLine of text.split('\n')) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    const line = rawLine.replace(/\r$/, '');
    const lead = line.length - line.trimStart().length;
    const body = line.trim();
    if (!body || body.startsWith(';') || body.startsWith('#')) continue;
    if (body.startsWith('[')) {
      const close = body.indexOf(']');
      if (close < 0) {
        diagnostics.push(diag('error', 'preset-ini.bad-section', 'Section header without a closing ]', idx.lineRange(lineStart)));
        current = undefined;
        continue;
      }
      const name = body.slice(1, close).trim();
      current = { name, start: lineStart, nameStart: lineStart + lead + 1 + body.slice(1).indexOf(name), entries: [] };
      sections.push(current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) {
      if (diagnostics.length < MAX_DIAGNOSTICS_PER_FILE)
        diagnostics.push(
          diag('error', 'preset-ini.bad-line', `Expected key = value, got "${body.slice(0, 40)}"`, idx.lineRange(lineStart)),
        );
      continue;
    }
    const key = line.slice(0, eq).trim();
    let vs = eq + 1;
    let ve = line.length;
    while (vs < ve && /\s/.test(line[vs])) vs++;
    while (ve > vs && /\s/.test(line[ve - 1])) ve--;
    // Inline comments after whitespace.
    const inline = /\s[;#]/.exec(line.slice(vs, ve));
    if (inline) {
      ve = vs + inline.index;
      while (ve > vs && /\s/.test(line[ve - 1])) ve--;
    }
    if (ve - vs >= 2 && /^(["']).*\1$/.test(line.slice(vs, ve))) {
      vs++;
      ve--;
    }
    const entry = { key, value: line.slice(vs, ve), keyStart: lineStart + lead, valueStart: lineStart + vs, valueEnd: lineStart + ve };
    (current ? current.entries : top).push(entry);
  }

  // `[*]` applied once; every section starts from a copy (re-applying it per section was G × S work).
  const global = new LlamaArgState();
  for (const e of sections.filter((s) => s.name === '*').flatMap((s) => s.entries)) {
    const hit = lookupPresetKey(e.key);
    if (hit) global.apply(hit.spec, e.value, idx.range(e.valueStart, e.valueEnd), e.key, hit.negative);
  }
  for (const d of global.diagnostics) diagnostics.push(d);
  const configs: RunConfig[] = [];
  for (const section of sections) {
    if (section.name === '*') continue;
    if (configs.length >= MAX_CONFIGS_PER_FILE) {
      diagnostics.push(
        tooComplex('preset-ini', `more than ${MAX_CONFIGS_PER_FILE} sections; the rest are not read`, idx.lineRange(section.start)),
      );
      break;
    }
    const state = global.clone();
    for (const e of section.entries) {
      const hit = lookupPresetKey(e.key);
      if (!hit) continue;
      state.apply(hit.spec, e.value, idx.range(e.valueStart, e.valueEnd), e.key, hit.negative);
    }
    const nameRange = idx.range(section.nameStart, section.nameStart + section.name.length);
    // A section named like a cached Hugging Face model needs no model key.
    if (!state.modelRef() && section.name) {
      if (HF_REPO.test(section.name)) state.hfRepo = section.name;
      else state.modelPath = section.name;
      state.modelRange = nameRange;
      state.ranges.model = nameRange;
    }
    const cfg = llamaRunConfig(
      state,
      {
        label: section.name,
        baseDir: dirOf(fileName),
        range: idx.lineRange(section.start),
        anchor: nameRange,
      },
      diagnostics,
    );
    if (cfg) configs.push(cfg);
  }
  if (!configs.length && !diagnostics.length) {
    diagnostics.push(diag('info', 'preset-ini.no-presets', 'No model sections ([name]) in this presets file', idx.lineRange(0)));
  }
  return { configs, diagnostics };
}
