import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

/** The largest logo kept: a letterhead needs no more, and it travels with every document. */
export const MAX_LOGO_BYTES = 512 * 1024;
/** Pixels a side, and decoded bytes in all: a logo is small; a file that inflates past this is refused (a "bomb"). */
const MAX_SIDE = 10_000;
const MAX_DECODED = 64 * 1024 * 1024;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Why a PNG cannot be drawn, or null: its chunks, its header, and its image data inflated to exactly the size the header says. */
function pngProblem(bytes: Buffer): string | null {
  let at = 8;
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colourType = -1;
  let interlace = 0;
  const data: Buffer[] = [];
  let ended = false;
  while (at + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > bytes.length) return 'the PNG is cut short';
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      if (length !== 13) return 'the PNG header is damaged';
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      bitDepth = body[8]!;
      colourType = body[9]!;
      interlace = body[12]!;
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    at += 12 + length;
  }
  if (colourType < 0) return 'the PNG has no header';
  if (!ended) return 'the PNG is cut short (no end)';
  if (width === 0 || height === 0 || width > MAX_SIDE || height > MAX_SIDE) return `the image is ${width} × ${height} pixels; a logo has at most ${MAX_SIDE.toLocaleString('en')} a side`;
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colourType];
  if (channels === undefined || ![1, 2, 4, 8, 16].includes(bitDepth)) return 'the PNG uses a colour type or depth that does not exist';
  if (data.length === 0) return 'the PNG has no image data';
  // Each row: a filter byte, then its pixels (an interlaced image is stored in seven passes of the same total at most).
  const rowBytes = Math.ceil((width * channels * bitDepth) / 8);
  const expected = height * (1 + rowBytes);
  if (expected > MAX_DECODED) return `the image would take ${Math.round(expected / 1e6)} MB decoded; a logo takes at most ${MAX_DECODED / 1024 / 1024} MB`;
  let inflated: Buffer;
  try {
    inflated = inflateSync(Buffer.concat(data), { maxOutputLength: expected + height * 7 + 1 });
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError
      ? `the PNG image data inflates past the ${width} × ${height} pixels its header says (a decompression bomb?)`
      : 'the PNG image data cannot be read (damaged or not compressed as PNG is)';
  }
  if (interlace === 0 ? inflated.length !== expected : inflated.length > expected + height * 7) return 'the PNG image data does not match its size';
  return null;
}

/** Why a JPEG cannot be drawn, or null: its markers up to a frame header with a size, then the scan and the end. */
function jpegProblem(bytes: Buffer): string | null {
  let at = 2;
  let sized = false;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return 'the JPEG is damaged (a marker is missing)';
    const marker = bytes[at + 1]!;
    if (marker === 0xd9) break;
    if (marker === 0xda) {
      // The scan: what follows is image data, up to the end marker.
      if (!sized) return 'the JPEG has no frame header before its image data';
      return bytes.lastIndexOf(Buffer.from([0xff, 0xd9])) > at ? null : 'the JPEG is cut short (no end)';
    }
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return 'the JPEG is cut short';
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 8) return 'the JPEG frame header is damaged';
      const height = bytes.readUInt16BE(at + 5);
      const width = bytes.readUInt16BE(at + 7);
      if (width === 0 || height === 0 || width > MAX_SIDE || height > MAX_SIDE) return `the image is ${width} × ${height} pixels; a logo has at most ${MAX_SIDE.toLocaleString('en')} a side`;
      sized = true;
    }
    at += 2 + length;
  }
  return 'the JPEG has no image data';
}

/**
 * A logo for a letterhead: PNG or JPEG by its bytes (whatever its name says), that the PDF
 * writer can draw: its structure is read and a PNG's image data inflated (bounded) here,
 * so that a damaged file is refused when it is set, never when a document is issued.
 * Returns its type, or why not, in a sentence.
 */
export function checkLogo(bytes: Uint8Array): { mediaType: 'image/png' | 'image/jpeg' } | { problem: string } {
  if (bytes.length === 0) return { problem: 'the file is empty' };
  if (bytes.length > MAX_LOGO_BYTES) return { problem: `the file has ${bytes.length.toLocaleString('en')} bytes; a logo has at most ${MAX_LOGO_BYTES.toLocaleString('en')}` };
  const buffer = Buffer.from(bytes);
  const png = buffer.length > 8 && buffer.subarray(0, 8).equals(PNG_MAGIC);
  const jpeg = buffer.length > 3 && buffer[0] === 0xff && buffer[1] === 0xd8 && buffer[2] === 0xff;
  if (!png && !jpeg) return { problem: 'it is not a PNG or JPEG image' };
  const problem = png ? pngProblem(buffer) : jpegProblem(buffer);
  if (problem) return { problem };
  try {
    // Drawn once on a page of a document that is thrown away: what pdfkit cannot place is refused now.
    const doc = new PDFDocument({ autoFirstPage: true });
    doc.image(buffer, 0, 0, { fit: [140, 44] });
  } catch (error) {
    return { problem: `the ${png ? 'PNG' : 'JPEG'} image cannot be read (${String(error instanceof Error ? error.message : error).slice(0, 80)})` };
  }
  return { mediaType: png ? 'image/png' : 'image/jpeg' };
}
