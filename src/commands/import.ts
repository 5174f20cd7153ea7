import { type Job, resultOf } from '../app/usecases.js';
import type { FileInput } from '../app/usecases.js';
import { defineCommand, option } from '../cli/command.js';
import type { Context } from '../cli/context.js';
import { HwaasError, UsageError, restated } from '../errors.js';
import { DATE_FORMATS } from '../domain/imports/cells.js';
import { IMPORTS } from '../domain/imports/index.js';
import { IMPORT_KINDS } from '../domain/imports/run.js';
import type { ImportReportJson, ProgressJson } from '../views/json/imports.js';

/** How many problems of a file are said on stderr; the rest are counted. */
const SHOWN = 50;

/** The options of every import: how the file is read, and whether to write. */
export const importOptions = (dateFormatHelp = 'how text dates other than YYYY-MM-DD are written') => ({
  format: option.choice('--format <format>', 'csv or xlsx (default: by the file name, else by its content)', ['csv', 'xlsx'] as const),
  sheet: option.string('--sheet <name>', 'the sheet of an XLSX workbook (default: the first)'),
  dateFormat: option.choice('--date-format <format>', dateFormatHelp, DATE_FORMATS),
  decimalComma: option.flag('--decimal-comma', 'amounts are written 1.234,56 rather than 1,234.56'),
  dryRun: option.flag('--dry-run', 'check every row and count what would change; write nothing'),
});

interface ReadOptions {
  format?: 'csv' | 'xlsx';
  sheet?: string;
  dateFormat?: (typeof DATE_FORMATS)[number];
  decimalComma?: boolean;
  dryRun?: boolean;
}

/**
 * Reads the file (a path, `-`, a pipe), hands it to the import with the options, shows a
 * progress bar at a terminal for a large file, and, when rows are wrong, says each
 * (FILE:ROW:COLUMN, the first 50) before the sentence that nothing was imported.
 */
export async function runImport<T extends ImportReportJson>(
  ctx: Context,
  file: string,
  options: ReadOptions,
  start: (upload: { file: FileInput; format: 'csv' | 'xlsx' | null; sheet: string | null; dateFormat: ReadOptions['dateFormat'] | null; decimalComma: boolean; dryRun: boolean }) => Job<T>,
): Promise<T> {
  const { readUpload } = await import('../import/source.js');
  const shown = file === '-' ? 'standard input' : file;
  const upload = await readUpload(file, { cwd: ctx.io.cwd, stdin: ctx.io.stdin, stdinIsTerminal: ctx.io.stdinIsTTY });
  const bar = ctx.io.stderr.isTTY === true && !ctx.json ? progressBar(ctx.io.stderr, shown) : null;
  let report: T;
  try {
    report = await resultOf(
      start({
        file: upload,
        format: options.format ?? null,
        sheet: options.sheet ?? null,
        dateFormat: options.dateFormat ?? null,
        decimalComma: options.decimalComma === true,
        dryRun: options.dryRun === true,
      }),
      bar?.show,
    );
  } catch (error) {
    bar?.done();
    const details = error instanceof HwaasError ? (error.data as ImportReportJson | undefined) : undefined;
    if (!(error instanceof UsageError) || !details?.errors) throw error;
    // The flags that read dates and amounts written otherwise, when a row needs one.
    const said = details.errors.map((e) => e.message);
    const hints: string[] = [];
    if (said.some((m) => m.includes('need their format said'))) hints.push(`Dates written otherwise are read with --date-format (${DATE_FORMATS.join(', ')}).`);
    if (said.some((m) => m.includes('with a decimal comma'))) hints.push('Amounts written 1.234,56 are read with --decimal-comma.');
    if (said.some((m) => m.includes('with a decimal point'))) hints.push('Amounts written 1,234.56 are read without --decimal-comma.');
    if (ctx.json) throw hints.length > 0 ? restated(error, error.message, { data: { ...details, hints } }) : error;
    for (const line of details.warnings) ctx.err(`warning: ${line}`);
    for (const problem of details.errors.slice(0, SHOWN)) ctx.err(`${details.file}:${problem.row}:${problem.column ?? '-'}: ${problem.message}`);
    for (const line of hints) ctx.err(line);
    if (details.errorCount > SHOWN) {
      ctx.err(`… and ${(details.errorCount - SHOWN).toLocaleString('en')} more`);
      throw restated(error, error.message.replace(`problems in ${details.file};`, `problems in ${details.file} (the first ${SHOWN} above);`));
    }
    throw error;
  }
  bar?.done();
  if (!ctx.json) for (const line of report.warnings) ctx.err(`warning: ${line}`);
  return report;
}

/** Words wrapped at 80 columns, every line after the first indented by `indent`. */
function wrap(text: string, indent: number): string[] {
  const lines: string[] = [];
  const lead = /^ */.exec(text)![0];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    if (line.trim() && line.length + 1 + word.length > 80) {
      lines.push(line);
      line = ' '.repeat(indent) + word;
    } else line = line.trim() ? `${line} ${word}` : `${line}${word}`;
  }
  return [...lines, line];
}

/** The columns of each kind, for `hwaas import --help`: canonical names (required ones marked *) and the other names a header may use. */
function columnsHelp(): string {
  const lines = [
    ...wrap(
      'Columns: * required; (staff): required of staff; the key marks a row as new or known. Headers match ignoring case, accents, spaces, _ and -, or by another name below; other columns are ignored with a warning. A blank cell clears an optional value; a missing column keeps it.',
      0,
    ),
  ];
  for (const kind of IMPORT_KINDS) {
    const spec = IMPORTS[kind];
    const names = spec.columns.map((c) => `${c.name}${c.required === true ? '*' : c.required === 'staff' ? '* (staff)' : ''}`);
    lines.push('', ...wrap(`  ${kind}${spec.staffOnly ? ' (staff only)' : ''}: ${names.join(', ')}; key ${spec.keyHelp ?? spec.key}`, 4));
    for (const c of spec.columns) if (c.synonyms.length) lines.push(...wrap(`    ${c.name}: also ${c.synonyms.map((n) => `"${n}"`).join(', ')}`, 6));
  }
  lines.push(
    '',
    ...wrap(
      'Dates: YYYY-MM-DD, or a date cell of the sheet; others with --date-format. Amounts: 1234.56 or 1,234.56 (1234,56 or 1.234,56 with --decimal-comma), or a number cell; never more than two decimals, never rounded. A new key is created, a changed row updated, an identical one left alone (services: a running line is never changed by an import; another quantity is refused); nothing is ever deleted. If any row is wrong nothing is written, and every problem is named FILE:ROW:COLUMN.',
      0,
    ),
  );
  return lines.join('\n');
}

export const command = defineCommand({
  description: 'import customers, PBXs, invoices, agreements, stock or running services from a CSV or XLSX file: all rows or none',
  args: { kind: { description: IMPORT_KINDS.join(', ') }, file: { description: 'a .csv or .xlsx file, or - for standard input' } },
  options: importOptions(),
  examples: [
    'hwaas import customers data/samples/customers.csv --dry-run',
    'hwaas import pbxs data/samples/pbxs.xlsx',
    'hwaas --as USR-101 import invoices invoices.csv --date-format DD.MM.YYYY --decimal-comma',
    'hwaas customers list --format csv > mine.csv && hwaas import customers mine.csv   # 0 created, 0 updated',
    'hwaas import services installed-base.csv --dry-run   # pbx,sku,qty,since[,unit price,resale price,serials]',
  ],
  help: columnsHelp(),
  writes: (options) => options.dryRun !== true,
  async run(ctx, options, { kind, file }) {
    const wanted = kind.toLowerCase() === 'pbx' ? 'pbxs' : kind.toLowerCase();
    if (!(IMPORT_KINDS as readonly string[]).includes(wanted)) throw new UsageError(`import: "${kind}" is not something hwaas imports; choose ${IMPORT_KINDS.join(', ')}.`, 'USAGE');
    const cases = await ctx.useCases();
    const report = await runImport(ctx, file, options, (upload) => cases.imports.run({ kind: wanted as never, ...upload }));
    if (ctx.json) {
      ctx.printJson(report);
      return;
    }
    const counts = `${report.created.toLocaleString('en')} created, ${report.updated.toLocaleString('en')} updated, ${report.unchanged.toLocaleString('en')} unchanged`;
    ctx.out(report.dryRun ? `Dry run of ${report.file} (${wanted}): ${counts} if imported; nothing was written.` : `Imported ${report.file} (${wanted}): ${counts}.`);
  },
});

/**
 * A progress bar on stderr at a terminal, for files over 10,000 rows: how far through
 * the file (by bytes) and how many rows so far. Redrawn at most ten times a second and
 * cleared at the end, so that what remains on the terminal is the result.
 */
function progressBar(stderr: NodeJS.WritableStream, name: string) {
  let shown = false;
  return {
    show: (p: ProgressJson) => {
      const rows = p.rows ?? 0;
      if (rows <= 10_000) return;
      shown = true;
      const fraction = p.total ? Math.min(1, p.done / p.total) : null;
      const bar = fraction === null ? '' : `[${'█'.repeat(Math.round(fraction * 20)).padEnd(20, '·')}] ${Math.floor(fraction * 100)}% · `;
      stderr.write(`\r\u001b[K  ${name} ${bar}${rows.toLocaleString('en')} rows`);
    },
    done: () => {
      if (shown) stderr.write('\r\u001b[K');
    },
  };
}
