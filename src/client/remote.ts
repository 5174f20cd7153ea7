import { isIPv4 } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { API, API_VERSION, type ApiCall, type ApiName } from '../app/api.js';
import type { UseCases } from '../app/usecases.js';
import { type ErrorDetails, type Hint, type HwaasError, RefusedError, type Said, UsageError } from '../errors.js';

/**
 * The use cases over HTTP, through `hwaas serve`: the same interface as in process, so a
 * command does not know which it has. Every call is `POST /v1/<path>` with the token; an
 * error comes back as the domain's coded error (its sentence, hint and exit code) and is
 * thrown again here as the same error; a long run's events arrive as JSON lines; a file's
 * bytes in base64.
 */
export interface RemoteOptions {
  readonly server: URL;
  readonly token: string;
  /** Staff acting as someone else (`--as`), and a day pinned for a what-if (`--date`). */
  readonly as: string | null;
  readonly date: string | null;
  /** How they were given (`--as` or HWAAS_USER, `--date` or HWAAS_TODAY), for the sentences that name them. */
  readonly asLabel?: string;
  readonly dateLabel?: string;
  readonly version: string;
  readonly fetch?: typeof fetch;
  /** Told the store's time zone, which every answer carries (timestamps read in it), without a request of its own. */
  readonly onTimezone?: (zone: string | null) => void;
}

interface WireError {
  code: string;
  message: string;
  hint?: Hint;
  also?: Said[];
  field?: string;
  fields?: string[];
  details?: unknown;
  exitCode?: number;
}

/** The server's coded error, thrown again as the error it was. */
export function fromWire(error: WireError): HwaasError {
  const details: ErrorDetails = { hint: error.hint, also: error.also, field: error.field, fields: error.fields, data: error.details };
  if (error.exitCode === 2) return new UsageError(error.message, error.code as never, details);
  return new RefusedError(error.code as never, error.message, details);
}

/** What a server that cannot be reached, or answers something else, says: one sentence. */
function unreachable(server: URL, why: string): RefusedError {
  return new RefusedError('UNREACHABLE', `cannot reach the hwaas server at ${server.origin} (${why}): check that it runs there (\`hwaas serve\`) and that this machine reaches it.`);
}

/** This machine by address: 127.0.0.0/8, ::1, or localhost. A name that only starts like one (127.example.com) is another machine. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost' || bare === '::1') return true;
  return isIPv4(bare) && bare.startsWith('127.');
}

/** A token goes only over TLS, or to this machine. */
export function checkServerUrl(text: string, label: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${label}: "${text}" is not a URL; write it as https://hwaas.example.com (or http://127.0.0.1:8754 on this machine).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`${label}: ${url.protocol} is not http or https.`);
  // A password in the URL would travel with every request and show in messages: the token is the credential.
  if (url.username !== '' || url.password !== '')
    throw new UsageError(`${label}: a server's URL holds no user name or password (the token is what logs in); write it as ${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}.`);
  if (/\/v1(\/|$)/.test(url.pathname))
    throw new UsageError(`${label}: give the server's address without /v1 (${url.protocol}//${url.host}${url.pathname.replace(/\/v1(\/.*)?$/, '')}); hwaas adds it.`);
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new UsageError(`${label}: ${url.origin} is plain HTTP to another machine: a token would cross the network in the clear; use https://.`);
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  url.search = '';
  url.hash = '';
  return url;
}

/**
 * fetch parses HTTP with WebAssembly, which V8 optimizes again in the background after a
 * first request; a command of one or two requests then waited 100–300 ms at exit for that
 * work. The baseline compiler alone answers a command's few requests as fast.
 */
let baselineWasm = false;
function quickWasm(): void {
  if (baselineWasm) return;
  baselineWasm = true;
  setFlagsFromString('--liftoff-only');
}

export function remoteUseCases(options: RemoteOptions): UseCases {
  if (!options.fetch) quickWasm();
  const doFetch = options.fetch ?? fetch;
  const headers = (contentType: string): Record<string, string> => ({
    authorization: `Bearer ${options.token}`,
    'content-type': contentType,
    'hwaas-client': options.version,
    ...(options.as !== null ? { 'hwaas-as': options.as, 'hwaas-as-from': options.asLabel ?? '--as' } : {}),
    ...(options.date !== null ? { 'hwaas-date': options.date, 'hwaas-date-from': options.dateLabel ?? '--date' } : {}),
  });

  async function send(call: ApiCall, input: unknown): Promise<Response> {
    const url = new URL(`${options.server.href.replace(/\/+$/, '')}/v1/${call.path}`);
    let body: string | Uint8Array;
    let type = 'application/json';
    if (call.kind === 'upload') {
      const { file, ...rest } = input as { file: { name: string; content: Uint8Array } } & Record<string, unknown>;
      url.searchParams.set('name', file.name);
      for (const [key, value] of Object.entries(rest)) if (value !== null && value !== undefined) url.searchParams.set(key, String(value));
      body = file.content;
      type = 'application/octet-stream';
    } else body = JSON.stringify(input ?? {});
    let response: Response;
    try {
      response = await doFetch(url, { method: 'POST', headers: headers(type), body });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw unreachable(options.server, cause?.code ?? cause?.message ?? (error as Error).message);
    }
    const api = response.headers.get('hwaas-api');
    if (response.headers.has('hwaas-timezone')) options.onTimezone?.(response.headers.get('hwaas-timezone') || null);
    if (api === null) throw new RefusedError('SERVER', `${options.server.origin} answered HTTP ${response.status} but is not an hwaas server: check the address (\`hwaas auth login --server URL\`).`);
    if (Number(api) !== API_VERSION) {
      const version = response.headers.get('hwaas-version') ?? 'another version';
      throw new RefusedError(
        'SERVER',
        `the server at ${options.server.origin} runs hwaas ${version}, whose API (${api}) is not this hwaas ${options.version}'s (${API_VERSION}): use versions that share one.`,
      );
    }
    if (!response.ok) {
      const text = await response.text();
      let wire: { error?: WireError } | null = null;
      try {
        wire = JSON.parse(text) as { error?: WireError };
      } catch {
        // not JSON: said below
      }
      if (wire?.error?.code) throw fromWire(wire.error);
      throw unreachable(options.server, `HTTP ${response.status}`);
    }
    return response;
  }

  const decode = (call: ApiCall, value: unknown): unknown => {
    const bytes = (d: { content: string }) => ({ ...d, content: new Uint8Array(Buffer.from(d.content, 'base64')) });
    if (call.document) return bytes(value as { content: string });
    const result = value as { document?: { content: string } } | null;
    if (result && typeof result === 'object' && typeof result.document?.content === 'string') return { ...result, document: bytes(result.document) };
    return value;
  };

  /** An answer that is not the JSON an hwaas server sends (garbled, cut off, a proxy's page): one sentence, never a crash. */
  const garbled = (why: string) => new RefusedError('SERVER', `the server at ${options.server.origin} answered what hwaas cannot read (${why}): check the address, or any proxy in between.`);

  async function answerOf(response: Response): Promise<unknown> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw unreachable(options.server, `the answer was cut off: ${(error as Error).message}`);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw garbled('not JSON');
    }
  }

  function parsedLine(line: string): { progress?: unknown; result?: unknown; error?: WireError } {
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      throw garbled('a line that is not JSON');
    }
    if (event === null || typeof event !== 'object' || Array.isArray(event)) throw garbled('a line that is not an event');
    return event as { progress?: unknown; result?: unknown; error?: WireError };
  }

  async function json(name: ApiName, input: unknown): Promise<unknown> {
    const call = API[name] as ApiCall;
    const response = await send(call, input);
    return decode(call, await answerOf(response));
  }

  function job(name: ApiName, input: unknown): AsyncIterable<unknown> {
    const call = API[name] as ApiCall;
    return {
      async *[Symbol.asyncIterator]() {
        const response = await send(call, input);
        if (!response.body) throw unreachable(options.server, 'an empty answer');
        const decoder = new TextDecoder();
        let pending = '';
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (value) pending += decoder.decode(value, { stream: true });
          let newline = pending.indexOf('\n');
          while (newline >= 0) {
            const line = pending.slice(0, newline);
            pending = pending.slice(newline + 1);
            newline = pending.indexOf('\n');
            if (line.trim() === '') continue;
            const event = parsedLine(line);
            if (event.error) throw fromWire(event.error);
            if ('result' in event) {
              yield { result: decode(call, event.result) };
              return;
            }
            yield event;
          }
          if (done) break;
        }
        throw unreachable(options.server, 'the answer ended before its result');
      },
    };
  }

  // Each group's methods, by the API's names: `quotes.make` → POST /v1/quotes/make.
  const groups = new Map<string, Record<string, (input?: unknown) => unknown>>();
  const top: Record<string, unknown> = {};
  for (const [name, call] of Object.entries(API) as [ApiName, ApiCall][]) {
    const [group, method] = name.includes('.') ? name.split('.') : [null, name];
    const fn = call.kind === 'json' ? (input?: unknown) => json(name, input) : (input?: unknown) => job(name, input);
    if (group === null) top[method!] = fn;
    else {
      if (!groups.has(group)) groups.set(group, {});
      groups.get(group)![method!] = fn;
    }
  }
  for (const [group, methods] of groups) top[group] = methods;
  // `access` answers null: the interface says void.
  return { ...(top as unknown as UseCases), access: async (input) => void (await json('access', input)) };
}

export { API_VERSION };
