// What to offer at the cursor in a Modelfile, a llama-server command line, a llama-swap `cmd:` block or a presets
// .ini: instructions, PARAMETER names, llama.cpp flags, and values (enumerable ones, and fit-aware context sizes
// and GPU-layer counts). Pure: the editor adapter passes the text, the cursor and what it found on disk.
import { LLAMA_OPTIONS, type OptSpec } from '../config/llamaArgs';
import { LLAMA_FLAG_DOCS, type LlamaFlagDoc } from '../data/llamaFlags';
import { MESSAGE_ROLES, MODELFILE_INSTRUCTIONS, OLLAMA_PARAMETERS, ollamaParameter, type OllamaParameter } from '../data/ollamaModelfile';
import { ctxChoices, nglChoices, type FitChoice, type FitContext } from './fitChoices';
import { scanModelfile } from './modelfileScan';

export type CompletionKind = 'instruction' | 'parameter' | 'value' | 'model' | 'file' | 'flag' | 'role';

export interface AuthoringCompletion {
  label: string;
  kind: CompletionKind;
  /** One line next to the label, e.g. "fits, ~41 tok/s" or "int · default 40". */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText?: string;
  /** Zero-based column where the text this replaces starts (on the cursor's line). */
  replaceFrom: number;
  /** Keeps the table's order instead of alphabetical. */
  sortText: string;
  preselect?: boolean;
  /** Open the list again after inserting (a value follows). */
  retrigger?: boolean;
}

export interface CompletionSources {
  /** Estimator inputs for the configuration at the cursor; absent when the model is not resolved yet. */
  fit?: FitContext;
  /** Models in the local Ollama store ("llama3.1:8b"). */
  localModels?: string[];
  /** GGUF files in the workspace, as the file should write them (relative to it where possible). */
  ggufFiles?: string[];
  /** Catalog references ("qwen3:8b", ids). */
  catalogRefs?: Array<{ ref: string; name: string }>;
}

const order = (i: number) => String(i).padStart(4, '0');

function paramDoc(p: OllamaParameter): string {
  const facts = [`\`${p.type}\``];
  if (p.default) facts.push(`default ${p.default}`);
  if (p.min !== undefined || p.max !== undefined)
    facts.push(p.max === undefined ? `≥ ${p.min}` : p.min === undefined ? `≤ ${p.max}` : `${p.min} … ${p.max}`);
  if (p.since) facts.push(`since Ollama ${p.since}`);
  if (p.loadTime) facts.push('set when the model loads');
  return `**PARAMETER ${p.name}** — ${p.doc}\n\n${facts.join(' · ')}`;
}

export function parameterDocumentation(p: OllamaParameter): string {
  return paramDoc(p);
}

function choiceItems(choices: FitChoice[], replaceFrom: number): AuthoringCompletion[] {
  return choices.map((c, i) => ({
    label: c.value,
    kind: 'value',
    detail: c.detail,
    replaceFrom,
    sortText: order(i),
    preselect: c.preferred,
  }));
}

function valueItems(values: readonly string[], replaceFrom: number, detail?: string): AuthoringCompletion[] {
  return values.map((v, i) => ({ label: v, kind: 'value', detail, replaceFrom, sortText: order(i) }));
}

/** Completions at (line, col) of a Modelfile. */
export function modelfileCompletions(text: string, line: number, col: number, sources: CompletionSources = {}): AuthoringCompletion[] {
  const lines = text.split('\n');
  const lineText = (lines[line] ?? '').replace(/\r$/, '');
  const prefix = lineText.slice(0, col);
  const offset = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0) + col;
  // Inside a quoted (possibly multi-line) value: nothing to complete.
  for (const c of scanModelfile(text).commands) {
    if (c.value?.quote && offset >= c.value.start && offset <= c.value.end) return [];
  }
  let m = /^\s*([A-Za-z]*)$/.exec(prefix);
  if (m) {
    const from = col - m[1].length;
    return MODELFILE_INSTRUCTIONS.map((ins, i) => ({
      label: ins.name,
      kind: 'instruction',
      detail: ins.syntax,
      documentation: `**${ins.name}**${ins.required ? ' (required)' : ''} — ${ins.doc}${ins.since ? `\n\nSince Ollama ${ins.since}.` : ''}`,
      insertText: `${ins.name} `,
      replaceFrom: from,
      sortText: order(i),
      retrigger: ['PARAMETER', 'FROM', 'MESSAGE', 'ADAPTER'].includes(ins.name),
    }));
  }
  m = /^\s*parameter\s+(\w*)$/i.exec(prefix);
  if (m) {
    const from = col - m[1].length;
    return OLLAMA_PARAMETERS.map((p, i) => ({
      label: p.name,
      kind: 'parameter',
      detail: `${p.type}${p.default ? ` · default ${p.default}` : ''}`,
      documentation: paramDoc(p),
      insertText: `${p.name} `,
      replaceFrom: from,
      sortText: order((p.documented ? 0 : 100) + i),
      retrigger: p.type === 'bool' || p.name === 'num_ctx' || p.name === 'num_gpu',
    }));
  }
  m = /^\s*parameter\s+(\w+)\s+(\S*)$/i.exec(prefix);
  if (m) {
    const p = ollamaParameter(m[1]);
    const from = col - m[2].length;
    if (!p) return [];
    if (p.type === 'bool') return valueItems(['true', 'false'], from);
    if (p.name === 'num_ctx' && sources.fit) return choiceItems(ctxChoices(sources.fit), from);
    if (p.name === 'num_gpu' && sources.fit) return choiceItems(nglChoices(sources.fit, '-1'), from);
    const def = p.default ? /^-?\d+(\.\d+)?/.exec(p.default)?.[0] : undefined;
    return def ? valueItems([def], from, 'Ollama default') : [];
  }
  m = /^\s*message\s+([A-Za-z]*)$/i.exec(prefix);
  if (m)
    return MESSAGE_ROLES.map((r, i) => ({
      label: r,
      kind: 'role',
      insertText: `${r} `,
      replaceFrom: col - m![1].length,
      sortText: order(i),
    }));
  m = /^\s*(from|adapter|draft)\s+(\S*)$/i.exec(prefix);
  if (m) {
    const from = col - m[2].length;
    const out: AuthoringCompletion[] = [];
    for (const f of sources.ggufFiles ?? [])
      out.push({ label: f, kind: 'file', detail: 'GGUF in the workspace', replaceFrom: from, sortText: order(out.length) });
    if (m[1].toLowerCase() !== 'adapter') {
      for (const r of sources.localModels ?? [])
        out.push({ label: r, kind: 'model', detail: 'local Ollama model', replaceFrom: from, sortText: order(out.length) });
      for (const r of sources.catalogRefs ?? [])
        out.push({ label: r.ref, kind: 'model', detail: `catalog: ${r.name}`, replaceFrom: from, sortText: order(out.length) });
    }
    return out;
  }
  return [];
}

export type FlagDialect = 'command-line' | 'llama-swap' | 'preset-ini';

function flagDoc(o: OptSpec, d: LlamaFlagDoc): string {
  const names = [...o.names, ...(o.negNames ?? [])].map((n) => `\`${n}\``).join(', ');
  const facts = [names + (d.value ? ` \`${d.value}\`` : '')];
  if (d.default) facts.push(`default: ${d.default}`);
  if (o.env.length) facts.push(`env: \`${o.env.join('`, `')}\``);
  return `**${o.names[o.names.length - 1]}** — ${d.doc}\n\n${facts.join(' · ')}`;
}

/** Hover / completion Markdown for a llama.cpp option. */
export function flagDocumentation(o: OptSpec): string {
  return flagDoc(o, LLAMA_FLAG_DOCS[o.key]);
}

function longName(o: OptSpec): string {
  return o.names.filter((n) => n.startsWith('--')).pop() ?? o.names[o.names.length - 1];
}

function optionNamed(name: string): OptSpec | undefined {
  return LLAMA_OPTIONS.find((o) => o.names.includes(name) || (o.negNames ?? []).includes(name));
}

function flagValues(o: OptSpec, from: number, fit: FitContext | undefined): AuthoringCompletion[] {
  const d = LLAMA_FLAG_DOCS[o.key];
  if (o.key === 'ctx' && fit) return choiceItems(ctxChoices(fit), from);
  if (o.key === 'ngl' && fit) return choiceItems(nglChoices(fit, 'auto'), from);
  return d.values ? valueItems(d.values, from, d.default ? `default ${d.default}` : undefined) : [];
}

/** Is the cursor's line part of a llama-server / llama-cli command (itself or through `\` continuations)? */
function inLlamaCommand(lines: string[], line: number): boolean {
  for (let l = line; l >= 0 && l > line - 200; l--) {
    if (/\bllama-(server|cli)\b/.test(lines[l])) return true;
    if (l > 0 && !/\\\s*$/.test(lines[l - 1])) return false;
  }
  return false;
}

/** Is the cursor's line inside (or on) a llama-swap `cmd:` value? */
function inSwapCmd(lines: string[], line: number): boolean {
  const indent = (s: string) => /^\s*/.exec(s)![0].length;
  const here = indent(lines[line]);
  for (let l = line; l >= 0 && l > line - 200; l--) {
    const m = /^(\s*)(?:-\s+)?([\w.-]+)\s*:/.exec(lines[l]);
    if (!m) continue;
    if (m[2] === 'cmd') return l === line || indent(lines[l]) < here;
    if (l !== line && indent(lines[l]) < here) return false;
    if (l === line) continue;
  }
  return false;
}

/** Completions of llama.cpp options and their values at (line, col). */
export function llamaFlagCompletions(
  text: string,
  line: number,
  col: number,
  dialect: FlagDialect,
  fit?: FitContext,
): AuthoringCompletion[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const prefix = (lines[line] ?? '').slice(0, col);
  if (dialect === 'preset-ini') {
    if (/^\s*[#;[]/.test(prefix)) return [];
    let m = /^\s*([\w-]*)$/.exec(prefix);
    if (m) {
      const from = col - m[1].length;
      return LLAMA_OPTIONS.map((o, i) => ({
        label: longName(o).replace(/^-+/, ''),
        kind: 'flag',
        detail: LLAMA_FLAG_DOCS[o.key].doc,
        documentation: flagDocumentation(o),
        insertText: `${longName(o).replace(/^-+/, '')} = `,
        replaceFrom: from,
        sortText: order(i),
        retrigger: !!LLAMA_FLAG_DOCS[o.key].values || o.key === 'ctx',
      }));
    }
    m = /^\s*([\w-]+)\s*=\s*(\S*)$/.exec(prefix);
    if (m) {
      const o = optionNamed(`--${m[1]}`) ?? optionNamed(`-${m[1]}`);
      return o ? flagValues(o, col - m[2].length, fit) : [];
    }
    return [];
  }
  if (dialect === 'llama-swap' ? !inSwapCmd(lines, line) : !inLlamaCommand(lines, line)) return [];
  const words = prefix.split(/[\s"'=]+/);
  const current = words[words.length - 1];
  const from = col - current.length;
  if (current.startsWith('-')) {
    return LLAMA_OPTIONS.map((o, i) => ({
      label: longName(o),
      kind: 'flag',
      detail: [...o.names.filter((n) => n !== longName(o))].join(', ') || LLAMA_FLAG_DOCS[o.key].doc,
      documentation: flagDocumentation(o),
      insertText: `${longName(o)} `,
      replaceFrom: from,
      sortText: order(i),
      retrigger: !!LLAMA_FLAG_DOCS[o.key].values || o.key === 'ctx',
    }));
  }
  const previous = words[words.length - 2];
  const o = previous ? optionNamed(previous) : undefined;
  return o ? flagValues(o, from, fit) : [];
}
