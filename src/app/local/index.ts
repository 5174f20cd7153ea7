import type { Job, UseCases } from '../usecases.js';
import { Calls, type LocalOptions } from './calls.js';

export type { LocalOptions };

type Methods = Record<string, (input?: unknown) => unknown>;

/**
 * A group of use cases whose module is loaded on its first call: a command loads the
 * subdomains it asks for, not all of them (start-up is paid on every run). A method
 * named in `jobs` returns its stream of events at once, and starts it when it is read.
 */
function lazy<T>(load: () => Promise<T>, jobs: readonly string[] = []): T {
  let loaded: Promise<Methods> | null = null;
  const group = () => {
    loaded ??= load() as Promise<unknown> as Promise<Methods>;
    return loaded;
  };
  return new Proxy({} as Methods, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      if (jobs.includes(name)) {
        return (input?: unknown): Job<unknown> => ({
          async *[Symbol.asyncIterator]() {
            yield* (await group())[name]!(input) as Job<unknown>;
          },
        });
      }
      return async (input?: unknown) => (await group())[name]!(input);
    },
  }) as T;
}

/**
 * The use cases in process, on a store the caller opens (a file, or a database URL its
 * owner holds): one set per session, that is per command or per request of a server.
 */
export function localUseCases(options: LocalOptions): UseCases {
  const calls = new Calls(options);
  const parties = async () => (await import('./parties.js')).partiesUseCases(calls);
  const catalog = async () => (await import('./catalog.js')).catalogUseCases(calls);
  const quoting = async () => (await import('./quoting.js')).quotingUseCases(calls);
  const ordering = async () => (await import('./ordering.js')).orderingUseCases(calls);
  const lifecycle = async () => (await import('./lifecycle.js')).lifecycleUseCases(calls);
  const imports = async () => (await import('./imports.js')).importsUseCases(calls);
  return {
    whoami: async () => (await parties()).whoami(),
    access: async (input) => (await parties()).access(input),
    today: async () => (await parties()).today(),
    store: lazy(async () => (await parties()).store),
    partners: lazy(async () => (await parties()).partners),
    users: lazy(async () => (await parties()).users),
    tokens: lazy(async () => (await parties()).tokens),
    customers: lazy(async () => (await parties()).customers),
    agreements: lazy(async () => (await parties()).agreements),
    invoices: lazy(async () => (await parties()).invoices),
    stock: lazy(async () => (await parties()).stock),
    pbxs: lazy(async () => ({ ...(await parties()).pbxs, ...(await lifecycle()).pbxs })),
    pricebooks: lazy(async () => ({ ...(await catalog()).pricebooks, ...(await imports()).pricebooks }), ['importFile']),
    resale: lazy(async () => (await catalog()).resale),
    pricelist: lazy(async () => (await catalog()).pricelist, ['document']),
    quotes: lazy(async () => (await quoting()).quotes),
    orders: lazy(async () => (await ordering()).orders),
    services: lazy(async () => (await lifecycle()).services),
    returns: lazy(async () => (await lifecycle()).returns),
    rmas: lazy(async () => (await lifecycle()).rmas),
    devices: lazy(async () => (await lifecycle()).devices),
    imports: lazy(async () => (await imports()).imports, ['run']),
  };
}
