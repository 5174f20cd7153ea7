import { PassThrough } from 'node:stream';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Clock, Session } from '../app/session.js';
import { API_VERSION } from '../app/api.js';
import type { UseCases } from '../app/usecases.js';
import { canonicalId } from '../domain/kernel/ids.js';
import { STAFF_SCOPE } from '../domain/kernel/model.js';
import { authenticate, notAuthenticated } from '../domain/parties/tokens.js';
import type { User } from '../domain/kernel/model.js';
import { HwaasError, RefusedError, UsageError } from '../errors.js';
import { parseDate } from '../terms/dates.js';
import { errorJson } from '../views/json/common.js';
import type { StorePool } from './pool.js';
import { ROUTES, type Route } from './routes.js';
import * as S from './schemas.js';

export interface ServerOptions {
  readonly pool: StorePool;
  /** The store's location, for sentences (never a password). */
  readonly where: string;
  readonly version: string;
  readonly clock: Clock;
  /** pino's options, or false for none (tests). */
  readonly logger: boolean | Record<string, unknown>;
  readonly https?: { key: Buffer; cert: Buffer } | null;
  /** The store's time zone, which every answer carries (null: UTC); undefined: not said. */
  readonly timezone?: string | null;
  /** A proxy in front serves TLS: the client's address is the proxy's X-Forwarded-For (failed logins are counted per client). */
  readonly behindProxy?: boolean;
  /** Sees every answer (a JSON body, or each line of a long run's): the tests check them against the OpenAPI document. */
  readonly onAnswer?: (path: string, status: number, body: string) => void;
}

/** What an upload may be: an import's file, as a local import reads it. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
/** A JSON body: a cases file is the largest (128 MB of text, escaped). */
const MAX_JSON_BYTES = 160 * 1024 * 1024;
/** Every other request's JSON: a use case's input is small. */
const MAX_SMALL_JSON_BYTES = 1024 * 1024;
/** The routes whose JSON body may be large: a cases file travels whole. */
const LARGE_JSON = new Set(['quotes/cases']);
/** Failed authentications from one address before it waits. */
const FAILURES_PER_MINUTE = 10;

/** Failures of the server's own store: they name its database, which is the administrator's business, not a user's. */
const STORE_SIDE = new Set(['UNREACHABLE', 'DISK_FULL', 'IO_ERROR', 'READ_ONLY', 'STORE_CORRUPT', 'STORE_TOO_OLD', 'STORE_TOO_NEW', 'NO_STORE']);

/** What a user is told of a failure of the server's store: its code, and that the administrator finds the rest in the log. */
function toClient(error: HwaasError, request: FastifyRequest): HwaasError {
  if (!STORE_SIDE.has(error.code)) return error;
  request.log.error({ code: error.code, said: error.message }, 'the store failed');
  return new RefusedError(error.code as never, `the hwaas server cannot use its store right now (${error.code}); its administrator finds why in the log (request ${request.id}).`);
}

/** The headers a request may carry besides its token, as the OpenAPI document describes them (any other is ignored). */
const SESSION_HEADERS = {
  type: 'object',
  properties: {
    'hwaas-as': { type: 'string', description: 'staff only: act as this user (an ID or e-mail); the order events record both' },
    'hwaas-date': { type: 'string', description: '"today" pinned for a what-if (YYYY-MM-DD); a live store refuses it on writes (DATE_PINNED)' },
    'hwaas-client': { type: 'string', description: "the client's hwaas version" },
  },
} as const;

/** A connection to the store that failed under a request: closed, never given to the next. */
const isLost = (error: unknown): boolean => error instanceof RefusedError && error.code === 'UNREACHABLE';

/** The HTTP status of a coded error: what it is, for proxies and scripts (the body says the rest). */
export function statusOf(error: HwaasError): number {
  if (error.exitCode === 2) return 400;
  switch (error.code) {
    case 'NOT_FOUND':
      return 404;
    case 'NOT_AUTHENTICATED':
      return 401;
    case 'RATE_LIMITED':
      return 429;
    case 'NOT_ALLOWED':
      return 403;
    case 'STORE_BUSY':
    case 'UNREACHABLE':
    case 'DISK_FULL':
    case 'IO_ERROR':
    case 'READ_ONLY':
      return 503;
    default:
      return 409;
  }
}

/** An error as the API says it: the domain's sentence and hint as data, and the exit code a command gives it. */
export const errorBody = (error: HwaasError) => ({ error: { ...errorJson(error), exitCode: error.exitCode as 1 | 2 } });

/** Bytes made by a use case, as JSON carries them. */
function withBase64(value: unknown, route: Route): unknown {
  if (route.document) {
    const d = value as { content: Uint8Array };
    return { ...d, content: Buffer.from(d.content.buffer, d.content.byteOffset, d.content.byteLength).toString('base64') };
  }
  const result = value as { document?: { content: Uint8Array } } | null;
  if (result?.document?.content instanceof Uint8Array) {
    const c = result.document.content;
    return { ...result, document: { ...result.document, content: Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('base64') } };
  }
  return value;
}

/**
 * `hwaas serve`: every use case over HTTP, for a shared store. Each request is one session:
 * its token says who acts (`hwaas-as`: staff acting as someone else; `hwaas-date`: a day
 * pinned for a what-if), it gets a connection of its own, and the use cases run exactly as
 * they do in process. Nothing but the coded error's sentence leaves the server.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: 'info', redact: ['req.headers.authorization'], ...(options.logger === true ? {} : options.logger) },
    bodyLimit: MAX_SMALL_JSON_BYTES,
    // A whole request (an upload of 256 MB included) within 10 minutes, its headers within
    // 15 seconds; a connection silent for 30 seconds, or idle between requests for 10, ends.
    requestTimeout: 10 * 60_000,
    connectionTimeout: 30_000,
    keepAliveTimeout: 10_000,
    http: { headersTimeout: 15_000 },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    https: options.https ?? null,
    trustProxy: options.behindProxy === true,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
  // Answers are written as they are: a field the schema does not name is not dropped silently (the tests check every answer against it).
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) => done(null, body));

  const { default: swagger } = await import('@fastify/swagger');
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'hwaas',
        version: options.version,
        description: 'Wildix Hardware as a Service: the use cases of hwaas over HTTP. Every call needs `Authorization: Bearer <token>` (`hwaas users token create`).',
      },
      components: { securitySchemes: { token: { type: 'http', scheme: 'bearer' } } },
      security: [{ token: [] }],
    },
  });

  const failures = new Map<string, number[]>();
  const tooMany = (ip: string) => {
    const now = Date.now();
    const recent = (failures.get(ip) ?? []).filter((t) => now - t < 60_000);
    failures.set(ip, recent);
    return recent.length >= FAILURES_PER_MINUTE;
  };

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('hwaas-version', options.version);
    reply.header('hwaas-api', String(API_VERSION));
    // The store's time zone (set when it was made): a client reads timestamps in it without asking.
    if (options.timezone !== undefined) reply.header('hwaas-timezone', options.timezone ?? '');
    if (options.onAnswer && typeof payload === 'string') options.onAnswer(request.routeOptions.url ?? request.url, reply.statusCode, payload);
    return payload;
  });

  app.setErrorHandler((error: FastifyError | HwaasError | Error, request, reply) => {
    if (error instanceof HwaasError) {
      if (error.code === 'RATE_LIMITED') reply.header('retry-after', '60');
      return reply.status(statusOf(error)).send(errorBody(toClient(error, request)));
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      const first = fe.validation[0];
      const where = `${fe.validationContext ?? 'body'}${first?.instancePath ?? ''}`.replace(/^body\//, '').replace(/\//g, '.');
      const field = where.split('.')[0] || undefined;
      return reply.status(400).send(errorBody(new UsageError(`${where}: ${first?.message ?? 'is not valid'}.`, 'INVALID_INPUT', field ? { field } : {})));
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(errorBody(new UsageError(`the request is larger than the server takes (${MAX_UPLOAD_BYTES / 1024 / 1024} MB for a file): split it.`, 'INVALID_INPUT')));
    }
    if (fe.statusCode && fe.statusCode < 500) return reply.status(fe.statusCode).send(errorBody(new UsageError(`${fe.message.replace(/\.$/, '')}.`, 'INVALID_INPUT')));
    request.log.error({ err: error }, 'internal error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: `internal error on the server (request ${request.id}); its administrator finds it in the log.`, exitCode: 1 } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody(new UsageError(`${request.method} ${request.url.split('?')[0]} is not a route of this server (GET /openapi.json lists them).`, 'USAGE')));
  });

  // Up means answering and reaching the store: a load balancer stops sending work to a server whose database is away.
  const health = S.obj({ status: S.en('ok', 'unavailable'), version: S.str });
  app.get('/healthz', { schema: { summary: 'Whether the server answers and reaches its store', security: [], response: { 200: health, 503: health } } }, async (request, reply) => {
    let broken = false;
    try {
      const lease = await options.pool.acquire();
      try {
        await lease.store.mode();
      } catch (error) {
        broken = isLost(error);
        throw error;
      } finally {
        await lease.release(broken);
      }
      return { status: 'ok', version: options.version };
    } catch (error) {
      request.log.warn({ err: error }, 'health: the store does not answer');
      return reply.status(503).send({ status: 'unavailable', version: options.version });
    }
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  /**
   * The token is checked when the request arrives, before its body is read: a request
   * without a valid token costs the server its headers, never its body. A valid token is
   * never refused; an address that keeps sending bad ones is answered 429 for a minute.
   */
  const authenticated = new WeakMap<FastifyRequest, User>();
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/v1/')) return;
    const header = request.headers.authorization ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    let found: Awaited<ReturnType<typeof authenticate>> = { refused: 'no token' };
    // A connection the database lost is replaced, and the lookup made once more.
    for (let attempt = 1; bearer; attempt++) {
      let broken = false;
      const lease = await options.pool.acquire();
      try {
        // The token is looked up among everyone's.
        await lease.store.confine(STAFF_SCOPE);
        found = await authenticate(lease.store, bearer, options.clock.now());
        if (!('refused' in found)) {
          const lastUsed = found.token.lastUsedAt ? Date.parse(found.token.lastUsedAt) : 0;
          if (options.clock.now().getTime() - lastUsed > 60_000) await lease.store.tokens.touch(found.token.id, options.clock.now().toISOString()).catch(() => {});
        }
        break;
      } catch (error) {
        broken = isLost(error);
        if (!broken || attempt >= 2) throw error;
      } finally {
        await lease.release(broken);
      }
    }
    if ('refused' in found) {
      const limited = tooMany(request.ip);
      failures.get(request.ip)!.push(Date.now());
      request.log.warn({ reason: found.refused }, 'authentication refused');
      if (limited) throw new RefusedError('RATE_LIMITED', 'too many failed attempts to log in from this address: wait a minute, then try again with a valid token.');
      throw notAuthenticated();
    }
    authenticated.set(request, found.user);
  });

  /** Who acts for a request: its token's user, or the user staff name; a day pinned for a what-if. */
  async function sessionOf(request: FastifyRequest, store: Parameters<typeof authenticate>[0]): Promise<Session> {
    const user = authenticated.get(request);
    if (!user) throw notAuthenticated();
    const as = typeof request.headers['hwaas-as'] === 'string' ? request.headers['hwaas-as'] : null;
    if (as !== null && user.role !== 'staff') {
      const named = as.includes('@') ? await store.parties.user(as.trim()) : await store.parties.user(canonicalId(as));
      if (named?.id !== user.id)
        throw new RefusedError(
          'NOT_ALLOWED',
          `${request.headers['hwaas-as-from'] === 'HWAAS_USER' ? 'HWAAS_USER' : '--as'}: ${user.id} is a partner's user: only Wildix staff may act as someone else.`,
        );
    }
    const dateHeader = typeof request.headers['hwaas-date'] === 'string' ? request.headers['hwaas-date'] : null;
    // How the client was given them, for the sentences that name them.
    const asLabel = request.headers['hwaas-as-from'] === 'HWAAS_USER' ? 'HWAAS_USER' : '--as';
    const dateLabel = request.headers['hwaas-date-from'] === 'HWAAS_TODAY' ? 'HWAAS_TODAY' : '--date';
    return { as: as ?? user.id, asLabel, date: dateHeader === null ? null : parseDate(dateHeader, dateLabel), dateLabel, actedBy: user.id, authenticated: user };
  }

  for (const route of ROUTES) {
    const isUpload = route.kind === 'upload';
    app.post(
      `/v1/${route.path}`,
      {
        bodyLimit: isUpload ? MAX_UPLOAD_BYTES + 1 : LARGE_JSON.has(route.path) ? MAX_JSON_BYTES : MAX_SMALL_JSON_BYTES,
        schema: {
          summary: route.summary,
          tags: [route.path.split('/')[0]!],
          headers: SESSION_HEADERS,
          ...(isUpload ? { querystring: route.input } : { body: route.input }),
          response: {
            200:
              route.kind === 'json'
                ? route.document
                  ? S.document
                  : route.output
                : {
                    description: 'JSON lines: {"progress": …} while it runs, then {"result": …} or {"error": …}',
                    content: { 'application/x-ndjson': { schema: { anyOf: [S.obj({ progress: S.progress }), S.obj({ result: route.output }), S.errorBody] } } },
                  },
            '4XX': S.errorBody,
            '5XX': S.errorBody,
          },
        },
      },
      async (request: FastifyRequest, reply: FastifyReply) => {
        // A connection lost under a request (the database restarted, a connection killed) is
        // replaced and the request run once more: its transaction was rolled back with it.
        for (let attempt = 1; ; attempt++) {
          const lease = await options.pool.acquire();
          let streaming = false;
          let broken = false;
          try {
            // The token is looked up among everyone's; the use case then sees only the acting user's rows.
            await lease.store.confine(STAFF_SCOPE);
            const session = await sessionOf(request, lease.store);
            const { localUseCases } = await import('../app/local/index.js');
            const cases: UseCases = localUseCases({ store: async () => lease.store, where: options.where, session, clock: options.clock });
            let input: unknown = request.body ?? {};
            if (isUpload) {
              // The query carries text: its flags are true or false.
              const { name, ...rest } = request.query as Record<string, string>;
              const options = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, value === 'true' ? true : value === 'false' ? false : value]));
              input = { ...options, file: { name, content: request.body as Buffer } };
            }
            // No text of hwaas holds NUL (PostgreSQL cannot store it): said of the input, never a failure of the store.
            if (JSON.stringify(isUpload ? request.query : (request.body ?? null)).includes('\\u0000')) {
              throw new UsageError('a text in the request holds the character NUL (U+0000), which no ID, name or date holds.', 'INVALID_INPUT');
            }
            // Written as JSON whatever it is (a string, null): Fastify would send a bare string as text.
            if (route.kind === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(withBase64(await route.call(cases, input as never), route) ?? null));
            // A long run: its events as JSON lines.
            streaming = true;
            const events = route.call(cases, input as never) as AsyncIterable<unknown>;
            // The job runs to its end whatever the client does (it may stop reading, or go away):
            // the connection goes back to the pool when the job ends, never with the stream.
            const lines = new PassThrough();
            const say = (line: string) => {
              options.onAnswer?.(`/v1/${route.path}`, 200, line);
              if (!lines.destroyed) lines.write(`${line}\n`);
            };
            void (async () => {
              let lost = false;
              try {
                for await (const event of events) {
                  const e = event as { result?: unknown };
                  say(JSON.stringify('result' in e ? { result: withBase64(e.result, route) } : event));
                }
              } catch (error) {
                lost = isLost(error);
                if (error instanceof HwaasError) say(JSON.stringify(errorBody(toClient(error, request))));
                else {
                  request.log.error({ err: error }, 'internal error');
                  say(JSON.stringify({ error: { code: 'INTERNAL', message: `internal error on the server (request ${request.id}); its administrator finds it in the log.`, exitCode: 1 } }));
                }
              } finally {
                await lease.release(lost);
                lines.end();
              }
            })();
            return reply.type('application/x-ndjson').send(lines);
          } catch (error) {
            streaming = false;
            // A connection that failed under the request is not given to the next one.
            broken = isLost(error);
            if (!broken || attempt >= 2) throw error;
            request.log.warn({ attempt }, 'the connection to the store was lost: the request runs again on a new one');
          } finally {
            if (!streaming) await lease.release(broken);
          }
        }
      },
    );
  }
  return app;
}
