// llama-swap config.yaml: every `models.<id>.cmd` (a llama-server command line) → one RunConfig labelled with the id.
// Macros (${name}, model-level overrides, ${PORT}, ${MODEL_ID}) are expanded keeping, for every character, where it
// was written, so a value that is literal in the file (even inside a macro definition) gets its exact range.
import type { ConfigDiagnostic, ParseResult, RunConfig, SourceRange } from '../types';
import { applyArgWords, applyEnvVar, LlamaArgState } from './llamaArgs';
import { llamaRunConfig, plainSpan } from './llamaConfig';
import { isLlamaProgram, mentionsServerImage, yamlCommandWords } from './commandLine';
import { splitCommands, type Word, type WordBudget } from './shellWords';
import { diag, dirOf, LineIndex, MAX_CONFIGS_PER_FILE, MAX_WORDS_PER_FILE, rejectInput, tooComplex } from './text';
import { getKey, isScalar, mapEntries, parseYaml, scalarPositions, scalarText, yamlTooComplex, type YamlNode } from './yamlNodes';

/** Text with, per character: source offset, segment id (one per literal run or macro use), and the span of
 *  the top-level text that produced it (the `${name}` reference for expanded characters). */
interface Traced {
  text: string;
  src: number[];
  seg: number[];
  anchorStart: number[];
  anchorEnd: number[];
}

const MAX_EXPANDED = 1_000_000;
/** Macro characters one document may expand in all (every model's cmd together). */
const MAX_EXPANDED_PER_FILE = 256 * 1024;
const DEFAULT_START_PORT = 5800;

let segCounter = 0;

function traced(value: string, pos: number[]): Traced {
  const seg = ++segCounter;
  return {
    text: value,
    src: pos.slice(),
    seg: pos.map(() => seg),
    anchorStart: pos.slice(),
    anchorEnd: pos.map((p) => p + 1),
  };
}

interface Expander {
  macros: Map<string, Traced>;
  port: string;
  modelId: string;
  diagnostics: ConfigDiagnostic[];
  idx: LineIndex;
  /** Macro characters the whole document may still expand (macros used by every model add up). */
  budget: { charsLeft: number; spent?: boolean };
}

/** Expand ${name} references in `t` (macro values are already expanded). */
function expand(t: Traced, ex: Expander): Traced {
  const out: Traced = { text: '', src: [], seg: [], anchorStart: [], anchorEnd: [] };
  const parts: string[] = [];
  const re = /\$\{([A-Za-z0-9_.-]+)\}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  const copy = (from: number, to: number) => {
    parts.push(t.text.slice(from, to));
    for (let k = from; k < to; k++) {
      out.src.push(t.src[k]);
      out.seg.push(t.seg[k]);
      out.anchorStart.push(t.anchorStart[k]);
      out.anchorEnd.push(t.anchorEnd[k]);
    }
  };
  while ((m = re.exec(t.text))) {
    copy(last, m.index);
    last = m.index + m[0].length;
    const refStart = t.anchorStart[m.index];
    const refEnd = t.anchorEnd[last - 1];
    const name = m[1];
    let value: Traced | undefined = ex.macros.get(name);
    if (!value && (name === 'PORT' || name === 'MODEL_ID')) {
      const v = name === 'PORT' ? ex.port : ex.modelId;
      const seg = ++segCounter;
      value = { text: v, src: Array(v.length).fill(refStart), seg: Array(v.length).fill(seg), anchorStart: [], anchorEnd: [] };
    }
    if (!value) {
      if (!name.startsWith('env.') && name !== 'PID') {
        ex.diagnostics.push(diag('warning', 'llama-swap.unknown-macro', `Unknown macro \${${name}}`, ex.idx.range(refStart, refEnd)));
      }
      copy(m.index, last);
      continue;
    }
    if (value.text.length > ex.budget.charsLeft) {
      if (!ex.budget.spent)
        ex.diagnostics.push(
          tooComplex('llama-swap', `macros expand to more than ${MAX_EXPANDED_PER_FILE} characters in all`, ex.idx.range(refStart, refEnd)),
        );
      ex.budget.spent = true;
      break;
    }
    ex.budget.charsLeft -= value.text.length;
    if (out.src.length + value.text.length > MAX_EXPANDED) {
      ex.diagnostics.push(
        diag('error', 'llama-swap.macro-too-large', 'Macro expansion is larger than 1 MB; stopped', ex.idx.range(refStart, refEnd)),
      );
      break;
    }
    parts.push(value.text);
    for (let k = 0; k < value.text.length; k++) {
      out.src.push(value.src[k]);
      out.seg.push(value.seg[k]);
      out.anchorStart.push(refStart);
      out.anchorEnd.push(refEnd);
    }
  }
  if (out.src.length < MAX_EXPANDED) copy(last, t.text.length);
  out.text = parts.join('');
  return out;
}

/** Macro definitions of a `macros:` map, each expanded with the ones before it. */
function readMacros(text: string, node: YamlNode | undefined, inherited: Map<string, Traced>, ex: Expander): Map<string, Traced> {
  const macros = new Map(inherited);
  for (const { key, value } of mapEntries(node)) {
    if (!value || !isScalar(value)) continue;
    const sp = scalarPositions(text, value);
    if (!sp) continue;
    macros.set(key, expand(traced(sp.value, sp.pos), { ...ex, macros }));
  }
  return macros;
}

export function parseLlamaSwap(fileName: string, text: string): ParseResult {
  const rejected = rejectInput(text, 'llama-swap');
  if (rejected) return { configs: [], diagnostics: [rejected] };
  const idx = new LineIndex(text);
  const configs: RunConfig[] = [];
  const diagnostics: ConfigDiagnostic[] = [];
  const complex = yamlTooComplex(text);
  if (complex) return { configs, diagnostics: [tooComplex('llama-swap', complex)] };
  const doc = parseYaml(text);
  for (const e of doc.errors.slice(0, 5)) {
    const [s, t] = e.pos ?? [0, 0];
    diagnostics.push(diag('error', 'llama-swap.yaml-error', e.message.split('\n')[0], idx.range(s, t)));
  }
  const root = doc.contents;
  const startPort = Number(scalarText(getKey(root, 'startPort')) ?? DEFAULT_START_PORT) || DEFAULT_START_PORT;
  const base: Expander = {
    macros: new Map(),
    port: String(startPort),
    modelId: '',
    diagnostics,
    idx,
    budget: { charsLeft: MAX_EXPANDED_PER_FILE },
  };
  const wordBudget: WordBudget = { wordsLeft: MAX_WORDS_PER_FILE };
  const globalMacros = readMacros(text, getKey(root, 'macros'), new Map(), base);
  const models = mapEntries(getKey(root, 'models'));
  if (!models.length) {
    diagnostics.push(diag('warning', 'llama-swap.no-models', 'No models: llama-swap needs a `models:` map', idx.lineRange(0)));
  }
  let portN = startPort;
  for (const model of models) {
    if (wordBudget.truncated) break;
    if (configs.length >= MAX_CONFIGS_PER_FILE) {
      diagnostics.push(tooComplex('llama-swap', `more than ${MAX_CONFIGS_PER_FILE} models; the rest are not read`));
      break;
    }
    const keyRange = model.keyNode?.range ? idx.range(model.keyNode.range[0], model.keyNode.range[1]) : idx.lineRange(0);
    const cmdNode = getKey(model.value, 'cmd');
    if (!cmdNode || !isScalar(cmdNode)) {
      diagnostics.push(diag('warning', 'llama-swap.no-cmd', `Model "${model.key}" has no cmd`, keyRange));
      continue;
    }
    const sp = scalarPositions(text, cmdNode);
    if (!sp) continue;
    const ex: Expander = { ...base, port: String(portN), modelId: model.key };
    if (sp.value.includes('${PORT}')) portN++;
    ex.macros = readMacros(text, getKey(model.value, 'macros'), globalMacros, ex);
    const cmd = expand(traced(sp.value, sp.pos), ex);
    const cmdWords = splitCommands(cmd.text, wordBudget).flat();
    const spanOf = (w: Word, from: number): SourceRange => {
      const ix = w.pos.slice(from);
      if (!ix.length) return idx.range(cmd.src[Math.min(w.start, cmd.src.length - 1)] ?? 0, (cmd.src[w.end - 1] ?? 0) + 1);
      const a = ix[0];
      const b = ix[ix.length - 1];
      if (ix.every((k) => cmd.seg[k] === cmd.seg[a]) && cmd.src[b] >= cmd.src[a]) return idx.range(cmd.src[a], cmd.src[b] + 1);
      // Mixed origins (literal text and macros): the reference(s) in the cmd.
      return idx.range(Math.min(cmd.anchorStart[a], cmd.anchorStart[b]), Math.max(cmd.anchorEnd[a], cmd.anchorEnd[b]));
    };
    const at = cmdWords.findIndex((w) => isLlamaProgram(w.text) || mentionsServerImage(w.text, /[\s:]/));
    const state = new LlamaArgState();
    // Model `env:` entries (KEY=value) reach llama-server as environment variables.
    for (const w of yamlCommandWords(text, getKey(model.value, 'env'), wordBudget)) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w.text);
      if (m) applyEnvVar(state, m[1], m[2], plainSpan(idx)(w, m[1].length + 1));
    }
    if (at < 0) {
      diagnostics.push(
        diag('info', 'llama-swap.not-llama-server', `Model "${model.key}": cmd does not run llama-server; not estimated`, keyRange),
      );
      continue;
    }
    applyArgWords(state, cmdWords.slice(at + 1), spanOf);
    const cfg = llamaRunConfig(
      state,
      {
        label: model.key,
        baseDir: dirOf(fileName),
        range: idx.lineRange(model.keyNode?.range?.[0] ?? 0),
        anchor: keyRange,
      },
      diagnostics,
    );
    if (cfg) configs.push(cfg);
  }
  if (wordBudget.truncated)
    diagnostics.push(tooComplex('llama-swap', `more than ${MAX_WORDS_PER_FILE} words in all commands; the rest are not read`));
  return { configs, diagnostics };
}
