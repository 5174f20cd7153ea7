import { defineCommand, option } from '../../cli/command.js';
import { checkWith } from '../../cli/prompts.js';
import { checkEmail, checkName } from '../../domain/kernel/checks.js';

export const command = defineCommand({
  description: "staff: add a user, a partner's or Wildix staff (on a shared store, with its database login)",
  options: {
    email: option.string('--email <addr>', 'their e-mail (unique, any case)'),
    name: option.string('--name <name>', 'their name'),
    role: option.choice('--role <role>', "partner (a partner's user) or staff (Wildix)", ['partner', 'staff'] as const),
    partner: option.string('--partner <id>', "the partner of a partner's user"),
  },
  examples: [
    'hwaas --as USR-101 users add --role partner --partner PTR-001 --email lea.huber@alpentelecom.example --name "Lea Huber"',
    'hwaas --as USR-101 users add --role staff --email ops@wildix.example --name "Order desk"',
  ],
  writes: true,
  async run(ctx, options) {
    const { prompts } = ctx;
    const role = await prompts.choose(options.role, '--role', 'Role:', [
      { value: 'partner', name: "partner: a partner's user, sees only its partner" },
      { value: 'staff', name: 'staff: Wildix, sees every partner' },
    ]);
    const partner = role === 'partner' ? await prompts.need(options.partner, '--partner', 'Partner ID (e.g. PTR-001):') : options.partner;
    const email = await prompts.need(options.email, '--email', 'E-mail:', checkWith(checkEmail, '--email'));
    const name = await prompts.need(
      options.name,
      '--name',
      'Name:',
      checkWith((t, l) => checkName(t, l, 120), '--name'),
    );
    const user = await (await ctx.useCases()).users.add({ email, name, role, partner: partner ?? null });
    if (ctx.json) {
      ctx.printJson(user);
      return;
    }
    ctx.out(`Added ${user.id}: ${user.name} <${user.email}>, ${user.role === 'staff' ? 'Wildix staff' : `a user of ${user.partner}`}.`);
    if (ctx.server || ctx.storeLocation.kind === 'postgres') {
      // A shared store is reached through its server, with a token of one's own.
      ctx.out(`They reach the shared store with a token: \`hwaas users token create ${user.id}\`, then \`hwaas auth login --server URL\` on their machine.`);
    } else {
      ctx.out(`They act with \`--as ${user.id}\` (or HWAAS_USER=${user.email}).`);
    }
  },
});
