import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';

export interface Style {
  readonly enabled: boolean;
  readonly chalk: ChalkInstance;
}

/** chalk decides nothing by itself here: the io context says whether colour is on. */
export function makeStyle(enabled: boolean): Style {
  return { enabled, chalk: new Chalk({ level: enabled ? 1 : 0 }) };
}

export type Align = 'left' | 'right';

export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string;
  readonly align?: Align;
}

/** A table for people. Borders and headers are coloured only when colour is on (cli-table3 would colour them always). */
export function renderTable<T>(style: Style, columns: readonly Column<T>[], rows: readonly T[]): string {
  const table = new Table({
    head: columns.map((c) => style.chalk.bold(c.header)),
    style: { head: [], border: style.enabled ? ['grey'] : [], compact: true },
    colAligns: columns.map((c) => c.align ?? 'left'),
    wordWrap: false,
  });
  for (const row of rows) table.push(columns.map((c) => c.value(row)));
  return table.toString();
}
