import { defineCommand, option } from '../../cli/command.js';
import { UsageError } from '../../errors.js';

export const command = defineCommand({
  description: 'correct a PBX: its name and type; its licence and activation only while nothing was ordered on it',
  args: { id: { description: 'the PBX' } },
  options: {
    name: option.string('--name <name>', 'what the customer calls it'),
    type: option.choice('--type <type>', 'cloud, virtual or hardware', ['cloud', 'virtual', 'hardware'] as const),
    license: option.string('--license <licence>', 'monthly, yearly, five-year or perpetual (only while nothing was ordered on it)'),
    activated: option.string('--activated <YYYY-MM-DD>', 'the activation date (only while nothing was ordered on it)'),
  },
  examples: ['hwaas pbx edit PBX-1001 --name "Müller HQ (Berlin)"', 'hwaas pbx edit PBX-1019 --license yearly --activated 2026-03-31 --json'],
  writes: true,
  async run(ctx, options, { id }) {
    if ([options.name, options.type, options.license, options.activated].every((v) => v === undefined)) {
      throw new UsageError('give what to correct: --name, --type, --license or --activated.', 'USAGE');
    }
    const result = await (await ctx.useCases()).pbxs.edit({ id, name: options.name, type: options.type, license: options.license, activated: options.activated });
    if (ctx.json) {
      ctx.printJson(result);
      return;
    }
    if (result.changed.length === 0) {
      ctx.out(`Nothing changed: ${result.after.id} already had these values.`);
      return;
    }
    const label = (k: string) => (k === 'license' ? 'licence' : k === 'activated' ? 'activation' : k);
    ctx.out(
      [
        `${result.after.id} corrected:`,
        ...result.changed.map((k) => `  ${label(k)}: ${String((result.before as unknown as Record<string, unknown>)[k])} → ${String((result.after as unknown as Record<string, unknown>)[k])}`),
      ].join('\n'),
    );
  },
});
