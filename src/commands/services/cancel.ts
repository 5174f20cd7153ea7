import { defineCommand, option } from '../../cli/command.js';
import { parseItemFlags } from '../../cli/items.js';
import { PICKUPS } from '../../domain/kernel/model.js';
import { UsageError } from '../../errors.js';
import { runCancellation } from './cancelling.js';

export const command = defineCommand({
  description: 'stop HWaaS devices or services on a PBX at the end of its current period (six-month minimum)',
  options: {
    pbx: option.string('--pbx <id>', 'the PBX they run on'),
    item: option.list('--item <SKU=QTY>', 'what to cancel (repeatable); units are taken from the oldest lines first'),
    pickup: option.choice('--pickup <who>', 'where the courier collects the devices (default end-user)', PICKUPS),
    serial: option.list('--serial <SN>', 'the serial number of a device that comes back (repeatable)'),
    yes: option.flag('--yes', 'do not ask for confirmation'),
  },
  examples: ['hwaas services cancel --pbx PBX-1001 --item WP480G=2', 'hwaas services cancel --pbx PBX-1001 --item WP480G=2 --pickup partner --yes --json'],
  help: "The units stop at the end of the PBX's current period on the day of the request; nothing already charged is refunded. A unit is charged for at least six months from its line's start: units that stop earlier get a final charge for the rest, prorated over the PBX's periods. Devices go back to Wildix as a return request (`hwaas returns list`).",
  writes: true,
  async run(ctx, options) {
    if (options.pbx === undefined) throw new UsageError('missing --pbx: say which PBX the services run on (`hwaas services list` shows them).', 'USAGE');
    if (options.item.length === 0) throw new UsageError('missing --item: say what to cancel, e.g. --item WP480G=2 (SKU=QTY; `hwaas services list --pbx ID` shows what runs).', 'USAGE');
    const items = parseItemFlags(options.item);
    const priced = items.find((i) => i.price !== null);
    if (priced) throw new UsageError(`--item ${priced.sku}: a cancellation takes SKU=QTY, without a price.`);
    return runCancellation(ctx, { pbx: options.pbx, items: items.map((i) => ({ sku: i.sku, qty: i.qty })), pickup: options.pickup ?? null, serials: options.serial }, options.yes);
  },
});
