// llama-swap config.yaml: every `models.<id>.cmd` (a llama-server command line) → one RunConfig labelled with the id.
// Macros (${name}, model-level overrides, ${PORT}, ${MODEL_ID}) are expanded keeping, for every character, where it
// was written, so a value that is literal in the file (even inside a macro definition) gets its exact range.
import type { ConfigDiagnostic, ParseResult, RunConfig, SourceRange } from '../types';
import { applyArgWords, applyEnvVar, LlamaArgState } from './llamaArgs';
import { llamaRunConfig, plainSpan } from './llamaConfig';
import { isLlamaProgram, mentionsServerImage, yamlCommandWords } from './commandLine';
import { splitCommands, type Word, type WordBudget } from './shellWords';
import { diag, dirOf, LineIndex, MAX_CONFIGS_PER_FILE, MAX_WORDS_PER_FILE, rejectInput, tooComplex } from './text';
import { getKey, isScalar, mapEntries, readYaml, scalarPositions, scalarText, type YamlNode } from './yamlNodes';

/** Text with, per character: source offset, segment id (one per literal run or macro use), and the span of
 *  the top-level text that produced it (the `${name}` reference for expanded characters). Typed arrays: a macro
 *  used by every model is copied with `set`, not character by character. */
interface Traced {
  text: string;
  src: Int32Array;
  seg: Int32Array;
  anchorStart: Int32Array;
  anchorEnd: Int32Array;
}

const MAX_EXPANDED = 1_000_000;
/** Macro characters one document may expand in all (every model's cmd together). */
const MAX_EXPANDED_PER_FILE = 256 * 1024;
const DEFAULT_START_PORT = 5800;

let segCounter = 0;

function traced(value: string, pos: number[]): Traced {
  const src = Int32Array.from(pos);
  return {
    text: value,
    src,
    seg: new Int32Array(pos.length).fill(++segCounter),
    anchorStart: src.slice(),
    anchorEnd: src.map((p) => p + 1),
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

/** One piece of an expansion: a run of `t` itself, or a macro's value standing for the reference [refStart, refEnd). */
type Piece = { from: number; to: number } | { value: Traced; refStart: number; refEnd: number };

/** Expand ${name} references in `t` (macro values are already expanded). */
function expand(t: Traced, ex: Expander): Traced {
  const pieces: Piece[] = [];
  let length = 0;
  const re = /\$\{([A-Za-z0-9_.-]+)\}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  const literal = (from: number, to: number) => {
    if (to > from) pieces.push({ from, to });
    length += to - from;
  };
  while ((m = re.exec(t.text))) {
    literal(last, m.index);
    last = m.index + m[0].length;
    const refStart = t.anchorStart[m.index];
    const refEnd = t.anchorEnd[last - 1];
    const name = m[1];
    let value: Traced | undefined = ex.macros.get(name);
    if (!value && (name === 'PORT' || name === 'MODEL_ID')) {
      const v = name === 'PORT' ? ex.port : ex.modelId;
      const src = new Int32Array(v.length).fill(refStart);
      value = { text: v, src, seg: new Int32Array(v.length).fill(++segCounter), anchorStart: src, anchorEnd: src };
    }
    if (!value) {
      if (!name.startsWith('env.') && name !== 'PID') {
        ex.diagnostics.push(diag('warning', 'llama-swap.unknown-macro', `Unknown macro \${${name}}`, ex.idx.range(refStart, refEnd)));
      }
      literal(m.index, last);
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
    if (length + value.text.length > MAX_EXPANDED) {
      ex.diagnostics.push(
        diag('error', 'llama-swap.macro-too-large', 'Macro expansion is larger than 1 MB; stopped', ex.idx.range(refStart, refEnd)),
      );
      break;
    }
    pieces.push({ value, refStart, refEnd });
    length += value.text.length;
  }
  if (length < MAX_EXPANDED) literal(last, t.text.length);
  return joinPieces(t, pieces, length);
}

function joinPieces(t: Traced, pieces: Piece[], length: number): Traced {
  const out: Traced = {
    text: '',
    src: new Int32Array(length),
    seg: new Int32Array(length),
    anchorStart: new Int32Array(length),
    anchorEnd: new Int32Array(length),
  };
  const parts: string[] = [];
  let at = 0;
  for (const p of pieces) {
    if ('value' in p) {
      const n = p.value.text.length;
      parts.push(p.value.text);
      out.src.set(p.value.src, at);
      out.seg.set(p.value.seg, at);
      out.anchorStart.fill(p.refStart, at, at + n);
      out.anchorEnd.fill(p.refEnd, at, at + n);
      at += n;
    } else {
      parts.push(t.text.slice(p.from, p.to));
      out.src.set(t.src.subarray(p.from, p.to), at);
      out.seg.set(t.seg.subarray(p.from, p.to), at);
      out.anchorStart.set(t.anchorStart.subarray(p.from, p.to), at);
      out.anchorEnd.set(t.anchorEnd.subarray(p.from, p.to), at);
      at += p.to - p.from;
    }
  }
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
  const yaml = readYaml(text);
  if ('why' in yaml) return { configs, diagnostics: [tooComplex('llama-swap', yaml.why)] };
  const doc = yaml.doc;
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
