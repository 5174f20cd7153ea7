import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/**
 * Reading parts out of a zip file (an XLSX workbook is one), with what they unpack to
 * counted as it comes out: a few megabytes of zip can unpack to gigabytes, so every
 * byte inflated is charged to a budget that refuses past its bound. Only the parts
 * asked for are inflated.
 */

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  /** Where the entry's data starts in the file. */
  readonly dataOffset: number;
}

/** The file is not a zip hwaas can read: the reason, in words. */
export class ZipUnreadable extends Error {}

/** A limit on what a file may unpack to was crossed: the sentence after the file's name. */
export class UnpackLimit extends Error {}

/** Bytes unpacked so far, against a bound. */
export class UnpackBudget {
  private used = 0;
  constructor(
    private readonly bound: number,
    private readonly what: string,
  ) {}

  charge(bytes: number): void {
    this.used += bytes;
    if (this.used > this.bound) throw new UnpackLimit(`unpacks to more than ${this.bound / 1024 / 1024} MB, more than hwaas reads from ${this.what}`);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Where a zip's bytes are: a file read by position, or bytes in memory (an upload). */
interface Bytes {
  read(into: Buffer, length: number, position: number): Promise<void>;
  stream(start: number, end: number): Readable;
  close(): Promise<void>;
}

async function fileBytes(path: string): Promise<Bytes> {
  const handle = await open(path, 'r');
  return {
    read: async (into, length, position) => {
      await handle.read(into, 0, length, position);
    },
    stream: (start, end) => createReadStream(path, { start, end }),
    close: () => handle.close(),
  };
}

function memoryBytes(content: Uint8Array): Bytes {
  const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  return {
    read: async (into, length, position) => {
      buffer.copy(into, 0, position, position + length);
    },
    stream: (start, end) => Readable.from([buffer.subarray(start, end + 1)]),
    close: async () => {},
  };
}

export class ZipArchive {
  private constructor(
    private readonly source: Bytes,
    private readonly entries: ReadonlyMap<string, ZipEntry>,
  ) {}

  /** The archive's table of contents, from the central directory at its end; at most `maxEntries`. A file (by path) or bytes in memory. */
  static async open(where: string | Uint8Array, size: number, maxEntries: number): Promise<ZipArchive> {
    const handle = typeof where === 'string' ? await fileBytes(where) : memoryBytes(where);
    try {
      const tailSize = Math.min(size, 65_535 + 22);
      const tail = Buffer.alloc(tailSize);
      await handle.read(tail, tailSize, size - tailSize);
      let at = -1;
      for (let i = tailSize - 22; i >= 0; i--) {
        if (tail.readUInt32LE(i) === EOCD) {
          at = i;
          break;
        }
      }
      if (at < 0) throw new ZipUnreadable('no zip directory at its end');
      const count = tail.readUInt16LE(at + 10);
      const directorySize = tail.readUInt32LE(at + 12);
      const directoryOffset = tail.readUInt32LE(at + 16);
      if (count === 0xffff || directoryOffset === 0xffffffff) throw new ZipUnreadable('a ZIP64 archive, larger than a workbook hwaas imports');
      if (count > maxEntries) throw new UnpackLimit(`has ${count.toLocaleString('en')} parts; hwaas reads workbooks of at most ${maxEntries.toLocaleString('en')}`);
      if (directoryOffset + directorySize > size) throw new ZipUnreadable('its zip directory points past its end');
      // A directory entry is 46 bytes and a name, and names of a workbook's parts are short: what it claims is bounded before it is read.
      if (directorySize > count * (46 + 1024) + 22) throw new ZipUnreadable(`its zip directory claims ${directorySize.toLocaleString('en')} bytes for ${count.toLocaleString('en')} parts`);
      const directory = Buffer.alloc(directorySize);
      await handle.read(directory, directorySize, directoryOffset);
      const entries = new Map<string, ZipEntry>();
      const local = Buffer.alloc(30);
      let p = 0;
      for (let n = 0; n < count; n++) {
        if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL) throw new ZipUnreadable('its zip directory is damaged');
        const method = directory.readUInt16LE(p + 10);
        const compressedSize = directory.readUInt32LE(p + 20);
        const uncompressedSize = directory.readUInt32LE(p + 24);
        const nameLength = directory.readUInt16LE(p + 28);
        const extraLength = directory.readUInt16LE(p + 30);
        const commentLength = directory.readUInt16LE(p + 32);
        const header = directory.readUInt32LE(p + 42);
        const name = directory.toString('utf8', p + 46, p + 46 + nameLength);
        p += 46 + nameLength + extraLength + commentLength;
        await handle.read(local, 30, header);
        if (local.readUInt32LE(0) !== LOCAL) throw new ZipUnreadable(`its part ${name} is damaged`);
        const dataOffset = header + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
        if (dataOffset + compressedSize > size) throw new ZipUnreadable(`its part ${name} runs past the end of the file`);
        if (compressedSize === 0 && uncompressedSize !== 0) throw new ZipUnreadable(`its part ${name} says it holds ${uncompressedSize.toLocaleString('en')} bytes in none`);
        entries.set(name, { name, method, compressedSize, dataOffset });
      }
      return new ZipArchive(handle, entries);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Lets go of the file (an archive of bytes in memory holds nothing). */
  close(): Promise<void> {
    return this.source.close();
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** A part's bytes as they unpack, each chunk charged to `budget`; a missing part is an unreadable file. */
  async *read(name: string, budget: UnpackBudget, onCompressedBytes?: (bytes: number) => void): AsyncGenerator<Buffer> {
    const entry = this.entries.get(name);
    if (!entry) throw new ZipUnreadable(`it has no part ${name}`);
    if (entry.compressedSize === 0) return;
    if (entry.method !== 0 && entry.method !== 8) throw new ZipUnreadable(`its part ${name} is compressed in a way spreadsheets do not write (method ${entry.method})`);
    const raw = this.source.stream(entry.dataOffset, entry.dataOffset + entry.compressedSize - 1);
    const source = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    raw.on('error', (error) => source.destroy(error));
    if (onCompressedBytes) raw.on('data', (chunk) => onCompressedBytes(chunk.length));
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        budget.charge(chunk.length);
        yield chunk;
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) throw new ZipUnreadable(`its part ${name} does not unpack`);
      throw error;
    } finally {
      raw.destroy();
      source.destroy();
    }
  }
}
