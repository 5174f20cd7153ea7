import { defineCommand, option } from '../../cli/command.js';
import { UsageError } from '../../errors.js';
import { PICKUPS } from '../../domain/kernel/model.js';
import { runCancellation } from '../services/cancelling.js';

export const command = defineCommand({
  description: 'end a PBX at the end of its current period, with every service on it (six-month minimum)',
  args: { id: { description: 'the PBX' } },
  options: {
    pickup: option.choice('--pickup <who>', 'where the courier collects the devices (default end-user)', PICKUPS),
    serial: option.list('--serial <SN>', 'the serial number of a device that comes back (repeatable)'),
    yes: option.flag('--yes', 'do not ask for confirmation'),
  },
  examples: ['hwaas pbx cancel PBX-1001', 'hwaas pbx cancel PBX-1001 --yes --json'],
  help: 'Co-termination: every service line on the PBX ends with it, each with its six-month minimum (see `hwaas services cancel --help`).',
  writes: true,
  async run(ctx, options, { id }) {
    if (id.trim() === '') throw new UsageError('ID: give an ID (it is blank).', 'INVALID_INPUT');
    return runCancellation(ctx, { pbx: id, items: null, pickup: options.pickup ?? null, serials: options.serial }, options.yes);
  },
});
