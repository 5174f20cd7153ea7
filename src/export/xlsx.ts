import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { COST_MARK, type Pricelist, SAMPLE_NOTE, pricelistKindMarker, pricelistTitle } from '../domain/catalog/pricelist.js';
import { pricelistTable } from './pricelistTable.js';
import { formatDate } from '../terms/dates.js';
import { type Currency, currencySymbol } from '../terms/money.js';
import { utcDate } from './documentDate.js';

const HEADERS: Readonly<Record<string, string>> = {
  sku: 'SKU',
  name: 'Product',
  category: 'Category',
  monthly: 'Monthly',
  yearly: 'Yearly',
  'five-year': 'Five years',
  yearlyPerMonth: 'Yearly, per month',
  fiveYearPerMonth: 'Five years, per month',
  price: 'Price',
};

/**
 * Every font names its face: a spreadsheet program draws a font without a name in its own
 * default (LibreOffice: a serif). The workbook's default font (data cells) is a named Calibri;
 * the title and header rows name theirs too.
 */
const FONT = 'Calibri';

/** Text a sheet's XML can hold: characters XML forbids (U+FFFE, U+FFFF, most controls, a lone surrogate) become U+FFFD. */
const xmlText = (text: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 cannot hold
  text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

export const currencyFormat = (currency: Currency): string => `"${currencySymbol(currency)}"#,##0.00`;

/** An exact minor-unit amount as the number a spreadsheet cell holds (the conversion happens only here). */
const cellAmount = (minor: bigint): number => Number(minor) / 100;

/**
 * The price list as a real spreadsheet, written with exceljs's streaming writer so
 * 50,000 rows stay fast and small in memory: numeric amount cells with currency
 * formats, a frozen header, an autofilter, fitted columns and document properties.
 * Text cells are always strings, never formulas, so "=…" in a name is inert.
 */
export async function writePricelistXlsx(list: Pricelist, out: Writable, onProgress?: (done: number, total: number) => void, issuer: string | null = null): Promise<void> {
  const table = pricelistTable(list);
  const title = pricelistTitle(list);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const date = utcDate(list.date);
  Object.assign(workbook, {
    creator: 'hwaas',
    lastModifiedBy: 'hwaas',
    created: date,
    modified: date,
    title,
    subject: `${list.resale ? 'Price list' : `${list.type === 'opex' ? 'OpEx' : 'CapEx'} cost price list`} in ${list.currency}, ${formatDate(list.date)}`,
    company: list.resale ? (issuer ?? list.partner?.name ?? '') : 'Wildix',
    keywords: `${pricelistKindMarker(list.resale)}${list.samplePrices ? ', sample prices' : ''}`,
  });

  const intro = [
    list.resale && issuer ? `${title}: ${xmlText(issuer)}` : title,
    ...(list.resale ? [] : [COST_MARK]),
    `Currency: ${list.currency}. Prices in force on ${formatDate(list.date)}${list.resale ? ', excluding VAT' : ` (the ${list.tier} price book valid from ${formatDate(list.validFrom)})`}.${list.partner && !list.resale ? ` The prices ${xmlText(list.partner.name)} pays Wildix.` : ''}`,
    ...(list.samplePrices ? [SAMPLE_NOTE] : []),
  ];
  const headerRow = intro.length + 2;
  const lastColumn = String.fromCharCode(64 + table.header.length);
  const sheet = workbook.addWorksheet(list.resale ? `Price list ${list.currency}` : `Cost ${list.type === 'opex' ? 'OpEx' : 'CapEx'} ${list.currency} CONFIDENTIAL`, {
    views: [{ state: 'frozen', ySplit: headerRow, xSplit: 0, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
    // Printed: landscape, one page wide (as many pages long as it takes), the header row on every page.
    pageSetup: {
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: list.resale
      ? { oddFooter: `&L&8&"Arial"${title.replace(/&/g, '&&')}${issuer ? `, ${xmlText(issuer).replace(/&/g, '&&')}` : ''}&R&8&"Arial"Page &P of &N` }
      : { oddHeader: `&C&8&"Arial,Bold"&KB00020${COST_MARK}`, oddFooter: `&L&8&"Arial"${title.replace(/&/g, '&&')} · CONFIDENTIAL cost prices&R&8&"Arial"Page &P of &N` },
  });
  sheet.autoFilter = `A${headerRow}:${lastColumn}${headerRow}`;

  // Column widths must be known before the first row is committed: fit them to the content.
  const amounts = new Set(table.amountColumns);
  const widths = table.header.map((key, index) => {
    let longest = HEADERS[key]!.length;
    for (const row of table.rows) {
      const value = row[index]!;
      const length = typeof value === 'bigint' ? value.toString().length + 4 : value.length;
      if (length > longest) longest = length;
    }
    return Math.min(60, longest + 2);
  });
  // The font on each column: every cell takes it (cheaper than a style per row for 50,000 rows).
  sheet.columns = table.header.map((key, index) => ({ key, width: widths[index]! }));

  intro.forEach((text, index) => {
    const row = sheet.addRow([xmlText(text)]);
    row.font =
      index === 0
        ? { name: FONT, bold: true, size: 14 }
        : !list.resale && index === 1
          ? { name: FONT, bold: true, size: 11, color: { argb: 'FFB00020' } }
          : { name: FONT, italic: index === intro.length - 1 && list.samplePrices, size: 10 };
    row.commit();
  });
  sheet.addRow([]).commit();
  const header = sheet.addRow(table.header.map((key) => HEADERS[key]!));
  header.font = { name: FONT, size: 10, bold: true, color: { argb: 'FFFFFFFF' } };
  header.eachCell((cell, column) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF0B5394' } };
    // A header sits over its values: amounts are right-aligned, so are their heads.
    cell.alignment = { horizontal: amounts.has(column - 1) ? 'right' : 'left', vertical: 'middle', wrapText: true };
  });
  header.commit();

  // Data cells keep the workbook's default font (a named Calibri): a font per cell would double the time of 50,000 rows.
  const numFmt = currencyFormat(list.currency);
  table.rows.forEach((values, rowIndex) => {
    const row = sheet.addRow(values.map((value) => (typeof value === 'bigint' ? cellAmount(value) : xmlText(value))));
    for (const column of amounts) row.getCell(column + 1).numFmt = numFmt;
    row.commit();
    if ((rowIndex + 1) % 1000 === 0 || rowIndex + 1 === table.rows.length) onProgress?.(rowIndex + 1, table.rows.length);
  });
  sheet.commit();
  await workbook.commit();
}
