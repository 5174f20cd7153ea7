import { defineCommand, option } from '../../cli/command.js';
import { UsageError } from '../../errors.js';
import { printChanged } from './changed.js';

/** `SKU=SN` pairs from flags and from a file (one per line: `SKU,SN`, `SKU;SN`, `SKU SN` or `SKU=SN`; a header line `sku,serial` is skipped). */
function serialPairs(texts: readonly string[], where: string): { sku: string; serial: string }[] {
  const pairs: { sku: string; serial: string }[] = [];
  texts.forEach((text, index) => {
    const line = text.trim();
    if (line === '' || /^sku[\s,;=]+serial/i.test(line)) return;
    const match = /^([^\s,;=]+)\s*[,;=\s]\s*([^\s,;=]+)$/.exec(line);
    if (!match) throw new UsageError(`${where}${texts.length > 1 ? `:${index + 1}` : ''}: "${line.slice(0, 60)}" is not SKU=SERIAL.`);
    pairs.push({ sku: match[1]!.toUpperCase(), serial: match[2]! });
  });
  return pairs;
}

export const command = defineCommand({
  description: 'staff: the devices leave stock; reservations are released; serial numbers recorded',
  args: { id: { description: 'the order' } },
  options: {
    serial: option.list('--serial <SKU=SN>', 'the serial number of a device shipped (repeatable)'),
    serials: option.string('--serials <file>', 'serial numbers in a file: one SKU,SN per line'),
  },
  examples: [
    'hwaas --as giulia.rossi@wildix.example orders ship ORD-000001',
    'hwaas --as giulia.rossi@wildix.example orders ship ORD-000001 --serial WP480G=WX1001 --serial WP480G=WX1002',
    'hwaas --as giulia.rossi@wildix.example orders ship ORD-000001 --serials serials.csv',
  ],
  writes: true,
  async run(ctx, options, { id }) {
    const pairs = options.serial.flatMap((s) => serialPairs([s], '--serial'));
    if (options.serials !== undefined) {
      const { readNamedFile } = await import('../../import/source.js');
      const file = await readNamedFile(options.serials, { cwd: ctx.io.cwd, maxBytes: 4 * 1024 * 1024, what: 'file of serial numbers', flag: '--serials' });
      const text = Buffer.from(file.content)
        .toString('utf8')
        .replace(/^\uFEFF/, '');
      pairs.push(...serialPairs(text.split(/\r?\n/), `--serials ${options.serials}`));
      if (pairs.length === 0) throw new UsageError(`--serials ${options.serials}: the file names no serial numbers.`);
    }
    const order = await (await ctx.useCases()).orders.ship({ id, serials: pairs.length ? pairs : null });
    const recorded = order.lines.reduce((n, l) => n + l.serials.length, 0);
    printChanged(ctx, order, `Shipped ${order.id}: its devices left stock and their reservation is released${recorded ? `; ${recorded} serial number${recorded === 1 ? '' : 's'} recorded` : ''}.`);
  },
});
