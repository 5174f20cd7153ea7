import type { UseCases } from '../usecases.js';
import { Calls, type LocalOptions } from './calls.js';
import { catalogUseCases } from './catalog.js';
import { importsUseCases } from './imports.js';
import { lifecycleUseCases } from './lifecycle.js';
import { orderingUseCases } from './ordering.js';
import { partiesUseCases } from './parties.js';
import { quotingUseCases } from './quoting.js';

export type { LocalOptions };

/**
 * The use cases in process, on a store the caller opens (a file, or a database URL its
 * owner holds): one set per session, that is per command or per request of a server.
 */
export function localUseCases(options: LocalOptions): UseCases {
  const calls = new Calls(options);
  const parties = partiesUseCases(calls);
  const catalog = catalogUseCases(calls);
  const lifecycle = lifecycleUseCases(calls);
  const imports = importsUseCases(calls);
  return {
    ...parties,
    ...quotingUseCases(calls),
    ...orderingUseCases(calls),
    ...lifecycle,
    imports: imports.imports,
    resale: catalog.resale,
    pricelist: catalog.pricelist,
    pricebooks: { ...catalog.pricebooks, ...imports.pricebooks },
    pbxs: { ...parties.pbxs, ...lifecycle.pbxs },
  };
}
