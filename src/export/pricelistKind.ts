import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { pricelistKindMarker } from '../domain/catalog/pricelist.js';
import { UnpackBudget, ZipArchive } from '../import/zip.js';

/**
 * Which kind of price list a file already is, `resale` or `cost`, or null when it is none
 * hwaas can tell: a PDF and an XLSX by the marker hwaas writes into their metadata, a
 * CSV (which has no metadata) by the default name hwaas gives it.
 */
export async function pricelistKindOf(path: string): Promise<'resale' | 'cost' | null> {
  if (!existsSync(path)) return null;
  const info = statSync(path);
  if (!info.isFile() || info.size > 64 * 1024 * 1024) return null;
  const resale = pricelistKindMarker(true);
  const cost = pricelistKindMarker(false);
  const head = readFileSync(path).subarray(0, 4);
  if (head.toString('latin1') === '%PDF') {
    const text = readFileSync(path).toString('latin1');
    return text.includes(`(${resale})`) ? 'resale' : text.includes(`(${cost})`) ? 'cost' : null;
  }
  if (head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    try {
      const zip = await ZipArchive.open(path, info.size, 10_000);
      const chunks: Buffer[] = [];
      for await (const chunk of zip.read('docProps/core.xml', new UnpackBudget(1024 * 1024, 'the properties of a workbook'))) chunks.push(chunk);
      const xml = Buffer.concat(chunks).toString('utf8');
      return xml.includes(resale) ? 'resale' : xml.includes(cost) ? 'cost' : null;
    } catch {
      return null;
    }
  }
  const name = basename(path);
  if (!/^hwaas-pricelist-/.test(name)) return null;
  return /^hwaas-pricelist-resale-/.test(name) ? 'resale' : 'cost';
}
