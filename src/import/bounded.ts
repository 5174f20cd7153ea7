import { closeSync, constants, fstatSync, openSync, realpathSync, writeSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type Readable, Transform } from 'node:stream';
import { isatty } from 'node:tty';
import { UsageError } from '../errors.js';

/**
 * Input that a command reads whole or copies (a cases file, an import from a pipe) is
 * bounded in size and in time: a device or a kernel file (`/dev/zero`, `/proc/kmsg`) is
 * refused by name, and a pipe or standard input that stays silent ends the read with one
 * sentence instead of a hang (a terminal is a person typing: it is waited for).
 */

/** How long a pipe may stay silent, before its first byte or between two. */
export const QUIET_LIMIT_MS = 10_000;

export type InputKind = 'file' | 'stream';

/** Standard input by another name: `/dev/stdin`, `/dev/fd/0`, `/proc/self/fd/3` (a shell's `<(…)`). */
const STDIN_ALIAS = /^\/dev\/(stdin|fd\/\d+)$|^\/proc\/(self|\d+)\/fd\/\d+$/;

/**
 * What a named path is, refusing what is never a file to read: a folder, a device, a file
 * of the kernel's (/proc, /sys: it may never end, or block forever). `flag` names it in
 * the sentence (`--file`, or nothing for an import's argument).
 */
export async function readablePath(path: string, shown: string, what: string): Promise<{ kind: InputKind; size: number }> {
  const info = await stat(path);
  if (info.isDirectory()) throw new UsageError(`${shown} is a folder, not a file: give the ${what}.`);
  const alias = STDIN_ALIAS.exec(path);
  if (info.isBlockDevice() || info.isCharacterDevice() || info.isSocket()) {
    // A terminal by another name (/dev/stdin at a prompt) is a person typing; any other device is refused.
    const fd = alias ? Number(/(\d+)$/.exec(path)?.[1] ?? '0') : -1;
    if (!(info.isCharacterDevice() && fd >= 0 && isatty(fd))) throw new UsageError(`${shown} is a device, not a file: give the ${what}.`);
  }
  // A pipe by another name (/dev/stdin, a shell's <(…)) is read as it comes; anything else is looked at where it really is.
  if (!(alias && info.isFIFO())) {
    let real = path;
    try {
      real = realpathSync.native(path);
    } catch {
      // stat found it: a race with its removal is read as it comes
    }
    if (/^\/(proc|sys)\//.test(real)) throw new UsageError(`${shown} is a file of the kernel's (${real.split('/')[1]}), not a file: give the ${what}.`);
  }
  return { kind: info.isFile() ? 'file' : 'stream', size: info.size };
}

/** Standard input that is a device (`< /dev/zero`), refused as a named device is; a terminal is a person typing. */
export function refuseDeviceStdin(stdin: Readable, shown: string, what: string): void {
  if (stdin !== process.stdin) return;
  let info: ReturnType<typeof fstatSync>;
  try {
    info = fstatSync(0);
  } catch {
    return;
  }
  if ((info.isCharacterDevice() && !isatty(0)) || info.isBlockDevice()) {
    let name = 'a device';
    try {
      name = realpathSync('/proc/self/fd/0');
    } catch {
      // no /proc: the device stays unnamed
    }
    throw new UsageError(`${shown} is ${name === 'a device' ? name : `the device ${name}`}, not a file: give the ${what}.`);
  }
}

/**
 * A read of a named pipe given up on (it stayed silent) still waits in one of Node's
 * threads, and Node waits for its threads before the process ends: one byte written into
 * the pipe (opened without waiting) lets that read return, so the command ends now.
 */
function unblock(path: string): void {
  try {
    const fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
    try {
      writeSync(fd, '\n');
    } finally {
      closeSync(fd);
    }
  } catch {
    // No reader waits (it ended), or the pipe is full (the read has data): nothing to do.
  }
}

/**
 * A pass-through that fails the stream when more than `maxBytes` go through it, or when
 * nothing comes for QUIET_LIMIT_MS (unless `waitForever`: a terminal).
 */
export function bounded(options: { maxBytes: number; tooBig: () => Error; quiet: () => Error; waitForever: boolean }): Transform {
  let bytes = 0;
  let timer: NodeJS.Timeout | null = null;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      arm();
      if (bytes > options.maxBytes) done(options.tooBig());
      else done(null, chunk);
    },
    flush(done) {
      if (timer) clearTimeout(timer);
      done();
    },
    destroy(error, done) {
      if (timer) clearTimeout(timer);
      done(error);
    },
  });
  const arm = () => {
    if (options.waitForever) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => transform.destroy(options.quiet()), QUIET_LIMIT_MS);
  };
  arm();
  return transform;
}

/** Everything `input` gives, within the bounds: exit 2 past them. */
export async function readAllBounded(input: Readable, options: Parameters<typeof bounded>[0]): Promise<Buffer> {
  const guard = bounded(options);
  input.on('error', (error) => guard.destroy(error));
  const chunks: Buffer[] = [];
  let finished = false;
  try {
    for await (const chunk of input.pipe(guard) as AsyncIterable<Buffer>) chunks.push(chunk);
    finished = true;
  } finally {
    const path = (input as { path?: unknown }).path;
    if (!finished && input !== process.stdin && typeof path === 'string') unblock(path);
    input.unpipe(guard);
    if (input !== process.stdin) input.destroy();
    else input.pause();
  }
  return Buffer.concat(chunks);
}

/** The sentence of a silent pipe. */
export const quietInput = (shown: string, example: string): UsageError => new UsageError(`${shown} gave nothing for ${QUIET_LIMIT_MS / 1000} s: pipe the file in (${example}), or give its name.`);
