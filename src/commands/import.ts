import { defineCommand, option } from '../cli/command.js';
import { importJson } from '../cli/views.js';
import { UsageError } from '../errors.js';
import { DATE_FORMATS } from '../domain/imports/cells.js';
import { IMPORTS } from '../domain/imports/index.js';
import { IMPORT_KINDS, type ImportKind, type ImportReport, importFile } from '../domain/imports/run.js';

const SHOWN = 50;

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
    ...wrap('Columns: * required; (staff): required of staff; the key marks a row as new or known. Headers match ignoring case, accents, spaces, _ and -, or by another name below; other columns are ignored with a warning. A blank cell clears an optional value; a missing column keeps it.', 0),
  ];
  for (const kind of IMPORT_KINDS) {
    const spec = IMPORTS[kind];
    const names = spec.columns.map((c) => `${c.name}${c.required === true ? '*' : c.required === 'staff' ? '* (staff)' : ''}`);
    lines.push('', ...wrap(`  ${kind}${spec.staffOnly ? ' (staff only)' : ''}: ${names.join(', ')}; key ${spec.key}`, 4));
    for (const c of spec.columns) if (c.synonyms.length) lines.push(...wrap(`    ${c.name}: also ${c.synonyms.map((n) => `"${n}"`).join(', ')}`, 6));
  }
  lines.push(
    '',
    ...wrap('Dates: YYYY-MM-DD, or a date cell of the sheet; others with --date-format. Amounts: 1234.56 or 1,234.56 (1234,56 or 1.234,56 with --decimal-comma), or a number cell; never more than two decimals, never rounded. A new key is created, a changed row updated, an identical one left alone; nothing is ever deleted. If any row is wrong nothing is written, and every problem is named FILE:ROW:COLUMN.', 0),
  );
  return lines.join('\n');
}

export const command = defineCommand({
  path: ['import'],
  description: 'import customers, PBXs, invoices, agreements or stock from a CSV or XLSX file: all rows or none',
  args: { kind: { description: IMPORT_KINDS.join(', ') }, file: { description: 'a .csv or .xlsx file, or - for standard input' } },
  options: {
    format: option.choice('--format <format>', 'csv or xlsx (default: by the file name, else by its content)', ['csv', 'xlsx'] as const),
    sheet: option.string('--sheet <name>', 'the sheet of an XLSX workbook (default: the first)'),
    dateFormat: option.choice('--date-format <format>', 'how text dates other than YYYY-MM-DD are written', DATE_FORMATS),
    decimalComma: option.flag('--decimal-comma', 'amounts are written 1.234,56 rather than 1,234.56'),
    dryRun: option.flag('--dry-run', 'check every row and count what would change; write nothing'),
  },
  examples: [
    'hwaas import customers data/samples/customers.csv --dry-run',
    'hwaas import pbxs data/samples/pbxs.xlsx',
    'hwaas --as USR-101 import invoices invoices.csv --date-format DD.MM.YYYY --decimal-comma',
    'hwaas customers list --format csv > mine.csv && hwaas import customers mine.csv   # 0 created, 0 updated',
  ],
  help: columnsHelp(),
  writes: (options) => options.dryRun !== true,
  async run(ctx, options, { kind, file }) {
    const wanted = kind.toLowerCase() === 'pbx' ? 'pbxs' : kind.toLowerCase();
    if (!(IMPORT_KINDS as readonly string[]).includes(wanted)) throw new UsageError(`import: "${kind}" is not something hwaas imports; choose ${IMPORT_KINDS.join(', ')}.`, 'USAGE');
    const store = await ctx.store();
    const actor = await ctx.actor();
    const { readUpload, uploadSheet } = await import('../import/source.js');
    const progress = ctx.io.stderr.isTTY === true && !ctx.json ? progressBar(ctx.io.stderr, file === '-' ? 'standard input' : file) : null;
    const upload = await readUpload(file, { cwd: ctx.io.cwd, stdin: ctx.io.stdin, stdinIsTerminal: ctx.io.stdinIsTTY });
    const source = uploadSheet(upload, { format: options.format, sheet: options.sheet }, progress?.bytes);
    let report: ImportReport;
    try {
      progress?.size(source.size);
      report = await importFile(store, actor, wanted as ImportKind, IMPORTS[wanted as ImportKind], source.open, {
        file: file === '-' ? 'standard input' : file,
        dryRun: options.dryRun === true,
        dateFormat: options.dateFormat ?? null,
        decimalComma: options.decimalComma === true,
      }, progress?.rows);
    } finally {
      progress?.done();
    }
    const document = importJson(report);
    if (report.errorCount > 0) {
      if (!ctx.json) {
        for (const line of report.warnings) ctx.err(`warning: ${line}`);
        for (const problem of report.errors.slice(0, SHOWN)) ctx.err(`${report.file}:${problem.row}:${problem.column ?? '-'}: ${problem.message}`);
        if (report.errorCount > SHOWN) ctx.err(`… and ${(report.errorCount - SHOWN).toLocaleString('en')} more`);
      }
      throw new UsageError(
        `nothing was imported: ${report.errorCount.toLocaleString('en')} problem${report.errorCount > 1 ? 's' : ''} in ${report.file}${report.errorCount > SHOWN && !ctx.json ? ` (the first ${SHOWN} above)` : ''}; fix ${report.errorCount > 1 ? 'them' : 'it'} and import the file again (it is checked whole every time).`,
        'INVALID_INPUT',
        { data: document },
      );
    }
    if (ctx.json) {
      ctx.printJson(document);
      return;
    }
    for (const line of report.warnings) ctx.err(`warning: ${line}`);
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
  let total: number | null = null;
  let read = 0;
  let rows = 0;
  let last = 0;
  let shown = false;
  const draw = () => {
    const now = Date.now();
    if (rows <= 10_000 || now - last < 100) return;
    last = now;
    shown = true;
    const fraction = total ? Math.min(1, read / total) : null;
    const bar = fraction === null ? '' : `[${'█'.repeat(Math.round(fraction * 20)).padEnd(20, '·')}] ${Math.floor(fraction * 100)}% · `;
    stderr.write(`\r\u001b[K  ${name} ${bar}${rows.toLocaleString('en')} rows`);
  };
  return {
    size: (bytes: number | null) => (total = bytes),
    bytes: (n: number) => {
      read += n;
      draw();
    },
    rows: (n: number) => {
      rows = n;
      draw();
    },
    done: () => {
      if (shown) stderr.write('\r\u001b[K');
    },
  };
}
