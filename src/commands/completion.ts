import { defineCommand } from '../cli/command.js';

export const command = defineCommand({
  description: 'print a shell completion script',
  args: { shell: { description: 'bash, zsh or fish' } },
  options: {},
  examples: [
    'hwaas completion bash > ~/.local/share/bash-completion/completions/hwaas',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh's own ${fpath[1]}, shown as the user types it
    'hwaas completion zsh > "${fpath[1]}/_hwaas"',
    'hwaas completion fish > ~/.config/fish/completions/hwaas.fish',
  ],
  async run(ctx, _options, { shell }) {
    // The script asks hwaas itself (`hwaas __complete`), so it never goes stale.
    const { completionScript } = await import('../cli/completion.js');
    ctx.io.stdout.write(completionScript(shell));
  },
});
