// Text that came from files or probes (model names, paths, values), made safe for where it is shown: nothing in
// a GGUF's general.name may clear a terminal, set its title, reorder a line (bidi overrides), run a command link
// in a hover or add markup to the panel.

/** Escape sequences, 7- and 8-bit: CSI (ESC [ or 0x9b … final byte), OSC/DCS/SOS/PM/APC strings up to BEL or ST,
 *  two-byte escapes. */
const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -~]?/g;
/** C0 (but tab and newline), DEL, C1 (0x9b is an 8-bit CSI), bidi embeddings/overrides/isolates and marks,
 *  line/paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_BREAK = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** For a terminal: escape sequences and control characters removed; tabs and newlines kept. */
export function terminalText(s: string): string {
  return s.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** One value on one line: escape sequences removed, every other control or line break a space. */
export function plainText(s: string): string {
  return s.replace(ESCAPE_SEQUENCE, '').replace(CONTROL_OR_BREAK, ' ');
}

/** JSON text for a terminal: the same value, but C1, bidi and separator characters written as \uXXXX escapes
 *  (JSON.stringify escapes C0 itself), so the parsed value is unchanged and the raw bytes are harmless. */
export function jsonText(json: string): string {
  return json.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** For Markdown (hovers): plain text, with every character Markdown or HTML gives meaning to escaped, so no
 *  link (command: links included), image, HTML tag, entity or theme icon ($(…)) can be formed. */
export function markdownText(s: string): string {
  // `$` too: hovers render theme icons. `[` and `]` escaped is enough to stop every link form.
  return plainText(s).replace(/[\\`*_{}[\]#!|<>~&$]/g, (c) => `\\${c}`);
}

/** For HTML text nodes and attribute values (the panel builds its DOM with textContent; this is for any markup). */
export function htmlText(s: string): string {
  return plainText(s).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Every string in a JSON-like value passed through plainText (what the panel is sent). */
export function plainDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return plainText(value) as T;
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => plainDeep(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = plainDeep(v, depth + 1);
  return out as T;
}
