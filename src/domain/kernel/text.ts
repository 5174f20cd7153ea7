import { UsageError } from '../../errors.js';

/**
 * Characters that can drive a terminal or reorder what people read: C0 controls,
 * DEL, C1 controls (U+0080–U+009F, e.g. U+009B, a one-byte CSI), the bidirectional
 * embeddings, overrides, isolates and marks, and the Unicode line and paragraph separators.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: it finds the control characters that would drive a terminal
export const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029\u200e\u200f\u061c]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: it finds the control characters that would drive a terminal
const UNSAFE_GLOBAL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029\u200e\u200f\u061c]/gu;

/** Characters that print as nothing (white space, format characters, marks, fillers) or as nothing anyone can read (private use, unassigned). */
const INVISIBLE = /[\s\p{Cf}\p{M}\p{Co}\p{Cn}\u115f\u1160\u3164\uffa0\u2800]/gu;

/** `\u001b` for ESC: how an unsafe character is named in a message and printed from the store. */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE_GLOBAL, (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

/**
 * A piece of text a person typed, checked before it is stored: no control
 * characters and no bidirectional overrides. `what` names it in the error.
 */
export function checkText(raw: string, what: string): string {
  const match = UNSAFE_CHARACTERS.exec(raw);
  if (match) {
    throw new UsageError(`${what}: contains ${escapeUnsafe(match[0])}, a control character or bidirectional override; type it as plain text.`);
  }
  return raw;
}

/** True when nothing of the text would be visible on a screen or on paper. */
export function isInvisible(text: string): boolean {
  return text.replace(INVISIBLE, '') === '';
}
