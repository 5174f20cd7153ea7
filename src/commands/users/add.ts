import { defineCommand, option } from '../../cli/command.js';
import { userRecordJson } from '../../cli/views.js';
import { addUser } from '../../domain/parties/users.js';
import { promptCheck } from '../partners/add.js';
import { checkEmail, checkName } from '../../domain/kernel/checks.js';

const FLAGS = { email: '--email', name: '--name', role: '--role', partner: '--partner' } as const;

export const command = defineCommand({
  path: ['users', 'add'],
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
    const store = await ctx.store();
    const actor = await ctx.actor();
    const role = await ctx.choose(options.role, FLAGS.role, 'Role:', [
      { value: 'partner', name: "partner: a partner's user, sees only its partner" },
      { value: 'staff', name: 'staff: Wildix, sees every partner' },
    ]);
    const partner = role === 'partner' ? await ctx.need(options.partner, FLAGS.partner, 'Partner ID (e.g. PTR-001):') : options.partner;
    const input = {
      email: await ctx.need(options.email, FLAGS.email, 'E-mail:', promptCheck(checkEmail, FLAGS.email)),
      name: await ctx.need(options.name, FLAGS.name, 'Name:', promptCheck((t, l) => checkName(t, l, 120), FLAGS.name)),
      role,
      partner,
    };
    const user = await addUser(store, actor, input, FLAGS);
    if (ctx.json) {
      ctx.printJson(userRecordJson(user));
      return;
    }
    ctx.out(`Added ${user.id}: ${user.name} <${user.email}>, ${user.role === 'staff' ? 'Wildix staff' : `a user of ${user.partner}`}.`);
    if (user.dbRole) {
      ctx.out(`Their database login is ${user.dbRole}: the database's administrator gives it a password (ALTER ROLE ${user.dbRole} PASSWORD '…'), or your cluster's usual authentication; they connect with --db postgres://${user.dbRole}@HOST/DATABASE.`);
    } else {
      ctx.out(`They act with \`--as ${user.id}\` (or HWAAS_USER=${user.email}).`);
    }
  },
});
