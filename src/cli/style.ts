import { createRequire } from 'node:module';
import type Table from 'cli-table3';

/** The few styles hwaas uses; chalk provides them when colour is on. */
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

const same = (text: string): string => text;
const PLAIN: Painter = { bold: same, red: same, green: same, yellow: same, grey: same };
export const PLAIN_STYLE: Style = { enabled: false, chalk: PLAIN };

/**
 * chalk decides nothing by itself here: the io context says whether colour is on,
 * and chalk is loaded only then (it costs start-up time that piped runs do not need).
 */
export async function loadStyle(enabled: boolean): Promise<Style> {
  if (!enabled) return PLAIN_STYLE;
  const { Chalk } = await import('chalk');
  return { enabled, chalk: new Chalk({ level: 1 }) };
}

export type Align = 'left' | 'right';

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string;
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
  for (const row of rows) table.push(columns.map((c) => c.value(row)));
  return table.toString();
}
