import { createServer, type Server } from 'node:http';
import type { Policy } from '../core/policy/policy.js';
import { KeyedHasher } from '../core/watchlist/keyed-hash.js';
import { Ingestor } from '../ingest/ingest.js';
import { loadHashKeys } from '../keys/hash-keys.js';
import { NatsQueue } from '../queue/nats/mod.js';
import { WorkerMetrics } from '../queue/worker-metrics.js';
import { PostWorker, type WorkerLog } from '../queue/worker.js';
import { describeUrl } from '../store/database.js';
import { Store } from '../store/store.js';

export interface WorkerConfig {
  /** postgres:// URL (or a SQLite file for a single machine). */
  readonly db: string;
  readonly keyFile: string;
  readonly queueUrl: string;
  readonly streamPrefix?: string;
  readonly duplicateWindowMs?: number;
  readonly ackWaitMs?: number;
  readonly policy: Policy;
  readonly batchSize?: number;
  readonly inFlight?: number;
  readonly maxDeliver?: number;
  /** Upper bound of one fetch when the queue is quiet (at least 1 s). */
  readonly fetchExpiresMs?: number;
  readonly nakDelayMs?: (deliveryCount: number) => number;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** Serve /metrics and /healthz on this port (0: any free port); absent: no HTTP at all. */
  readonly metricsPort?: number;
  readonly metricsHost?: string;
  /** Process metrics (CPU, memory, event loop); off for workers living inside tests. */
  readonly processMetrics?: boolean;
  /** Operator messages (startup, shutdown). */
  readonly notify: (line: string) => void;
  /** Structured log lines (ids and counts); JSON on stdout by default. */
  readonly log?: WorkerLog;
  /** Stop on SIGTERM and SIGINT (off for workers embedded in tests). */
  readonly handleSignals?: boolean;
}

export interface RunningWorker {
  readonly worker: PostWorker;
  readonly metrics: WorkerMetrics;
  /** Where /metrics is served, when a metrics port was given. */
  readonly metricsUrl: string | undefined;
  /** Stops pulling, finishes and acknowledges the batches in flight, then closes NATS and the database. */
  stop(): Promise<void>;
  /** Settles once the worker has stopped (by stop() or a signal). */
  readonly closed: Promise<void>;
}

const jsonLog: WorkerLog = (level, msg, fields) => {
  process.stdout.write(`${JSON.stringify({ level, time: Date.now(), msg, ...fields })}\n`);
};

async function listenMetrics(metrics: WorkerMetrics, host: string, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === '/metrics') {
      metrics.registry.metrics().then(
        (body) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
        () => response.writeHead(500).end(),
      );
    } else if (request.method === 'GET' && path === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"status":404}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  return { server, url: typeof address === 'object' && address !== null ? `http://${host}:${address.port}` : String(address) };
}

/** Wiring only: keys, store, queue consumer, ingest pipeline and the worker loop, running until told to stop. */
export async function startWorker(config: WorkerConfig): Promise<RunningWorker> {
  const hasher = new KeyedHasher(loadHashKeys({ keyFile: config.keyFile, createIfMissing: !/^postgres/.test(config.db) }));
  const store = await Store.open(config.db);
  let queue: NatsQueue;
  let metricsServer: { server: Server; url: string } | undefined;
  const metrics = new WorkerMetrics({ processMetrics: config.processMetrics ?? false });
  let worker: PostWorker;
  try {
    queue = await NatsQueue.open({
      url: config.queueUrl,
      clientName: 'bulwark-worker',
      ...(config.streamPrefix === undefined ? {} : { prefix: config.streamPrefix }),
      ...(config.duplicateWindowMs === undefined ? {} : { duplicateWindowMs: config.duplicateWindowMs }),
      ...(config.ackWaitMs === undefined ? {} : { ackWaitMs: config.ackWaitMs }),
    });
    try {
      const source = await queue.deliveries(config.fetchExpiresMs);
      worker = new PostWorker({
        source,
        store,
        ingestor: new Ingestor({ store, hasher, policy: config.policy }),
        events: metrics,
        log: config.log ?? jsonLog,
        ...(config.batchSize === undefined ? {} : { batchSize: config.batchSize }),
        ...(config.inFlight === undefined ? {} : { inFlight: config.inFlight }),
        ...(config.maxDeliver === undefined ? {} : { maxDeliver: config.maxDeliver }),
        ...(config.nakDelayMs === undefined ? {} : { nakDelayMs: config.nakDelayMs }),
        ...(config.retryBaseMs === undefined ? {} : { retryBaseMs: config.retryBaseMs }),
        ...(config.retryMaxMs === undefined ? {} : { retryMaxMs: config.retryMaxMs }),
      });
      if (config.metricsPort !== undefined) metricsServer = await listenMetrics(metrics, config.metricsHost ?? '127.0.0.1', config.metricsPort);
    } catch (error) {
      await queue.close();
      throw error;
    }
  } catch (error) {
    await store.close();
    throw error;
  }

  const running = worker.run();
  config.notify(
    `consuming ${queue.names.posts} as ${queue.names.consumer} from ${queue.description} into ${describeUrl(config.db)}, policy ${config.policy.id}${metricsServer === undefined ? '' : `, metrics at ${metricsServer.url}/metrics`}`,
  );

  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  let stopping: Promise<void> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping !== undefined) {
      config.notify(`${signal} again: exiting now`);
      process.exit(1);
    }
    config.notify(`${signal}: finishing the batch in flight, then stopping`);
    void stop();
  };
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      try {
        worker.stop();
        await running;
        await queue.close();
        if (metricsServer !== undefined) await new Promise<void>((resolve) => metricsServer?.server.close(() => resolve()));
      } finally {
        await store.close();
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        config.notify('stopped');
        resolveClosed();
      }
    })();
    return stopping;
  };
  if (config.handleSignals ?? true) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  return { worker, metrics, metricsUrl: metricsServer?.url, stop, closed };
}
