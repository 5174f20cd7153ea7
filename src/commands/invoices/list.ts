import { defineCommand, formatOption, option } from '../../cli/command.js';
import { listFormat, printListing } from '../../cli/listing.js';
import { INVOICES } from '../../views/text/parties.js';

export const command = defineCommand({
  description: 'invoices, by due date, with how many days each is overdue and what that stops',
  options: {
    overdue: option.flag('--overdue', 'only unpaid invoices past their due date'),
    partner: option.string('--partner <id>', "staff: only this partner's invoices"),
    from: option.string('--from <date>', 'only invoices issued on or after this day'),
    to: option.string('--to <date>', 'only invoices issued on or before this day'),
    format: formatOption(),
  },
  examples: ['hwaas invoices list --overdue', 'hwaas --as USR-101 invoices list --partner PTR-001 --from 2026-01-01', 'hwaas invoices list --json'],
  help: 'Stages of an unpaid invoice past its due date: 1–4 days "warning" (checkout warns), 5–29 "ordering-blocked" (HWaaS checkout refused; drafts still save), 30–34 "locked" (the partner\'s users change nothing), 35 and more "suspended" (its services show suspended).',
  async run(ctx, options) {
    const format = listFormat(ctx, options.format);
    const listing = await (await ctx.useCases()).invoices.list({ overdue: options.overdue === true, partner: options.partner, from: options.from, to: options.to });
    const filtered = [options.partner, options.from, options.to].some((v) => v !== undefined);
    await printListing(ctx, format, listing, INVOICES, options.overdue ? 'No overdue invoices: checkout is open.' : filtered ? 'No invoices match.' : INVOICES.empty);
  },
});
