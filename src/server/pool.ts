import type { Store } from '../domain/kernel/port.js';
import { RefusedError } from '../errors.js';

/**
 * Connections to the store, each used by one request at a time: a transaction is a
 * connection's, so two requests never share one. A request waits for a free connection;
 * one that breaks (a lost database) is closed and replaced by the next request's.
 */
export class StorePool {
  private readonly idle: Store[] = [];
  private readonly waiting: ((store: Store) => void)[] = [];
  private open = 0;
  private closed = false;

  constructor(
    private readonly connect: () => Promise<Store>,
    private readonly size: number,
    private readonly waitMs = 30_000,
  ) {}

  /** A connection for one request; `release(broken)` gives it back (or closes it). */
  async acquire(): Promise<{ store: Store; release: (broken?: boolean) => Promise<void> }> {
    if (this.closed) throw new Error('the store pool is closed');
    const store = this.idle.pop() ?? (this.open < this.size ? await this.connectOne() : await this.wait());
    let released = false;
    return {
      store,
      release: async (broken = false) => {
        if (released) return;
        released = true;
        // The next request starts from nothing: it sees no one's rows until it says who acts.
        if (!broken && !this.closed)
          broken = await store.confine(null).then(
            () => false,
            () => true,
          );
        if (broken || this.closed) {
          this.open--;
          await store.close().catch(() => {});
          // A request that waits gets a new connection in its place.
          const next = this.waiting.shift();
          if (next && !this.closed) this.connectOne().then(next, () => this.waiting.unshift(next));
          return;
        }
        const next = this.waiting.shift();
        if (next) next(store);
        else this.idle.push(store);
      },
    };
  }

  /** A connection another request gives back; after `waitMs`, a refusal (the store is busy), never a request that hangs. */
  private wait(): Promise<Store> {
    return new Promise<Store>((resolve, reject) => {
      const take = (store: Store) => {
        clearTimeout(timer);
        resolve(store);
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(take);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(new RefusedError('STORE_BUSY', `the server's ${this.size} connections to the store stayed busy for ${this.waitMs / 1000} s: try again in a moment.`));
      }, this.waitMs);
      this.waiting.push(take);
    });
  }

  private async connectOne(): Promise<Store> {
    this.open++;
    try {
      const store = await this.connect();
      // With the least rights the store has for a server, seeing nothing until a request says whose rows.
      await store.serve();
      return store;
    } catch (error) {
      this.open--;
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map((s) => s.close().catch(() => {})));
  }
}
