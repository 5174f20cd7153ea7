import type { JobEvent, ProgressJson } from '../../views/json/imports.js';

/** How often a long run says how far it is: often enough for a progress bar, seldom enough for a wire. */
const EVERY_MS = 100;

/**
 * A long run as a stream of events: progress while it runs (at most every 100 ms), then
 * its result; its failure is thrown to whoever reads the stream. The run starts when the
 * stream is first read.
 */
export function job<T>(run: (progress: (p: ProgressJson) => void) => Promise<T>): AsyncIterable<JobEvent<T>> {
  return {
    async *[Symbol.asyncIterator]() {
      const queue: JobEvent<T>[] = [];
      let wake: (() => void) | null = null;
      let finished = false;
      let failure: { error: unknown } | null = null;
      let last = 0;
      let held: ProgressJson | null = null;
      const push = (event: JobEvent<T>) => {
        queue.push(event);
        wake?.();
      };
      const progress = (p: ProgressJson) => {
        const now = Date.now();
        if (now - last < EVERY_MS) {
          held = p;
          return;
        }
        last = now;
        held = null;
        push({ progress: p });
      };
      run(progress).then(
        (result) => {
          // The last step is said too (100 %), then the result.
          if (held) push({ progress: held });
          push({ result });
          finished = true;
          wake?.();
        },
        (error: unknown) => {
          failure = { error };
          finished = true;
          wake?.();
        },
      );
      for (;;) {
        while (queue.length > 0) yield queue.shift()!;
        if (finished) {
          while (queue.length > 0) yield queue.shift()!;
          if (failure) throw (failure as { error: unknown }).error;
          return;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    },
  };
}
