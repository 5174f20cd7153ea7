import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/** The folder holding package.json and data/, from src/ (tests) or dist/src/ (the built CLI) alike. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'data'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the hwaas package root (package.json beside data/)');
    dir = parent;
  }
  root = dir;
  return dir;
}

export const dataFile = (name: string): string => join(packageRoot(), 'data', name);
