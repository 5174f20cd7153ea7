import { type Command, CommanderError } from 'commander';
import { UsageError } from '../errors.js';
import { commandWords } from './program.js';

/**
 * A usage error of the parser, said better: which command's help to read, the command
 * meant when a group's name lost its plural (`hwaas order list` → `hwaas orders list`),
 * the option meant when a prefix names exactly one (`--expiring` → `--expiring-within`).
 */
export function refineUsage(error: unknown, argv: readonly string[], program: Command | null): unknown {
  if (!(error instanceof CommanderError)) return error;
  const sentence = (text: string) => {
    const clean = text
      .replace(/^error: /, '')
      .replace(/\s*\n\s*/g, ' ')
      .replace(/\.$/, '');
    return `${clean[0]?.toUpperCase() ?? ''}${clean.slice(1)}`;
  };
  if (error.code === 'hwaas.unknownTopic') return new UsageError(`${sentence(error.message)}.`, 'USAGE');
  const words = commandWords(argv) ?? [];
  // The command tree declares every command's words (only the one run is loaded in full).
  const child = (parent: Command | null | undefined, word: string) => parent?.commands.find((c) => c.name() === word) ?? null;
  const isCommand = (path: readonly string[]) => {
    const found = path.reduce<Command | null>((at, word) => child(at, word), program);
    return found !== null && found.commands.length === 0;
  };
  const isGroup = (path: readonly string[]) => (path.reduce<Command | null>((at, word) => child(at, word), program)?.commands.length ?? 0) > 0;
  // The longest run of the words that is a command or a group: its help is the one to read.
  let known: string[] = [];
  for (let n = words.length; n >= 1 && known.length === 0; n--) if (isCommand(words.slice(0, n)) || isGroup(words.slice(0, n))) known = words.slice(0, n);
  const help = known.length > 0 ? `hwaas ${known.join(' ')} --help` : 'hwaas help';

  // `hwaas order list`, `hwaas customer list`: the group's name is plural.
  const [first, second] = words;
  if (first !== undefined && second !== undefined && (error.code === 'commander.excessArguments' || error.code === 'commander.unknownCommand')) {
    const plural = `${first}s`;
    if (isCommand([plural, second])) return new UsageError(`\`hwaas ${first} ${second}\` is not a command: did you mean \`hwaas ${plural} ${second}\`? See \`hwaas ${plural} --help\`.`, 'USAGE');
  }
  // `--item WP480G 2`: a flag takes one value.
  if (error.code === 'commander.excessArguments') {
    const at = argv.findIndex((a, i) => a === '--item' && i + 2 < argv.length && /^\d+$/.test(argv[i + 2]!) && !argv[i + 1]!.includes('='));
    if (at >= 0) return new UsageError(`--item ${argv[at + 1]} ${argv[at + 2]}: write the quantity with the SKU, --item ${argv[at + 1]}=${argv[at + 2]}. See \`${help}\`.`, 'USAGE');
    const stray = argv
      .filter((a) => !a.startsWith('-'))
      .slice(known.length)
      .pop();
    if (stray !== undefined && known.length > 0)
      return new UsageError(`\`hwaas ${known.join(' ')}\` takes no "${stray}" here: each flag takes one value (quote a value with spaces). See \`${help}\`.`, 'USAGE');
  }
  if (error.code === 'commander.unknownOption' && program) {
    const given = /'(--[^'=]+)/.exec(error.message)?.[1];
    let target: Command = program;
    for (const word of known) target = target.commands.find((c) => c.name() === word) ?? target;
    const longs = [...target.options, ...program.options].map((o) => o.long).filter((l): l is string => Boolean(l));
    const matches = given ? [...new Set(longs.filter((l) => l.startsWith(given)))] : [];
    // `hwaas --dry-run import …`: the command's own option, said before the command.
    const commandAt = known.length > 0 ? argv.indexOf(known[0]!) : -1;
    const givenAt = argv.findIndex((a) => a === given || a.startsWith(`${given}=`));
    if (given && matches.includes(given) && commandAt > givenAt && givenAt >= 0) {
      return new UsageError(`${given} is an option of \`hwaas ${known.join(' ')}\`: put it after the command, as in \`hwaas ${known.join(' ')} … ${given}\`. See \`${help}\`.`, 'USAGE');
    }
    if (matches.length === 1) return new UsageError(`Unknown option '${given}': did you mean ${matches[0]}? See \`${help}\`.`, 'USAGE');
  }
  return new UsageError(`${sentence(error.message)}. See \`${help}\`.`, 'USAGE');
}
