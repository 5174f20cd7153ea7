import { type Command, CommanderError } from 'commander';
import { type ProgramState, buildProgram } from './program.js';
import { type Io, processIo } from './io.js';
import { outputFailure, reportError } from './report.js';
import { refineUsage } from './suggest.js';

/** Runs one command line; returns the exit code. Never calls process.exit (piped output would be cut). */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const state: ProgramState = { ctx: null, exitCode: 0 };
  let program: Command | null = null;
  // What the shells' completion functions ask (see completion.ts): never an error, never a prompt.
  if (argv[0] === '__complete') {
    try {
      const { complete } = await import('./completion.js');
      io.stdout.write(`${complete(await buildProgram(io, state, []), argv.slice(1)).join('\n')}\n`);
    } catch {
      io.stdout.write(':none\n');
    }
    return 0;
  }
  try {
    program = await buildProgram(io, state, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (error) {
    const json = state.ctx?.json ?? (argv.includes('--json') || hasJsonFormat(argv));
    const said =
      error instanceof CommanderError && error.exitCode !== 0 && !['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) ? refineUsage(error, argv, program) : error;
    return reportError(said, io, { json, colour: !argv.includes('--no-color'), storeSource: state.ctx?.storeSource ?? null });
  } finally {
    await state.ctx?.close();
  }
}

function hasJsonFormat(argv: readonly string[]): boolean {
  return argv.some((arg, i) => arg === '--format=json' || (arg === '--format' && argv[i + 1] === 'json'));
}

// For the reliability suite's worker processes, which drive the built bundle in a loop.
export { processIo };

/** The entry point of bin/hwaas.js. */
export async function run(): Promise<void> {
  // A reader that goes away (`hwaas … | head`) is not an error worth a stack trace;
  // a full device (`> /dev/full`) is said once, and the run fails.
  let failed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || failed) return;
    failed = true;
    const argv = process.argv.slice(2);
    reportError(outputFailure(error), processIo(), { json: argv.includes('--json'), colour: false });
    process.exitCode = 1;
  });
  const code = await main(process.argv.slice(2), processIo());
  if (!failed) process.exitCode = code;
}
