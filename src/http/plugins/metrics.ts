import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LABELS, SEVERITIES, type Labels } from '../../core/assess/result.js';
import { openCaseCounts } from '../../store/cases.js';
import type { Store } from '../../store/store.js';

/**
 * Prometheus metrics of one app (its own registry, so several apps can live in one process):
 * requests and latency by route, posts by label and action, and the open case queue.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route'>;
  private readonly posts: Counter<'label' | 'action'>;

  constructor(store: Store, options: { processMetrics: boolean }) {
    const registers = [this.registry];
    this.requests = new Counter({ name: 'bulwark_http_requests_total', help: 'HTTP requests by method, route pattern and status code', labelNames: ['method', 'route', 'status'], registers });
    this.latency = new Histogram({
      name: 'bulwark_http_request_duration_seconds',
      help: 'Time from receiving a request to sending its response, by route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.posts = new Counter({ name: 'bulwark_posts_total', help: 'Posts stored through the API, by label flagged ("none" when none) and recommended action', labelNames: ['label', 'action'], registers });
    new Gauge({
      name: 'bulwark_open_cases',
      help: 'Open cases waiting for a decision, by severity (the review queue depth)',
      labelNames: ['severity'],
      registers,
      async collect() {
        const counts = await openCaseCounts(store);
        for (const s of SEVERITIES) this.set({ severity: s }, counts[s] ?? 0);
      },
    });
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'bulwark_' });
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.latency.observe({ method, route }, seconds);
  }

  /** One count per flagged label of a newly stored post (a post flagged dox and threat counts under both). */
  countPost(labels: Labels, action: string): void {
    const flagged = LABELS.filter((l) => labels[l].flagged);
    for (const label of flagged.length > 0 ? flagged : ['none']) this.posts.inc({ label, action });
  }
}

export function installMetrics(app: FastifyInstance, metrics: ApiMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    // Route patterns, not raw URLs: unknown paths share one series.
    metrics.observeRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
}
