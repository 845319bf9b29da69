// llama-server / llama-cli invocations wherever people write them: shell scripts, Makefiles, systemd units,
// Dockerfiles and compose files. Each invocation with a model → one RunConfig.
import type { ConfigDiagnostic, ParseResult, RunConfig, SourceRange } from '../types';
import { applyArgWords, applyEnvVar, LlamaArgState } from './llamaArgs';
import { llamaRunConfig, plainSpan } from './llamaConfig';
import { splitCommands, type Word, type WordBudget } from './shellWords';
import { baseName, diag, dirOf, LineIndex, MAX_CONFIGS_PER_FILE, MAX_WORDS_PER_FILE, rejectInput, tooComplex } from './text';
import { deref, getKey, isMap, isScalar, isSeq, mapEntries, readYaml, scalarPositions, scalarText, type YamlNode } from './yamlNodes';

const PROGRAMS = new Set(['llama-server', 'llama-cli', 'llama-server.exe', 'llama-cli.exe']);
/** Official llama.cpp server images: their entrypoint is llama-server. */
// Was /(^|\/)llama[.-]?cpp[^\s:]*:(server|full)[\w.-]*$/i; see isServerImage.

/** The program a word runs, with systemd's `ExecStart=` and its -@+! prefixes stripped. */
function programOf(text: string): string {
  const t = text.replace(/^[A-Za-z]+=/, '').replace(/^[-@+!:]+/, '');
  return t.replace(/^.*[/\\]/, '');
}

export function isLlamaProgram(text: string): boolean {
  if (!/server|cli/i.test(text)) return false; // most words: skip the replaces below
  const t = text.replace(/^[A-Za-z]+=/, '').replace(/^[-@+!:]+/, '');
  const prog = t.replace(/^.*[/\\]/, '');
  if (PROGRAMS.has(prog.toLowerCase())) return true;
  // The old binary name "server" only when written as a path (./server, /app/server).
  return prog === 'server' && /[/\\]server$/.test(t);
}

/** SERVER_IMAGE without the backtracking (a 40 KB word took seconds): the tag after the last `:`, then the repo
 *  part before it (no whitespace or `:`) starting with llama.cpp or holding `/llama.cpp`. */
function isServerImage(text: string): boolean {
  const colon = text.lastIndexOf(':');
  if (colon < 0 || !/^(server|full)[\w.-]*$/i.test(text.slice(colon + 1))) return false;
  let from = colon;
  while (from > 0 && !/[\s:]/.test(text[from - 1])) from--;
  const repo = text.slice(from, colon);
  return (from === 0 && /^llama[.-]?cpp/i.test(repo)) || /\/llama[.-]?cpp/i.test(repo);
}

/** Whether `text` holds `llama[.-]?cpp<no stop chars>:server|full` anywhere, in one pass: a run of non-stop
 *  characters is scanned once however many `llamacpp`s start inside it. */
export function mentionsServerImage(text: string, stop: RegExp = /[\s:'"]/): boolean {
  const re = /llama[.-]?cpp/gi;
  let scannedTo = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let j = m.index + m[0].length;
    if (j <= scannedTo) continue; // same run as a hit already looked at
    while (j < text.length && !stop.test(text[j])) j++;
    scannedTo = j;
    if (text[j] === ':' && /^(server|full)/i.test(text.slice(j + 1, j + 7))) return true;
  }
  return false;
}

const ENV_ASSIGN = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

interface EnvEntry {
  name: string;
  value: string;
  range: SourceRange;
}

/** `NAME=value` word → an env entry whose range is the value part. */
function envFromWord(w: Word, span: (w: Word, from: number) => SourceRange, prefixLen = 0): EnvEntry | undefined {
  const m = ENV_ASSIGN.exec(w.text.slice(prefixLen));
  if (!m) return undefined;
  return { name: m[1], value: m[2], range: span(w, prefixLen + m[1].length + 1) };
}

export function parseCommandLine(fileName: string, text: string): ParseResult {
  const rejected = rejectInput(text, 'command-line');
  if (rejected) return { configs: [], diagnostics: [rejected] };
  const base = baseName(fileName);
  if (/\.(ya?ml)$/i.test(base)) return parseCompose(fileName, text);
  if (/^(Dockerfile|Containerfile)/i.test(base) || /\.(dockerfile|containerfile)$/i.test(base)) return parseDockerfile(fileName, text);
  return parseShellText(fileName, text);
}

/** Shell scripts, Makefiles, systemd units and other line-oriented text. */
function parseShellText(fileName: string, text: string): ParseResult {
  const idx = new LineIndex(text);
  const span = plainSpan(idx);
  const configs: RunConfig[] = [];
  const diagnostics: ConfigDiagnostic[] = [];
  // Exports are applied once to a shared state each command starts from (not re-applied per command).
  const fileEnv = new LlamaArgState();
  const addFileEnv = (e: EnvEntry | undefined) => {
    if (e) applyEnvVar(fileEnv, e.name, e.value, e.range);
  };
  let envDiagnosticsShown = 0;
  const budget: WordBudget = { wordsLeft: MAX_WORDS_PER_FILE };
  const commands = splitCommands(text, budget);
  if (budget.truncated) diagnostics.push(tooComplex('command-line', `more than ${MAX_WORDS_PER_FILE} words; the rest are not read`));
  for (const words of commands) {
    if (configs.length >= MAX_CONFIGS_PER_FILE) {
      diagnostics.push(
        tooComplex('command-line', `more than ${MAX_CONFIGS_PER_FILE} commands; the rest are not read`, idx.lineRange(words[0].start)),
      );
      break;
    }
    let k = 0;
    const local: EnvEntry[] = [];
    const first = words[0].text;
    // export A=1 B=2 / systemd Environment=A=1 / Dockerfile-like ENV lines
    if (first === 'export' || first === 'declare' || first === 'set') {
      for (let n = 1; n < words.length; n++) addFileEnv(envFromWord(words[n], span));
      continue;
    }
    if (/^Environment=/.test(first)) {
      for (const [n, w] of words.entries()) {
        addFileEnv(envFromWord(w, span, n === 0 ? 'Environment='.length : 0));
      }
      continue;
    }
    // Prefix assignments: LLAMA_ARG_CTX_SIZE=8192 llama-server …
    while (k < words.length && ENV_ASSIGN.test(words[k].text) && !isLlamaProgram(words[k].text)) {
      const e = envFromWord(words[k], span);
      if (e) local.push(e);
      k++;
    }
    const at = words.findIndex((w, n) => n >= k && (isLlamaProgram(w.text) || isServerImage(w.text)));
    if (at < 0) {
      // A bare assignment line sets a shell variable the next commands may export; keep LLAMA_ARG_* ones.
      if (k === words.length) for (const e of local) if (e.name.startsWith('LLAMA_ARG_')) addFileEnv(e);
      continue;
    }
    // docker run -e LLAMA_ARG_…=… image …
    for (let n = k; n < at; n++) {
      if ((words[n].text === '-e' || words[n].text === '--env') && words[n + 1]) {
        const e = envFromWord(words[n + 1], span);
        if (e) local.push(e);
      } else if (/^--env=/.test(words[n].text)) {
        const e = envFromWord(words[n], span, '--env='.length);
        if (e) local.push(e);
      }
    }
    const prog = words[at];
    for (; envDiagnosticsShown < fileEnv.diagnostics.length; envDiagnosticsShown++)
      diagnostics.push(fileEnv.diagnostics[envDiagnosticsShown]);
    const state = fileEnv.clone();
    for (const e of local) applyEnvVar(state, e.name, e.value, e.range);
    applyArgWords(state, words.slice(at + 1), span);
    const name = isServerImage(prog.text) ? 'llama-server' : programOf(prog.text);
    const line = idx.position(prog.start).line + 1;
    const cfg = llamaRunConfig(
      state,
      {
        label: `${name} (line ${line})`,
        baseDir: dirOf(fileName),
        range: idx.lineRange(prog.start),
        anchor: idx.range(prog.start, prog.end),
      },
      diagnostics,
    );
    if (cfg) configs.push(cfg);
  }
  return { configs, diagnostics };
}

/** JSON-array ("exec form") words of a Dockerfile instruction, with file offsets. One pass: a string left open ends
 *  the words (a regular expression retried it from every later quote, quadratic on `\"]\"]…`). */
function execFormWords(text: string, from: number, to: number): Word[] | undefined {
  if (!/^\s*\[/.test(text.slice(from, to))) return undefined;
  const words: Word[] = [];
  for (let i = from; i < to; i++) {
    if (text[i] !== '"') continue;
    const start = i;
    let t = '';
    const pos: number[] = [];
    let j = i + 1;
    for (; j < to && text[j] !== '"' && text[j] !== '\n'; j++) {
      if (text[j] === '\\' && j + 1 < to && text[j + 1] !== '\n') j++;
      t += text[j];
      pos.push(j);
    }
    if (text[j] !== '"') break;
    words.push({ text: t, pos, start, end: j + 1 });
    i = j;
  }
  return words;
}

function parseDockerfile(fileName: string, text: string): ParseResult {
  const idx = new LineIndex(text);
  const span = plainSpan(idx);
  const configs: RunConfig[] = [];
  const diagnostics: ConfigDiagnostic[] = [];
  const env: EnvEntry[] = [];
  let entry: Word[] | undefined;
  let cmd: Word[] | undefined;
  let imageIsServer = false;
  const budget: WordBudget = { wordsLeft: MAX_WORDS_PER_FILE };
  // Logical instructions: a line plus its `\` continuations.
  const re = /^[ \t]*([A-Za-z]+)[ \t]+((?:[^\n]*\\\r?\n)*[^\n]*)/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const instr = m[1].toUpperCase();
    const argStart = m.index + m[0].length - m[2].length;
    const argEnd = m.index + m[0].length;
    const words = (): Word[] =>
      execFormWords(text, argStart, argEnd) ??
      splitCommands(text.slice(argStart, argEnd), budget)
        .flat()
        .map((w) => ({
          ...w,
          start: w.start + argStart,
          end: w.end + argStart,
          pos: w.pos.map((p) => p + argStart),
        }));
    if (instr === 'FROM') {
      const image = words().find((w) => !w.text.startsWith('--'));
      imageIsServer = !!image && isServerImage(image.text);
      entry = undefined;
      cmd = undefined;
    } else if (instr === 'ENV') {
      const ws = words();
      if (ws.length === 2 && !ws[0].text.includes('=')) {
        env.push({ name: ws[0].text, value: ws[1].text, range: span(ws[1], 0) });
      } else {
        for (const w of ws) {
          const e = envFromWord(w, span);
          if (e) env.push(e);
        }
      }
    } else if (instr === 'ENTRYPOINT') {
      entry = words();
    } else if (instr === 'CMD') {
      cmd = words();
    }
  }
  if (budget.truncated) diagnostics.push(tooComplex('dockerfile', `more than ${MAX_WORDS_PER_FILE} words; the rest are not read`));
  const all = [...(entry ?? []), ...(cmd ?? [])];
  const at = all.findIndex((w) => isLlamaProgram(w.text));
  // FROM ghcr.io/ggml-org/llama.cpp:server with only CMD: every CMD word is a llama-server argument.
  if (at >= 0 || (imageIsServer && !entry && cmd)) {
    const state = new LlamaArgState();
    for (const e of env) applyEnvVar(state, e.name, e.value, e.range);
    applyArgWords(state, all.slice(at + 1), span);
    const anchorWord = at >= 0 ? all[at] : all[0];
    const where = anchorWord ? anchorWord.start : 0;
    const cfg = llamaRunConfig(
      state,
      {
        label: `llama-server (line ${idx.position(where).line + 1})`,
        baseDir: dirOf(fileName),
        range: idx.lineRange(where),
        anchor: anchorWord ? idx.range(anchorWord.start, anchorWord.end) : idx.lineRange(0),
      },
      diagnostics,
    );
    if (cfg) configs.push(cfg);
  }
  return { configs, diagnostics };
}

/** Words of a YAML `command:` / `entrypoint:` (string or list), with file offsets. */
export function yamlCommandWords(text: string, node: YamlNode | undefined, budget?: WordBudget): Word[] {
  if (!node) return [];
  if (isScalar(node)) {
    const sp = scalarPositions(text, node);
    if (!sp) return [];
    const at = (i: number) => sp.pos[Math.min(i, sp.pos.length - 1)] ?? node.range[0];
    return splitCommands(sp.value, budget)
      .flat()
      .map((w) => ({
        text: w.text,
        pos: w.pos.map(at),
        start: at(w.start),
        end: w.end > 0 ? at(w.end - 1) + 1 : at(0),
      }));
  }
  if (isSeq(node)) {
    const out: Word[] = [];
    for (const item of node.items) {
      const n = deref(item);
      if (!n || !isScalar(n)) continue;
      const sp = scalarPositions(text, n);
      if (!sp) continue;
      const [s, e] = n.range;
      out.push({ text: sp.value, pos: sp.pos, start: s, end: e });
    }
    return out;
  }
  return [];
}

/** docker-compose / compose.yaml: services with a llama.cpp server image or a llama-server command. */
function parseCompose(fileName: string, text: string): ParseResult {
  const idx = new LineIndex(text);
  const span = plainSpan(idx);
  const configs: RunConfig[] = [];
  const diagnostics: ConfigDiagnostic[] = [];
  const yaml = readYaml(text);
  if ('why' in yaml) return { configs, diagnostics: [tooComplex('compose', yaml.why)] };
  const doc = yaml.doc;
  for (const e of doc.errors.slice(0, 5)) {
    const [s, t] = e.pos ?? [0, 0];
    diagnostics.push(diag('error', 'compose.yaml-error', e.message.split('\n')[0], idx.range(s, t)));
  }
  const services = getKey(doc.contents, 'services');
  const budget: WordBudget = { wordsLeft: MAX_WORDS_PER_FILE };
  for (const svc of mapEntries(services)) {
    if (budget.truncated || configs.length >= MAX_CONFIGS_PER_FILE) {
      diagnostics.push(
        tooComplex('compose', `more than ${MAX_CONFIGS_PER_FILE} services or ${MAX_WORDS_PER_FILE} words; the rest are not read`),
      );
      break;
    }
    if (!svc.value || !isMap(svc.value)) continue;
    const image = scalarText(getKey(svc.value, 'image')) ?? '';
    const entry = yamlCommandWords(text, getKey(svc.value, 'entrypoint'), budget);
    const command = yamlCommandWords(text, getKey(svc.value, 'command'), budget);
    const all = [...entry, ...command];
    const at = all.findIndex((w) => isLlamaProgram(w.text));
    if (at < 0 && !(isServerImage(image) && !entry.length)) continue;
    const state = new LlamaArgState();
    for (const ev of composeEnv(text, getKey(svc.value, 'environment'), span)) applyEnvVar(state, ev.name, ev.value, ev.range);
    applyArgWords(state, all.slice(at + 1), span);
    const keyRange = svc.keyNode?.range ? idx.range(svc.keyNode.range[0], svc.keyNode.range[1]) : idx.lineRange(0);
    const cfg = llamaRunConfig(
      state,
      {
        label: svc.key,
        baseDir: dirOf(fileName),
        range: svc.keyNode?.range ? idx.lineRange(svc.keyNode.range[0]) : idx.lineRange(0),
        anchor: keyRange,
      },
      diagnostics,
    );
    if (cfg) configs.push(cfg);
  }
  return { configs, diagnostics };
}

/** `environment:` as a map (KEY: value) or a list (- KEY=value). */
export function composeEnv(text: string, node: YamlNode | undefined, span: (w: Word, from: number) => SourceRange): EnvEntry[] {
  const out: EnvEntry[] = [];
  if (!node) return out;
  const idx = new LineIndex(text);
  if (isMap(node)) {
    for (const { key, value } of mapEntries(node)) {
      if (!value || !isScalar(value)) continue;
      const sp = scalarPositions(text, value);
      if (!sp) continue;
      const range = sp.pos.length ? idx.range(sp.pos[0], sp.pos[sp.pos.length - 1] + 1) : idx.range(value.range![0], value.range![1]);
      out.push({ name: key, value: sp.value, range });
    }
  } else if (isSeq(node)) {
    for (const w of yamlCommandWords(text, node)) {
      const e = envFromWord(w, span);
      if (e) out.push(e);
    }
  }
  return out;
}
