/**
 * The small streaming XML scanner the XLSX reader needs: element starts (with their
 * attributes as one string, read on demand), ends and text, fed a chunk at a time, with
 * nothing held but an unfinished tag or text run. Names lose their namespace prefix.
 * A document type declaration is refused (it could define entities that expand without
 * bound); comments and processing instructions are skipped.
 */

export interface XmlHandler {
  open(name: string, attributes: string, selfClosing: boolean): void;
  close(name: string): void;
  text(text: string): void;
}

export class XmlRefused extends Error {}

const ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML's escapes undone: `&amp;` → `&`, `&#233;` → `é`. */
export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (named) return NAMED[named]!;
    const code = dec !== undefined ? Number(dec) : Number.parseInt(hex!, 16);
    // A lone surrogate is no character: it reads as U+FFFD (and the same every time the file is read).
    if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/**
 * One attribute's value, unescaped, or undefined: `name="…"` or `name='…'`, with spaces
 * around `=` as XML allows, with or without a namespace prefix (`r:id` when asked for `id`).
 */
export function attribute(attributes: string, name: string): string | undefined {
  const n = attributes.length;
  let i = 0;
  for (;;) {
    while (i < n && isSpace(attributes.charCodeAt(i))) i++;
    if (i >= n) return undefined;
    const start = i;
    while (i < n && attributes.charCodeAt(i) !== 0x3d /* = */ && !isSpace(attributes.charCodeAt(i))) i++;
    const key = attributes.slice(start, i);
    while (i < n && isSpace(attributes.charCodeAt(i))) i++;
    if (attributes.charCodeAt(i) !== 0x3d) {
      // A name without a value is not XML: skip it.
      if (i === start) i++;
      continue;
    }
    i++;
    while (i < n && isSpace(attributes.charCodeAt(i))) i++;
    const quote = attributes.charCodeAt(i);
    if (quote !== 0x22 && quote !== 0x27) return undefined;
    const end = attributes.indexOf(quote === 0x22 ? '"' : "'", i + 1);
    if (end < 0) return undefined;
    if (localName(key) === name) return unescapeXml(attributes.slice(i + 1, end));
    i = end + 1;
  }
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

export class XmlScanner {
  private buffer = '';
  /** How far into the buffer's unfinished construct (a tag, a comment, CDATA) has been searched for its end: each chunk is searched once. */
  private searched = 0;
  private quote = 0;

  constructor(
    private readonly handler: XmlHandler,
    /** A tag, comment or CDATA section longer than this is refused rather than held. */
    private readonly maxRun: number,
  ) {}

  push(text: string): void {
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    this.drain();
    if (this.buffer.length > this.maxRun) throw new XmlRefused(`a value or tag of more than ${this.maxRun.toLocaleString('en')} characters`);
  }

  end(): void {
    this.drain();
    if (this.buffer.trim().length > 0) throw new XmlRefused('it ends in the middle of a tag');
  }

  private drain(): void {
    const b = this.buffer;
    const { handler } = this;
    let i = 0;
    for (;;) {
      const lt = b.indexOf('<', i);
      if (lt < 0) {
        // Text up to the end, handed on now (a handler joins what it reads in pieces), but
        // for an entity that the next chunk may finish (at most 10 characters: &#x10FFFF;).
        const amp = b.lastIndexOf('&');
        const keep = amp >= i && b.length - amp < 10 && b.indexOf(';', amp) < 0 ? amp : b.length;
        if (keep > i) handler.text(unescapeXml(b.slice(i, keep)));
        i = keep;
        break;
      }
      if (lt > i) handler.text(unescapeXml(b.slice(i, lt)));
      i = lt;
      // Where the search for this construct's end resumes: it began in an earlier chunk.
      const from = lt === 0 && this.searched > 0 ? this.searched : 0;
      const next = b.charCodeAt(lt + 1);
      if (next === 0x21 /* ! */) {
        if (b.startsWith('<!--', lt)) {
          const end = b.indexOf('-->', Math.max(lt + 4, from - 2));
          if (end < 0) {
            this.searched = b.length - lt;
            break;
          }
          i = end + 3;
          this.searched = 0;
          continue;
        }
        if (b.startsWith('<![CDATA[', lt)) {
          const end = b.indexOf(']]>', Math.max(lt + 9, from - 2));
          if (end < 0) {
            this.searched = b.length - lt;
            break;
          }
          handler.text(b.slice(lt + 9, end));
          i = end + 3;
          this.searched = 0;
          continue;
        }
        if (lt + 9 > b.length) break;
        throw new XmlRefused('it declares a document type, which a workbook never does');
      }
      if (next === 0x3f /* ? */) {
        const end = b.indexOf('?>', Math.max(lt + 2, from - 1));
        if (end < 0) {
          this.searched = b.length - lt;
          break;
        }
        i = end + 2;
        this.searched = 0;
        continue;
      }
      // The tag's end: the first '>' outside quotes.
      let end = -1;
      let quote = from > 0 ? this.quote : 0;
      let k = from > 0 ? lt + from : lt + 1;
      for (; k < b.length; k++) {
        const c = b.charCodeAt(k);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e) {
          end = k;
          break;
        }
      }
      if (end < 0) {
        this.searched = k - lt;
        this.quote = quote;
        break;
      }
      this.searched = 0;
      this.quote = 0;
      if (next === 0x2f /* / */) {
        handler.close(localName(b.slice(lt + 2, end).trim()));
      } else {
        const selfClosing = b.charCodeAt(end - 1) === 0x2f;
        const inner = b.slice(lt + 1, selfClosing ? end - 1 : end);
        const space = inner.search(/[\s]/);
        const name = localName(space < 0 ? inner : inner.slice(0, space));
        handler.open(name, space < 0 ? '' : inner.slice(space), selfClosing);
        if (selfClosing) handler.close(name);
      }
      i = end + 1;
    }
    this.buffer = i === 0 ? b : b.slice(i);
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}
