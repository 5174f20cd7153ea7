import { createRequire } from 'node:module';
import type Table from 'cli-table3';
import { escapeUnsafe } from '../domain/text.js';

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
// eslint-disable-next-line no-control-regex
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
}

const require = createRequire(import.meta.url);
let TableClass: typeof Table | null = null;

/** A table for people. Borders and headers are coloured only when colour is on (cli-table3 would colour them always). */
export function renderTable<T>(style: Style, columns: readonly Column<T>[], rows: readonly T[]): string {
  TableClass ??= require('cli-table3') as typeof Table; // loaded on first use: listings in JSON or CSV never need it
  const table = new TableClass({
    head: columns.map((c) => style.chalk.bold(c.header)),
    style: { head: [], border: style.enabled ? ['grey'] : [], compact: true },
    colAligns: columns.map((c) => c.align ?? 'left'),
    wordWrap: false,
  });
  for (const row of rows) {
    table.push(
      columns.map((c) => {
        const cell = c.value(row);
        return typeof cell === 'string' ? escapeUnsafe(cell) : style.chalk[cell.paint](cell.text);
      }),
    );
  }
  return table.toString();
}
