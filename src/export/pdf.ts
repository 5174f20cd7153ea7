import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { FONT, FONT_BOLD, fontRuns } from './fonts.js';

// Unicode TrueType fonts, loaded by path (fonts.ts): the 14 standard PDF fonts silently
// corrupt Łódź, Cyrillic and Greek, and registerFont() makes large tables slow.

export type Paper = 'a4' | 'letter';

export interface PdfColumn {
  readonly header: string;
  /** The width it is drawn at when everything fits; a column that does not wrap grows to what it must show. */
  readonly width: number;
  readonly align?: 'left' | 'right';
  /**
   * Long text (a product's name) takes more lines and gives its width to the columns that
   * must grow. A column that does not wrap (an amount, a quantity, an SKU) is never cut.
   */
  readonly wrap?: boolean;
}

/** A text column gives way to the others down to this width. */
const MIN_WRAP_WIDTH = 72;
/** Below this size a table is not made smaller: the last resort of a table that does not fit. */
const MIN_SIZE = 5;
/** Lines of a wrapped cell before it is cut (names only: amounts and identifiers are never cut). */
const WRAP_LINES = 3;

export interface ReportOptions {
  readonly paper: Paper;
  readonly title: string;
  readonly subject: string;
  readonly author: string;
  /** Words a program can find the document by (which kind of price list it is). */
  readonly keywords?: string;
  /** The document's date (from --date), so the same input gives the same file. */
  readonly date: Date;
  /** Lines under the title on the first page. */
  readonly intro: readonly string[];
  /** Left side of every page's footer. */
  readonly footer: string;
  /** The issuer's own line (bank details, registration), above the footer of every page. */
  readonly footerNote?: string | null;
  /** Who issues the document: lines at the top right of the first page (the first in bold), under a logo (PNG or JPEG bytes). */
  readonly letterhead?: { readonly lines: readonly string[]; readonly logo?: Uint8Array | null } | null;
  /** A warning printed at the top of every page, in red (a confidential price list). */
  readonly mark?: string | null;
}

const MARGIN = 42;
const ROW = 14;
const SIZE = 8.5;
const INK = '#1a1a1a';
const MUTED = '#666666';
const ACCENT = '#0b5394';
const STRIPE = '#f2f5f9';

/**
 * A report laid out by hand on top of pdfkit: a title block, tables whose header
 * row repeats on every page, category headings that never sit alone at the foot
 * of a page, and "Page x of y" footers added once all pages exist.
 */
export class PdfReport {
  private readonly doc: PDFKit.PDFDocument;
  private y: number;
  private columns: readonly PdfColumn[] = [];
  private striped = false;
  /** The heading whose rows are being drawn: said again, "(continued)", at the top of a new page. */
  private heading_: string | null = null;
  /** The font size of the table being drawn: smaller than SIZE only when its columns could not fit otherwise. */
  private tableSize = SIZE;

  private get rowHeight(): number {
    return (ROW * this.tableSize) / SIZE;
  }

  constructor(
    private readonly options: ReportOptions,
    private readonly out: Writable,
  ) {
    this.doc = new PDFDocument({
      size: options.paper === 'letter' ? 'LETTER' : 'A4',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      bufferPages: true,
      autoFirstPage: true,
      info: {
        Title: options.title,
        Subject: options.subject,
        Author: options.author,
        ...(options.keywords ? { Keywords: options.keywords } : {}),
        Creator: 'hwaas',
        Producer: 'hwaas',
        CreationDate: options.date,
        ModDate: options.date,
      },
    });
    this.doc.pipe(out);
    this.doc.font(FONT).fillColor(INK);
    let top = MARGIN;
    if (options.mark) top += 14;
    // The issuer's letterhead, top right: its logo, then its lines.
    let below = top;
    const head = options.letterhead;
    if (head) {
      if (head.logo) {
        this.doc.image(Buffer.from(head.logo), this.right - 140, top, { fit: [140, 44], align: 'right' });
        below = top + 48;
      }
      head.lines.forEach((line, index) => {
        this.setFont(index === 0, index === 0 ? 9 : 8);
        this.doc.fillColor(index === 0 ? INK : MUTED);
        const text = this.fit(line, 230);
        this.print(text, this.right - this.width(text), below);
        below += index === 0 ? 12 : 10.5;
      });
    }
    // Beside a letterhead the title has what is left of the line: its type is made smaller before it is cut.
    const room = head ? this.contentWidth - 240 : this.contentWidth;
    let size = 16;
    this.setFont(true, size);
    while (size > 11 && this.width(options.title) > room) this.setFont(true, --size);
    this.doc.fillColor(ACCENT);
    this.print(this.fit(options.title, room), MARGIN, top);
    this.y = Math.max(top + 26, below + 8);
    for (const line of options.intro) this.paragraph(line, { size: 9, colour: INK });
    this.y += 6;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN - 18 - (this.options.footerNote ? 11 : 0); // room for the footer
  }

  private get right(): number {
    return this.doc.page.width - MARGIN;
  }

  /** The style set by setFont(); width() and print() use it. */
  private fontKey = '';
  private bold = false;
  private size = SIZE;
  private readonly widths = new Map<string, number>();

  /** The font pdfkit draws in now: switched only when a run needs another. */
  private current = '';

  private setFont(bold: boolean, size: number): void {
    this.fontKey = `${bold ? 'b' : 'r'}${size}`;
    this.bold = bold;
    this.size = size;
    this.use(bold ? FONT_BOLD : FONT);
  }

  private use(font: string): void {
    this.doc.font(font).fontSize(this.size);
    this.current = font;
  }

  /** Text width in the current style (each run in its font), remembered: price lists repeat the same amounts and words. */
  private width(text: string): number {
    const key = `${this.fontKey}|${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      const runs = fontRuns(text, this.bold);
      width = 0;
      for (const run of runs) {
        if (run.font !== this.current) this.use(run.font);
        width += this.doc.widthOfString(run.text);
      }
      this.widths.set(key, width);
    }
    return width;
  }

  /** Draws one line of text at (x, y) in the current style and colour, each run in the font that has its characters. */
  private print(text: string, x: number, y: number): void {
    const runs = fontRuns(text, this.bold);
    let left = x;
    for (const run of runs) {
      if (run.font !== this.current) this.use(run.font);
      this.doc.text(run.text, left, y, { lineBreak: false });
      if (runs.length > 1) left += this.doc.widthOfString(run.text);
    }
  }

  /** Cuts text to the width with an ellipsis. */
  private fit(text: string, width: number): string {
    if (this.width(text) <= width) return text;
    // Cut between characters, never inside one (a character beyond U+FFFF is two UTF-16 units).
    const chars = Array.from(text);
    let low = 0;
    let high = chars.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (this.width(`${chars.slice(0, mid).join('')}…`) <= width) low = mid;
      else high = mid - 1;
    }
    return `${chars.slice(0, low).join('')}…`;
  }

  /** Splits text into at most `max` lines that fit the width, by words; the last line is cut if it must be. */
  private lines(text: string, width: number, max: number): string[] {
    if (this.width(text) <= width) return [text];
    const out: string[] = [];
    let rest = text;
    while (rest && out.length < max - 1) {
      const words = rest.split(' ');
      let line = words[0]!;
      let used = 1;
      while (used < words.length && this.width(`${line} ${words[used]}`) <= width) line += ` ${words[used++]}`;
      out.push(this.fit(line, width));
      rest = words.slice(used).join(' ');
    }
    if (rest) out.push(this.fit(rest, width));
    return out;
  }

  /** Where each cell's lines go; measured once per row. */
  private layout(values: readonly string[], bold: boolean, wrapAll = false): { texts: string[][]; lines: number } {
    this.setFont(bold, this.tableSize);
    let lines = 1;
    const texts = values.map((value, index) => {
      const column = this.columns[index]!;
      const inner = column.width - 6;
      const cell = column.wrap ? this.lines(value, inner, WRAP_LINES) : wrapAll ? this.lines(value, inner, 2) : [value];
      lines = Math.max(lines, cell.length);
      return cell;
    });
    return { texts, lines };
  }

  private draw(texts: readonly (readonly string[])[], bold: boolean, colour: string): void {
    this.setFont(bold, this.tableSize);
    this.doc.fillColor(colour);
    let x = MARGIN;
    texts.forEach((cell, index) => {
      const column = this.columns[index]!;
      const inner = column.width - 6;
      cell.forEach((text, line) => {
        // No width option: pdfkit's line wrapper is what makes big tables slow.
        const left = column.align === 'right' ? x + 3 + inner - this.width(text) : x + 3;
        this.print(text, left, this.y + 3 + line * (this.tableSize + 2));
      });
      x += column.width;
    });
  }

  /** The header row: a head that does not fit its column goes on two lines. */
  private tableHeader(): void {
    const width = this.columns.reduce((sum, c) => sum + c.width, 0);
    const { texts, lines } = this.layout(
      this.columns.map((c) => c.header),
      true,
      true,
    );
    const height = this.rowHeight + 2 + (lines - 1) * (this.tableSize + 2);
    this.doc.rect(MARGIN, this.y, width, height).fill(ACCENT);
    this.draw(texts, true, '#ffffff');
    this.y += height;
    this.striped = false;
  }

  private newPage(): void {
    this.doc.addPage();
    this.y = MARGIN + (this.options.mark ? 10 : 0);
    this.setFont(false, 8);
    this.doc.fillColor(MUTED);
    this.print(this.options.title, MARGIN, this.y);
    this.y += 16;
    if (this.columns.length) this.tableHeader();
    if (this.columns.length && this.heading_ !== null) this.drawHeading(`${this.heading_} (continued)`);
  }

  private ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  /**
   * Starts a table; its header row repeats at the top of every page from here on. `rows`
   * are the values it will show, measured first: a column that does not wrap grows to its
   * widest value (a document never shortens a number or an identifier), taking the width
   * from the text columns; if even that is not enough, the table's type is made smaller.
   */
  table(columns: readonly PdfColumn[], rows: readonly (readonly string[])[] = []): void {
    this.columns = this.fitted(columns, rows);
    this.ensure(this.rowHeight * 3);
    this.tableHeader();
  }

  private fitted(columns: readonly PdfColumn[], rows: readonly (readonly string[])[]): PdfColumn[] {
    this.tableSize = SIZE;
    // Measured in bold, the wider: a total row may be bold.
    this.setFont(true, SIZE);
    const longestWord = (text: string) => Math.max(...text.split(' ').map((w) => this.width(w)));
    const needed = columns.map((column, i) => {
      if (column.wrap) return column.width;
      let widest = longestWord(column.header);
      for (const row of rows) widest = Math.max(widest, this.width(row[i] ?? ''));
      return Math.max(column.width, Math.ceil(widest) + 6);
    });
    let excess = needed.reduce((a, b) => a + b, 0) - columns.reduce((a, c) => a + c.width, 0);
    const widths = [...needed];
    for (let i = 0; i < columns.length && excess > 0; i++) {
      if (!columns[i]!.wrap) continue;
      const give = Math.min(excess, Math.max(0, widths[i]! - MIN_WRAP_WIDTH));
      widths[i]! -= give;
      excess -= give;
    }
    const total = widths.reduce((a, b) => a + b, 0);
    const room = Math.max(
      this.contentWidth,
      columns.reduce((a, c) => a + c.width, 0),
    );
    if (total > room) {
      // Smaller type, the same proportions: every value still shown whole.
      const scale = room / total;
      this.tableSize = Math.max(MIN_SIZE, SIZE * scale);
      return columns.map((column, i) => ({ ...column, width: widths[i]! * scale }));
    }
    return columns.map((column, i) => ({ ...column, width: widths[i]! }));
  }

  endTable(): void {
    this.columns = [];
    this.heading_ = null;
    this.tableSize = SIZE;
    this.y += 6;
  }

  /** A heading inside a table, kept with at least two rows below it, and repeated on the next page while its rows go on. */
  heading(text: string): void {
    this.heading_ = null;
    this.ensure(this.rowHeight * 3 + 4);
    this.drawHeading(text);
    this.heading_ = text;
  }

  private drawHeading(text: string): void {
    this.setFont(true, 9.5);
    this.doc.fillColor(ACCENT);
    this.print(text, MARGIN, this.y + 5);
    this.y += ROW + 5;
    this.striped = false;
  }

  row(values: readonly string[], options: { bold?: boolean } = {}): void {
    const bold = options.bold === true;
    const { texts, lines } = this.layout(values, bold);
    const height = this.rowHeight + (lines - 1) * (this.tableSize + 2);
    this.ensure(height);
    if (this.striped) {
      const width = this.columns.reduce((sum, c) => sum + c.width, 0);
      this.doc.rect(MARGIN, this.y, width, height).fill(STRIPE);
    }
    this.striped = !this.striped;
    this.draw(texts, bold, INK);
    this.y += height;
  }

  /** A line of text, right-aligned or not, e.g. a total. */
  line(text: string, options: { bold?: boolean; align?: 'left' | 'right'; size?: number; colour?: string } = {}): void {
    const size = options.size ?? 9;
    this.ensure(size + 6);
    this.setFont(options.bold === true, size);
    this.doc.fillColor(options.colour ?? INK);
    const x = options.align === 'right' ? this.right - this.width(text) : MARGIN;
    this.print(text, x, this.y);
    this.y += size + 5;
  }

  /** A wrapped paragraph (footnotes); short documents only, wrapping is slow. */
  paragraph(text: string, options: { size?: number; colour?: string } = {}): void {
    const size = options.size ?? 8;
    this.setFont(false, size);
    this.doc.fillColor(options.colour ?? MUTED);
    const width = this.right - MARGIN;
    if (fontRuns(text, false).length === 1 && fontRuns(text, false)[0]!.font === FONT) {
      const height = this.doc.heightOfString(text, { width });
      this.ensure(height + 4);
      this.doc.text(text, MARGIN, this.y, { width });
      this.y += height + 4;
      return;
    }
    // Text in more than one font: wrapped by words here, each line drawn in runs.
    for (const line of this.lines(text, width, Number.MAX_SAFE_INTEGER)) {
      this.ensure(size + 4);
      this.print(line, MARGIN, this.y);
      this.y += size + 3;
    }
    this.y += 1;
  }

  space(points: number): void {
    this.y += points;
  }

  /** Adds the footers and writes the document out. */
  async finish(): Promise<void> {
    const range = this.doc.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      this.doc.switchToPage(index);
      const y = this.doc.page.height - MARGIN + 4;
      const savedBottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0; // writing below the margin must not add a page
      this.setFont(false, 7.5);
      this.doc.fillColor(MUTED);
      const rule = y - 6 - (this.options.footerNote ? 11 : 0);
      this.doc.moveTo(MARGIN, rule).lineTo(this.right, rule).lineWidth(0.5).strokeColor('#cccccc').stroke();
      this.print(this.fit(this.options.footer, this.contentWidth - 80), MARGIN, y);
      if (this.options.footerNote) this.print(this.fit(this.options.footerNote, this.contentWidth), MARGIN, y - 10);
      if (this.options.mark) {
        this.setFont(true, 8.5);
        this.doc.fillColor('#b00020');
        this.print(this.fit(this.options.mark, this.contentWidth), MARGIN, MARGIN - 6);
        this.setFont(false, 7.5);
        this.doc.fillColor(MUTED);
      }
      const page = `Page ${index - range.start + 1} of ${range.count}`;
      this.print(page, this.right - this.width(page), y);
      this.doc.page.margins.bottom = savedBottom;
    }
    const written = finished(this.out);
    this.doc.end(); // pdfkit ends the piped stream once everything is out
    await written;
  }

  get contentWidth(): number {
    return this.doc.page.width - 2 * MARGIN;
  }
}
