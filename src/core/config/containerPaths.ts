// Paths inside a container → files in the workspace: a compose service's bind mounts (`./models:/models`) and a
// Dockerfile's COPY / ADD. Lets `-m /models/x.gguf` read the workspace file's real header.
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { RunConfig } from '../types';
import { splitCommands } from './shellWords';
import { baseName, dirOf } from './text';
import { deref, getKey, isMap, isSeq, readYaml, scalarText } from './yamlNodes';

export interface Mount {
  /** Absolute path inside the container, no trailing slash. */
  container: string;
  /** Absolute path on this machine. */
  host: string;
  /** As written, for messages ("./models:/models"). */
  written: string;
}

const MAX_MOUNTS = 64;

function isComposeFile(fileName: string): boolean {
  return /\.ya?ml$/i.test(baseName(fileName));
}

function isDockerfile(fileName: string): boolean {
  const b = baseName(fileName);
  return /^(Dockerfile|Containerfile)/i.test(b) || /\.(dockerfile|containerfile)$/i.test(b);
}

/** Whether the file runs its commands in a container, where absolute paths are the container's. */
export function isContainerFile(fileName: string): boolean {
  return isComposeFile(fileName) || isDockerfile(fileName);
}

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

function mount(fileName: string, source: string, target: string, written: string): Mount | undefined {
  // Named volumes ("models:/models") hold no workspace files.
  if (!/^(\.{1,2}(\/|$)|\/|~)/.test(source) || !target.startsWith('/')) return undefined;
  if (source.startsWith('~')) return undefined;
  return { container: trimSlash(target), host: trimSlash(nodePath.resolve(dirOf(fileName), source)), written };
}

function composeMounts(fileName: string, text: string, service: string): Mount[] {
  const yaml = readYaml(text);
  if ('why' in yaml) return [];
  const doc = yaml.doc;
  const svc = getKey(getKey(doc.contents, 'services'), service);
  const volumes = svc && isMap(svc) ? getKey(svc, 'volumes') : undefined;
  if (!volumes || !isSeq(volumes)) return [];
  const out: Mount[] = [];
  for (const item of volumes.items.slice(0, MAX_MOUNTS)) {
    const n = deref(item);
    const short = scalarText(n);
    if (short !== undefined) {
      const [source, target] = short.split(':');
      const m = target !== undefined ? mount(fileName, source, target, short) : undefined;
      if (m) out.push(m);
    } else if (n && isMap(n)) {
      const type = scalarText(getKey(n, 'type'));
      const source = scalarText(getKey(n, 'source'));
      const target = scalarText(getKey(n, 'target'));
      const m = type === 'bind' && source && target ? mount(fileName, source, target, `${source}:${target}`) : undefined;
      if (m) out.push(m);
    }
  }
  return out;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function dockerfileMounts(fileName: string, text: string): Mount[] {
  const out: Mount[] = [];
  const re = /^[ \t]*(COPY|ADD)[ \t]+((?:[^\n]*\\\r?\n)*[^\n]*)/gim;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && out.length < MAX_MOUNTS) {
    const words = splitCommands(m[2])
      .flat()
      .map((w) => w.text)
      .filter((w) => !w.startsWith('--'));
    // One source and one destination; several sources or URLs are not followed.
    if (words.length !== 2 || /^[a-z]+:\/\//i.test(words[0])) continue;
    const source = words[0].startsWith('/') ? words[0] : `./${words[0].replace(/^\.\//, '')}`;
    // A file copied into a directory (`COPY x.gguf /models/`) lands under its own name; a directory's contents land in the target.
    const isDir = isDirectory(nodePath.resolve(dirOf(fileName), source));
    const target = !isDir && words[1].endsWith('/') ? `${words[1]}${nodePath.basename(source)}` : words[1];
    const mt = mount(fileName, source, target, `${m[1]} ${words[0]} ${words[1]}`);
    if (mt) out.push(mt);
  }
  return out;
}

/** The mounts that apply to this configuration. Never throws. */
export function containerMounts(fileName: string, text: string, config: RunConfig): Mount[] {
  try {
    if (isComposeFile(fileName)) return composeMounts(fileName, text, config.label);
    if (isDockerfile(fileName)) return dockerfileMounts(fileName, text);
  } catch {
    // A file that does not read is reported by its reader.
  }
  return [];
}

/** The workspace path a container path maps to through the mounts (longest container prefix wins). */
export function hostPath(ref: string, mounts: Mount[]): { path: string; mount: Mount } | undefined {
  if (!ref.startsWith('/')) return undefined;
  const hit = mounts
    .filter((m) => ref === m.container || ref.startsWith(`${m.container === '/' ? '' : m.container}/`))
    .sort((a, b) => b.container.length - a.container.length)[0];
  return hit && { path: nodePath.join(hit.host, ref.slice(hit.container.length)), mount: hit };
}

/** The configuration as this machine sees it: its container model path read through the file's mounts. */
export function onHost(config: RunConfig, mounts: Mount[]): RunConfig {
  const mapped = hostPath(config.modelRef, mounts);
  return mapped ? { ...config, modelRef: mapped.path } : config;
}
