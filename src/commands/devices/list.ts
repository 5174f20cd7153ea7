import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { DEVICES } from '../../views/text/services.js';

export const command = defineCommand({
  description: 'the devices running on PBXs, one row per unit, with its serial number when recorded',
  options: {
    pbx: option.string('--pbx <id>', 'only this PBX'),
    customer: option.string('--customer <id>', "only this customer's PBXs"),
    serial: option.string('--serial <SN>', 'find the device with this serial number'),
    format: formatOption(),
  },
  examples: ['hwaas devices list --pbx PBX-1001', 'hwaas devices list --serial WX1001 --json'],
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const listing = await (await ctx.useCases()).devices.list({ pbx: options.pbx, customer: options.customer, serial: options.serial });
    await printListing(ctx, format, listing, DEVICES, options.serial !== undefined ? `No running device has the serial number ${options.serial.trim()}.` : undefined);
  },
});
