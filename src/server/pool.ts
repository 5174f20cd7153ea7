import type { Store } from '../domain/kernel/port.js';

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
  ) {}

  /** A connection for one request; `release(broken)` gives it back (or closes it). */
  async acquire(): Promise<{ store: Store; release: (broken?: boolean) => Promise<void> }> {
    if (this.closed) throw new Error('the store pool is closed');
    const store = this.idle.pop() ?? (this.open < this.size ? await this.connectOne() : await new Promise<Store>((resolve) => this.waiting.push(resolve)));
    let released = false;
    return {
      store,
      release: async (broken = false) => {
        if (released) return;
        released = true;
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

  private async connectOne(): Promise<Store> {
    this.open++;
    try {
      return await this.connect();
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
