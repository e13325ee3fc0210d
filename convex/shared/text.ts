// Characters nobody can see, or that reorder what people see: control characters,
// zero-width spaces and joiners of words, the byte-order mark, and bidirectional
// overrides and isolates. In a name or an address they serve only to deceive
// ("Work laptop" that renders differently from what is stored, "‮gnp.exe"), so free
// text people type is refused when it has them. Zero-width (non-)joiners (U+200C/D, needed
// by some scripts and emoji) and the LRM/RLM marks stay allowed.

const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\u2060-\u2064\uFEFF\u202A-\u202E\u2066-\u2069]/u;
const HIDDEN_OR_LINE_BREAK = /[\u0000-\u001F\u007F-\u009F\u200B\u2060-\u2064\uFEFF\u202A-\u202E\u2066-\u2069]/u;

/** Whether text has characters people cannot see; `multiline` allows tab and line breaks. */
export function hasHiddenCharacters(text: string, options: { multiline?: boolean } = {}): boolean {
  return (options.multiline ? HIDDEN : HIDDEN_OR_LINE_BREAK).test(text);
}

export const HIDDEN_CHARACTERS_MESSAGE =
  "Remove invisible or direction-changing characters (they can make text look like something else)";
