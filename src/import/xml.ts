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
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** One attribute's value, unescaped, or undefined. Matches `name=` after a space, with or without a prefix (`r:id`). */
export function attribute(attributes: string, name: string): string | undefined {
  const at = attributes.indexOf(`${name}="`);
  if (at < 0) return undefined;
  const before = attributes[at - 1];
  if (before !== undefined && before !== ' ' && before !== '\t' && before !== '\n' && before !== '\r' && before !== ':') {
    // `sheetId="…"` when asked for `Id`: look further on.
    const rest = attributes.slice(at + 1);
    const later = attribute(rest, name);
    return later;
  }
  const start = at + name.length + 2;
  const end = attributes.indexOf('"', start);
  return end < 0 ? undefined : unescapeXml(attributes.slice(start, end));
}

export class XmlScanner {
  private buffer = '';

  constructor(
    private readonly handler: XmlHandler,
    /** A text run or tag longer than this is refused rather than held. */
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
        // for an entity that the next chunk may finish: nothing long is held.
        const amp = b.lastIndexOf('&');
        const keep = amp >= i && b.indexOf(';', amp) < 0 ? amp : b.length;
        if (keep > i) handler.text(unescapeXml(b.slice(i, keep)));
        i = keep;
        break;
      }
      if (lt > i) handler.text(unescapeXml(b.slice(i, lt)));
      i = lt;
      const next = b.charCodeAt(lt + 1);
      if (next === 0x21 /* ! */) {
        if (b.startsWith('<!--', lt)) {
          const end = b.indexOf('-->', lt + 4);
          if (end < 0) break;
          i = end + 3;
          continue;
        }
        if (b.startsWith('<![CDATA[', lt)) {
          const end = b.indexOf(']]>', lt + 9);
          if (end < 0) break;
          handler.text(b.slice(lt + 9, end));
          i = end + 3;
          continue;
        }
        if (lt + 9 > b.length) break;
        throw new XmlRefused('it declares a document type, which a workbook never does');
      }
      if (next === 0x3f /* ? */) {
        const end = b.indexOf('?>', lt + 2);
        if (end < 0) break;
        i = end + 2;
        continue;
      }
      // The tag's end: the first '>' outside quotes.
      let end = -1;
      let quote = 0;
      for (let k = lt + 1; k < b.length; k++) {
        const c = b.charCodeAt(k);
        if (quote !== 0) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e) {
          end = k;
          break;
        }
      }
      if (end < 0) break;
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
