import type { FastifyInstance } from 'fastify';
import type { Policy } from '../core/policy/policy.js';
import { KeyedHasher } from '../core/watchlist/keyed-hash.js';
import { buildApp } from '../http/app.js';
import { Ingestor } from '../ingest/ingest.js';
import { NatsQueue } from '../queue/nats/mod.js';
import { loadHashKeys } from '../keys/hash-keys.js';
import { hasActiveAdminKey } from '../store/api-keys.js';
import { listUsers } from '../store/users.js';
import { describeUrl } from '../store/database.js';
import { Store } from '../store/store.js';
import { startDispatcher } from '../webhooks/dispatcher.js';

export interface ServerConfig {
  /** SQLite file or postgres:// URL. */
  readonly db: string;
  readonly keyFile: string;
  readonly host: string;
  readonly port: number;
  /** The policy choosing actions; its id is recorded with every assessment and decision. */
  readonly policy: Policy;
  /** Default requests per minute per API key. */
  readonly rateLimit?: number;
  /** Minutes without a request after which a signed-in session ends (default 30). */
  readonly sessionIdleMinutes?: number;
  /** Reverse proxies whose forwarded headers are believed (see AppDeps.trustedProxies). */
  readonly trustedProxies?: readonly string[];
  /** Operator messages (startup, shutdown); request logs go to stdout as JSON. */
  readonly notify: (line: string) => void;
  /** Stop on SIGTERM and SIGINT (off for servers embedded in tests). */
  readonly handleSignals?: boolean;
  /** Publish posts to NATS JetStream for `bulwark worker` instead of processing them in-process. */
  readonly queue?: { readonly url: string; readonly streamPrefix?: string; readonly duplicateWindowMs?: number };
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  /** Stops accepting connections, lets requests in flight finish, then closes the database. */
  close(): Promise<void>;
  /** Settles once the server has stopped (by close() or a signal). */
  readonly closed: Promise<void>;
}

/** Wiring only: keys, store, ingest pipeline, HTTP app and webhook dispatcher, running until told to stop. */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const hasher = new KeyedHasher(loadHashKeys({ keyFile: config.keyFile, createIfMissing: !/^postgres/.test(config.db) }));
  const store = await Store.open(config.db);
  const queue =
    config.queue === undefined
      ? undefined
      : await NatsQueue.open({ url: config.queue.url, clientName: 'bulwark-serve', ...(config.queue.streamPrefix === undefined ? {} : { prefix: config.queue.streamPrefix }), ...(config.queue.duplicateWindowMs === undefined ? {} : { duplicateWindowMs: config.queue.duplicateWindowMs }) }).catch(async (error: unknown) => {
          await store.close();
          throw error;
        });
  const ingestor = new Ingestor({ store, hasher, policy: config.policy });
  const app = await buildApp({ store, hasher, ingestor, policyVersion: config.policy.id, policy: config.policy, logger: { level: 'info' }, processMetrics: true, ...(config.rateLimit === undefined ? {} : { rateLimit: config.rateLimit }), ...(config.sessionIdleMinutes === undefined ? {} : { sessionIdleMinutes: config.sessionIdleMinutes }), ...(config.trustedProxies === undefined ? {} : { trustedProxies: config.trustedProxies }), ...(queue === undefined ? {} : { queue }) }).catch(async (error: unknown) => {
    await queue?.close();
    await store.close();
    throw error;
  });
  try {
    if (!(await hasActiveAdminKey(store))) {
      config.notify(`no admin API key yet: create one with  bulwark keys create --role admin --name <who> --db ${describeUrl(config.db)}  (it is printed once)`);
    }
    if ((await listUsers(store)).every((u) => u.disabledAt !== null)) {
      config.notify(`no review UI account yet: create one with  bulwark users create --username <name> --role reviewer|admin --db ${describeUrl(config.db)}  (the password is printed once)`);
    }
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    await queue?.close();
    await store.close();
    throw error;
  }
  const dispatcher = startDispatcher(store, {
    keys: hasher.keys,
    onAttempt: (attempt) => app.log.info({ webhook: attempt }, 'webhook delivery attempt'),
    onError: (error) => app.log.warn({ errorName: (error as Error).name, errorCode: (error as { code?: unknown }).code }, 'webhook dispatcher round failed; retrying'),
  });
  const address = app.server.address();
  const url = typeof address === 'object' && address !== null ? `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}` : String(address);
  config.notify(`listening on ${url} (review UI at ${url}/, API under /v1, docs at ${url}/docs) with ${describeUrl(config.db)}, policy ${config.policy.id}${queue === undefined ? '' : `, publishing posts to ${queue.description}`}`);

  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  let closing: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing !== undefined) {
      config.notify(`${signal} again: exiting now`);
      process.exit(1);
    }
    config.notify(`${signal}: finishing requests in flight, then stopping`);
    void close();
  };
  const close = (): Promise<void> => {
    closing ??= (async () => {
      try {
        await app.close();
        await dispatcher.stop();
      } finally {
        await queue?.close();
        await store.close();
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        config.notify('stopped');
        resolveClosed();
      }
    })();
    return closing;
  };
  if (config.handleSignals ?? true) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  return { app, url, close, closed };
}
