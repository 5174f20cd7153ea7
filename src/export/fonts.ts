import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { RefusedError } from '../errors.js';

/**
 * The fonts a PDF embeds, by path: DejaVu Sans (Latin, Greek, Cyrillic and more) and,
 * for what it lacks, Noto Sans SC (Chinese, Japanese kana and kanji). Text is drawn in runs,
 * each in the first font that has its characters; a character neither has is refused
 * with a sentence rather than printed as an empty box.
 */
const require = createRequire(import.meta.url);
export const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

function optional(path: string): string | null {
  try {
    return require.resolve(path);
  } catch {
    return null;
  }
}
const CJK = optional('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
const CJK_BOLD = optional('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf');

interface Coverage {
  hasGlyphForCodePoint(codePoint: number): boolean;
}
const opened = new Map<string, Coverage>();
function coverage(path: string): Coverage {
  let font = opened.get(path);
  if (!font) {
    font = fontkit.openSync(path) as unknown as Coverage;
    opened.set(path, font);
  }
  return font;
}

export interface Run {
  readonly text: string;
  readonly font: string;
}

const PLAIN = /^[\u0020-\u007e\u00a0-\u00ff€]*$/u;
const cache = new Map<string, Run[]>();

/** The text in runs of one font each; throws UNPRINTABLE for characters no embedded font has. */
export function fontRuns(text: string, bold: boolean): Run[] {
  const latin = bold ? FONT_BOLD : FONT;
  if (PLAIN.test(text)) return [{ text, font: latin }];
  const key = `${bold ? 'b' : 'r'}${text}`;
  const known = cache.get(key);
  if (known) return known;
  const cjk = bold ? (CJK_BOLD ?? CJK) : CJK;
  const runs: { text: string; font: string }[] = [];
  const missing = new Set<string>();
  for (const char of text) {
    const point = char.codePointAt(0)!;
    let font: string;
    if (coverage(latin).hasGlyphForCodePoint(point)) font = latin;
    else if (/\s/u.test(char)) font = runs[runs.length - 1]?.font ?? latin;
    else if (cjk && coverage(cjk).hasGlyphForCodePoint(point)) font = cjk;
    else if (/\p{Cf}/u.test(char))
      continue; // an invisible format character (a joiner): nothing to draw
    else {
      missing.add(char);
      continue;
    }
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += char;
    else runs.push({ text: char, font });
  }
  if (missing.size > 0) {
    const chars = [...missing].slice(0, 8).join(' ');
    throw new RefusedError(
      'UNPRINTABLE',
      `"${text}" has characters no font of the PDF can print (${chars}): PDFs print Latin, Greek, Cyrillic, Chinese and Japanese; change the name, or use --format csv, xlsx or json.`,
    );
  }
  cache.set(key, runs);
  return runs;
}

/** Refuses (UNPRINTABLE) before anything is recorded or written when a text of a document could not be printed. */
export function assertPrintable(texts: readonly (string | null | undefined)[]): void {
  for (const text of texts) if (text) fontRuns(text, false);
}
