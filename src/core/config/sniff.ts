// A document's format when its name says nothing (an untitled buffer, "Modelfile-gpu", "serve.txt"): from the
// editor's language, else from what the text is.
import type { ConfigFormat } from './index';
import { detectFormat } from './index';

/** Instructions only a Dockerfile has: a FROM file with any of them is not a Modelfile. */
const DOCKERFILE_ONLY =
  /^[ \t]*(RUN|COPY|ADD|CMD|ENTRYPOINT|WORKDIR|ENV|EXPOSE|ARG|LABEL|USER|VOLUME|HEALTHCHECK|SHELL|ONBUILD|STOPSIGNAL)\b/im;
const MODELFILE_FROM = /^[ \t]*FROM[ \t]+\S/im;
/** A llama.cpp program at the start of a command (after a prefix like `exec`, `./`, a path or env assignments). */
const LLAMA_COMMAND = /(^|[\s;&|(])(?:[\w./\\-]*[/\\])?llama-(server|cli)(\.exe)?(?=\s|$)/m;
const SNIFF_CHARS = 65536;

/** Extensions whose format only their own rules decide (a YAML or JSON file is never read as a Modelfile). */
function hasOwnRules(fileName: string): boolean {
  return /\.(ya?ml|ini|json|jsonc)$/i.test(fileName);
}

export function documentFormat(fileName: string, text: string, languageId?: string): ConfigFormat | undefined {
  const byName = detectFormat(fileName, text);
  if (byName) return byName;
  if (languageId === 'modelfile') return 'modelfile';
  if (hasOwnRules(fileName)) return undefined;
  const head = text.length > SNIFF_CHARS ? text.slice(0, SNIFF_CHARS) : text;
  if (MODELFILE_FROM.test(head) && !DOCKERFILE_ONLY.test(head)) return 'modelfile';
  if (LLAMA_COMMAND.test(head)) return 'command-line';
  return undefined;
}
