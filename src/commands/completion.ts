import { defineCommand } from '../cli/command.js';

export const command = defineCommand({
  path: ['completion'],
  description: 'print a shell completion script',
  args: { shell: { description: 'bash, zsh or fish' } },
  options: {},
  examples: ['hwaas completion bash > ~/.local/share/bash-completion/completions/hwaas', 'hwaas completion fish > ~/.config/fish/completions/hwaas.fish'],
  async run(ctx, _options, { shell }) {
    // Generated from the whole command tree, so it never goes stale.
    const { buildProgram } = await import('../cli/program.js');
    const { completionScript } = await import('../cli/completion.js');
    ctx.io.stdout.write(completionScript(await buildProgram(ctx.io, { ctx: null, exitCode: 0 }), shell));
  },
});
