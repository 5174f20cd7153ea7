import { escapeUnsafe } from '../../domain/kernel/text.js';

/** The few styles hwaas uses; chalk provides them when colour is on. Each escapes what it is given. */
export interface Painter {
  bold(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  grey(text: string): string;
}

export interface Style {
  readonly enabled: boolean;
  readonly chalk: Painter;
  /** The terminal's width that tables fit into; null: no limit (piped output, --wide). */
  readonly width?: number | null;
  /** Whether a note about hidden columns may point to --wide (not inside an interactive session). */
  readonly wideHint?: boolean;
}

const PLAIN: Painter = { bold: escapeUnsafe, red: escapeUnsafe, green: escapeUnsafe, yellow: escapeUnsafe, grey: escapeUnsafe };
export const PLAIN_STYLE: Style = { enabled: false, chalk: PLAIN };

/**
 * chalk decides nothing by itself here: the io context says whether colour is on,
 * and chalk is loaded only then (it costs start-up time that piped runs do not need).
 */
export async function loadStyle(enabled: boolean): Promise<Style> {
  if (!enabled) return PLAIN_STYLE;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  const painter: Painter = {
    bold: (text) => chalk.bold(escapeUnsafe(text)),
    red: (text) => chalk.red(escapeUnsafe(text)),
    green: (text) => chalk.green(escapeUnsafe(text)),
    yellow: (text) => chalk.yellow(escapeUnsafe(text)),
    grey: (text) => chalk.grey(escapeUnsafe(text)),
  };
  return { enabled, chalk: painter };
}

// The only escape sequences hwaas itself writes: chalk's level-1 colours and bold, and their resets.
// biome-ignore lint/suspicious/noControlCharactersInRegex: it finds the control characters that would drive a terminal
const OWN_SEQUENCE = /^\u001b\[(?:1|22|31|32|33|39|90)m/;

/**
 * The last net before a terminal: every control character and bidirectional override
 * is escaped, except (with colour on) the colour codes hwaas writes itself. A stored
 * name can then neither write the clipboard (OSC 52) nor hide text (SGR 8).
 */
export function terminalSafe(text: string, keepColour: boolean): string {
  if (!keepColour) return keepNewlines(text);
  let out = '';
  let plainFrom = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 0x1b) continue;
    const own = OWN_SEQUENCE.exec(text.slice(i, i + 5));
    if (!own) continue;
    out += keepNewlines(text.slice(plainFrom, i)) + own[0];
    i += own[0].length - 1;
    plainFrom = i + 1;
  }
  return out + keepNewlines(text.slice(plainFrom));
}

const keepNewlines = (text: string): string => text.split('\n').map(escapeUnsafe).join('\n');

export type Align = 'left' | 'right';

/** A cell: text, or text painted in one colour. Either way the text is escaped. */
export type Cell = string | { readonly text: string; readonly paint: keyof Painter };

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => Cell;
  readonly align?: Align;
  /** Long text that may be shortened with "…" to fit a terminal (names, products). */
  readonly shrink?: boolean;
  /** May be left out to fit a terminal: the higher, the sooner (a note says which, and --wide shows them). */
  readonly drop?: number;
}

/** East Asian wide characters (CJK, Hangul, full-width forms) take two columns of a terminal. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/** The width a cell takes on a terminal (two columns for a wide character; escapes take none). */
const displayWidth = (text: string): number => {
  let width = 0;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: hwaas's own colour escapes take no room
  for (const char of text.replace(/\u001b\[[0-9;]*m/g, '')) width += WIDE.test(char) ? 2 : 1;
  return width;
};

/**
 * Which columns to show and how wide, to fit `width`: first the shrinkable columns give
 * way (the widest first, down to their header or 10 characters), then droppable columns
 * are left out, the highest `drop` first. Null widths: it fits as it is.
 */
function fitColumns(
  natural: readonly number[],
  floors: readonly number[],
  shrink: readonly boolean[],
  drop: readonly (number | undefined)[],
  width: number,
  text: readonly boolean[],
): { shown: number[]; widths: number[] | null } {
  let shown = natural.map((_, i) => i);
  const order = shown.filter((i) => drop[i] !== undefined).sort((a, b) => drop[b]! - drop[a]! || b - a);
  for (;;) {
    const widths = shown.map((i) => natural[i]!);
    const total = () => widths.reduce((a, b) => a + b, 0) + 3 * widths.length + 1;
    if (total() <= width) return { shown, widths: shown.length === natural.length && widths.every((w, k) => w === natural[shown[k]!]) ? null : widths };
    let excess = total() - width;
    while (excess > 0) {
      let widest = -1;
      for (let k = 0; k < widths.length; k++) {
        const i = shown[k]!;
        if (shrink[i] && widths[k]! > floors[i]! && (widest < 0 || widths[k]! > widths[widest]!)) widest = k;
      }
      if (widest < 0) break;
      widths[widest]! -= 1;
      excess -= 1;
    }
    if (excess <= 0) return { shown, widths };
    if (order.length === 0) {
      // Last: any long text column gives way, down to 12 characters (IDs, dates and amounts are shorter).
      while (excess > 0) {
        let widest = -1;
        for (let k = 0; k < widths.length; k++) {
          if (text[shown[k]!] && widths[k]! > 12 && (widest < 0 || widths[k]! > widths[widest]!)) widest = k;
        }
        if (widest < 0) break; // as narrow as it goes: the terminal wraps the rest
        widths[widest]! -= 1;
        excess -= 1;
      }
      return { shown, widths };
    }
    const gone = order.shift()!;
    shown = shown.filter((i) => i !== gone);
  }
}

/** Text cut to `width` columns, ending with "…" when it was longer (a wide character counts two). */
function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = WIDE.test(char) ? 2 : 1;
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

/**
 * A table for people, drawn in one pass over its rows: its time grows with its rows.
 * Borders and headers are coloured only when colour is on. At a terminal it fits the
 * width: long text is shortened with "…" (`--wide` shows everything; piped output is
 * never shortened). Text is escaped first (a control character prints as `\u001b`), so
 * every cell is one line.
 */
export function renderTable<T>(style: Style, columns: readonly Column<T>[], rows: readonly T[]): string {
  return [...tableLines(style, columns, rows)].join('\n');
}

/** The lines of a table, one at a time: a listing of any size is written as it is drawn. */
export function* tableLines<T>(style: Style, columns: readonly Column<T>[], rows: readonly T[]): Generator<string> {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const texts = cells.map((row) => row.map((cell) => escapeUnsafe(typeof cell === 'string' ? cell : cell.text)));
  const natural = columns.map((c) => displayWidth(c.header));
  for (const row of texts) {
    for (let i = 0; i < row.length; i++) {
      const width = displayWidth(row[i]!);
      if (width > natural[i]!) natural[i] = width;
    }
  }
  let shown = columns.map((_, i) => i);
  let widths = natural;
  if (style.width) {
    const floors = columns.map((c, i) => Math.min(Math.max(displayWidth(c.header), 10), natural[i]!));
    const fitted = fitColumns(
      natural,
      floors,
      columns.map((c) => c.shrink === true),
      columns.map((c) => c.drop),
      style.width,
      columns.map((c) => (c.align ?? 'left') === 'left'),
    );
    shown = fitted.shown;
    if (fitted.widths) widths = columns.map((_, i) => (shown.includes(i) ? fitted.widths![shown.indexOf(i)]! : 0));
  }
  const grey = style.enabled ? (text: string) => `\u001b[90m${text}\u001b[39m` : (text: string) => text;
  const last = shown.length - 1;
  const rule = (left: string, mid: string, right: string) => shown.map((i, k) => grey(`${k === 0 ? left : mid}${'─'.repeat(widths[i]! + 2)}${k === last ? right : ''}`)).join('');
  const bar = grey('│');
  /** One line of cells: each cut to its width, painted, then padded (the padding is never painted). */
  const line = (cell: (i: number) => { text: string; paint: ((text: string) => string) | null }) => {
    let out = '';
    for (let k = 0; k <= last; k++) {
      const i = shown[k]!;
      const { text, paint } = cell(i);
      const cut = truncate(text, widths[i]!);
      const gap = ' '.repeat(Math.max(0, widths[i]! - displayWidth(cut)));
      const painted = paint ? paint(cut) : cut;
      out += `${bar} ${(columns[i]!.align ?? 'left') === 'right' ? gap + painted : painted + gap} ${k === last ? bar : ''}`;
    }
    return out;
  };
  yield rule('┌', '┬', '┐');
  yield line((i) => ({ text: columns[i]!.header, paint: (t) => style.chalk.bold(t) }));
  yield rule('├', '┼', '┤');
  for (let r = 0; r < cells.length; r++) {
    const row = cells[r]!;
    const values = texts[r]!;
    yield line((i) => {
      const cell = row[i]!;
      return { text: values[i]!, paint: typeof cell === 'string' ? null : (t) => style.chalk[cell.paint](t) };
    });
  }
  yield rule('└', '┴', '┘');
  const hidden = columns.filter((_, i) => !shown.includes(i)).map((c) => c.header);
  if (hidden.length > 0) yield style.chalk.grey(`(hidden to fit: ${hidden.join(', ')}${style.wideHint === false ? '' : '; --wide shows them'})`);
}

/**
 * Sentences wrapped at a terminal's width, by words, keeping each line's indentation for
 * the lines it continues on; table lines (box drawing) and lines that fit are left alone.
 */
export function wrapText(text: string, width: number | null | undefined): string {
  if (!width || width < 20) return text;
  return text
    .split('\n')
    .map((line) => {
      if (displayWidth(line) <= width || /[│─┌└├]/.test(line)) return line;
      const indent = /^\s*/.exec(line)![0];
      // A command in backticks is one word: it is never broken across lines.
      const words = line.slice(indent.length).match(/\S*`[^`]*`\S*|\S+/g) ?? [];
      const out: string[] = [];
      let current = indent;
      for (const word of words) {
        const candidate = current.trim() === '' ? `${indent}${word}` : `${current} ${word}`;
        if (displayWidth(candidate) > width && current.trim() !== '') {
          out.push(current);
          current = `${indent}${word}`;
        } else current = candidate;
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}
