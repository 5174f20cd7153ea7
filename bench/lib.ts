import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'hwaas.js');

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time of one run of a command, in milliseconds. */
export function timeCommand(args: string[], env: Record<string, string> = {}, input?: string): { ms: number; status: number | null; stdout: string; stderr: string } {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    input,
    maxBuffer: 1 << 30,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Medians of several commands timed in interleaved rounds (each command once per round,
 * after one uncounted warm-up round), so that a machine that slows down halfway slows
 * them all alike; measured one series after another, a noisy two-core machine moved
 * start-up ratios by 0.3×.
 */
export function interleavedMedians(rounds: number, commands: readonly { args: string[]; env?: Record<string, string> }[]): number[] {
  const times = commands.map(() => [] as number[]);
  for (let round = -1; round < rounds; round++) {
    commands.forEach(({ args, env }, i) => {
      const result = timeCommand(args, env);
      if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
      if (round >= 0) times[i]!.push(result.ms);
    });
  }
  return times.map(median);
}

export interface Row {
  readonly section: string;
  readonly what: string;
  readonly value: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly goal: string;
  readonly ok: boolean | null;
}

export const rows: Row[] = [];

export function record(row: Row): void {
  rows.push(row);
  const mark = row.ok === null ? ' ' : row.ok ? '✓' : '✗';
  process.stdout.write(`${mark} [${row.section}] ${row.what}: ${row.value} (baseline ${row.baseline}; ratio ${row.ratio}${row.goal ? `; goal ${row.goal}` : ''})\n`);
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;
