import PDFDocument from 'pdfkit';

/** The largest logo kept: a letterhead needs no more, and it travels with every document. */
export const MAX_LOGO_BYTES = 512 * 1024;

/**
 * A logo for a letterhead: PNG or JPEG by its bytes (whatever its name says), that the PDF
 * writer can draw (it is decoded here once, so a damaged file is refused when it is set,
 * never when a document is issued). Returns its type, or why not, in a sentence.
 */
export function checkLogo(bytes: Uint8Array): { mediaType: 'image/png' | 'image/jpeg' } | { problem: string } {
  if (bytes.length === 0) return { problem: 'the file is empty' };
  if (bytes.length > MAX_LOGO_BYTES) return { problem: `the file has ${bytes.length.toLocaleString('en')} bytes; a logo has at most ${MAX_LOGO_BYTES.toLocaleString('en')}` };
  const png = bytes.length > 8 && Buffer.from(bytes.subarray(0, 8)).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!png && !jpeg) return { problem: 'it is not a PNG or JPEG image' };
  try {
    // Drawn once on a page of a document that is thrown away: what cannot be drawn is refused now.
    const doc = new PDFDocument({ autoFirstPage: true }) as PDFKit.PDFDocument & { openImage(src: Buffer): { width?: number; height?: number } };
    const image = doc.openImage(Buffer.from(bytes));
    if (!image.width || !image.height || image.width > 10_000 || image.height > 10_000) return { problem: 'the image has no usable size (at most 10,000 pixels a side)' };
    doc.image(Buffer.from(bytes), 0, 0, { fit: [140, 44] });
  } catch (error) {
    return { problem: `the ${png ? 'PNG' : 'JPEG'} image cannot be read (${(error as Error).message.slice(0, 80)})` };
  }
  return { mediaType: png ? 'image/png' : 'image/jpeg' };
}
