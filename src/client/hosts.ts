import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';

/**
 * The servers this machine has logged in to, and their tokens: `hosts.json` in
 * `$XDG_CONFIG_HOME/hwaas` (else `~/.config/hwaas`), readable by its owner only (0600),
 * as gh keeps its own. `default` is the server commands reach when no store is named.
 */
export interface Hosts {
  default: string | null;
  hosts: Record<string, { token: string; user: string | null }>;
}

type Env = Readonly<Record<string, string | undefined>>;

export function hostsPath(env: Env): string {
  const config = env.XDG_CONFIG_HOME?.startsWith('/') ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
  return join(config, 'hwaas', 'hosts.json');
}

export function readHosts(env: Env): Hosts {
  const path = hostsPath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { default: null, hosts: {} };
  }
  try {
    const parsed = JSON.parse(text) as Partial<Hosts>;
    const hosts = parsed.hosts && typeof parsed.hosts === 'object' ? parsed.hosts : {};
    return { default: typeof parsed.default === 'string' ? parsed.default : null, hosts };
  } catch {
    throw new UsageError(`${path} is not the JSON hwaas writes: log in again (\`hwaas auth login --server URL\`) after removing it.`);
  }
}

/** Written whole, through a temporary file, readable by its owner only. */
export function writeHosts(env: Env, hosts: Hosts): string {
  const path = hostsPath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.partial`;
  writeFileSync(temporary, `${JSON.stringify(hosts, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return path;
}
