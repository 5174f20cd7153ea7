import { writeFileSync } from 'node:fs';
import { constants, crc32, deflateRawSync } from 'node:zlib';

/**
 * Hand-made XLSX files for the attacks on the reader: a part may repeat one chunk
 * millions of times, compressed once and repeated (each copy a full-flush deflate
 * block that refers to nothing before it), so a zip of a few megabytes unpacks to
 * gigabytes without the test spending time or memory making it.
 */
export interface Part {
  readonly name: string;
  readonly head?: string;
  /** A chunk repeated `times` times between head and tail. */
  readonly repeat?: { readonly chunk: string; readonly times: number };
  readonly tail?: string;
}

export function writeZip(path: string, parts: readonly Part[]): number {
  const files: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const head = Buffer.from(part.head ?? '');
    const tail = Buffer.from(part.tail ?? '');
    const pieces: Buffer[] = [];
    let crc = crc32(head);
    let size = head.length;
    pieces.push(deflateRawSync(head, { finishFlush: constants.Z_FULL_FLUSH }));
    if (part.repeat) {
      const chunk = Buffer.from(part.repeat.chunk);
      const packed = deflateRawSync(chunk, { finishFlush: constants.Z_FULL_FLUSH });
      for (let i = 0; i < part.repeat.times; i++) {
        pieces.push(packed);
        crc = crc32(chunk, crc);
      }
      size += chunk.length * part.repeat.times;
    }
    pieces.push(deflateRawSync(tail));
    crc = crc32(tail, crc);
    size += tail.length;
    const data = Buffer.concat(pieces);
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    files.push(local, name, data);
    directory.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  const zip = Buffer.concat([...files, dir, end]);
  writeFileSync(path, zip);
  return zip.length;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The parts every workbook has, around a sheet and its shared strings. */
export function workbookParts(sheet: Part, strings: Part = { name: 'xl/sharedStrings.xml', head: `<sst ${NS}>`, tail: '</sst>' }, extra: readonly Part[] = []): Part[] {
  return [
    {
      name: '[Content_Types].xml',
      head: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    },
    {
      name: '_rels/.rels',
      head: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    },
    { name: 'xl/workbook.xml', head: `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    {
      name: 'xl/_rels/workbook.xml.rels',
      head: '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    },
    { ...sheet, name: 'xl/worksheets/sheet1.xml', head: `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${sheet.head ?? ''}`, tail: `${sheet.tail ?? ''}</sheetData></worksheet>` },
    strings,
    ...extra,
  ];
}

/** A row of inline strings: `<row r="N">` with one cell per value, from column A. */
export const inlineRow = (row: number, values: readonly string[]): string =>
  `<row r="${row}">${values.map((v, i) => `<c r="${String.fromCharCode(65 + i)}${row}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;
