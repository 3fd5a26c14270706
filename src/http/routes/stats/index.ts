import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BUCKET_MS, dashboardStats, MAX_BUCKETS, STATS_BUCKETS } from '../../../store/stats.js';
import { Errors } from '../../errors.js';
import type { RouteOptions } from '../../services.js';

const epochMs = z
  .string()
  .regex(/^\d{1,15}$/, 'must be epoch milliseconds')
  .transform(Number);

const StatsQuery = z.strictObject({
  from: epochMs.optional().describe('Start of the range, epoch ms (inclusive); default: 24 hours (bucket=hour) or 30 days (bucket=day) before `to`'),
  to: epochMs.optional().describe('End of the range, epoch ms (exclusive); default: now'),
  bucket: z.enum(STATS_BUCKETS).default('hour'),
});

const count = z.number().int();
const Stats = z.object({
  volume: z
    .array(z.object({ at: z.number().int().describe('Start of the bucket, epoch ms (UTC)'), total: count, byLabel: z.object({ dox: count, threat: count, bounty: count }), byLanguage: z.record(z.string(), count), byAction: z.record(z.string(), count) }))
    .describe('Posts received per bucket, every bucket of the range listed'),
  queue: z.object({
    open: count,
    oldestCreatedAt: z.number().int().nullable(),
    ages: z.object({ under1h: count, under4h: count, under24h: count, over24h: count }).describe('Open cases by time since opened, in disjoint bands (1–4 h, 4–24 h …)'),
    overdue: count.describe('Open cases past their due time'),
  }),
  agreement: z
    .object({
      decided: count,
      agreed: count.describe('Reviewer acted (not allow) on a flagged case, or allowed an unflagged one'),
      precision: z.object({ dox: z.number().nullable(), threat: z.number().nullable(), bounty: z.number().nullable() }).describe('Confirmed / decided with that label; null when none was decided'),
    })
    .describe('Cases decided within the range'),
});

const DEFAULT_SPAN = { hour: 24 * BUCKET_MS.hour, day: 30 * BUCKET_MS.day } as const;

/** Dashboard numbers: volume over time, the queue now, and how often reviewers confirm the engine. */
export const statsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/stats',
    {
      config: { role: 'reviewer' },
      schema: { tags: ['stats'], summary: 'Dashboard statistics', description: `Buckets of an hour or a day (UTC); a range spans at most ${MAX_BUCKETS} buckets.`, querystring: StatsQuery, response: { 200: Stats } },
    },
    async (request) => {
      const now = services.clock();
      const { bucket } = request.query;
      const to = request.query.to ?? now;
      const from = request.query.from ?? to - DEFAULT_SPAN[bucket];
      if (to <= from) throw Errors.validation('the query string is invalid: /to: must be after from', [{ location: 'query', pointer: '/to', detail: 'must be after from' }]);
      if ((to - Math.floor(from / BUCKET_MS[bucket]) * BUCKET_MS[bucket]) / BUCKET_MS[bucket] > MAX_BUCKETS) {
        throw Errors.validation(`the query string is invalid: /from: the range spans more than ${MAX_BUCKETS} ${bucket}s`, [{ location: 'query', pointer: '/from', detail: `at most ${MAX_BUCKETS} ${bucket}s; narrow the range or use bucket=day` }]);
      }
      const stats = await dashboardStats(services.store, { from, to, bucket }, now);
      return { ...stats, volume: stats.volume.map((v) => ({ ...v, byLabel: { ...v.byLabel }, byLanguage: { ...v.byLanguage }, byAction: { ...v.byAction } })), agreement: { ...stats.agreement, precision: { ...stats.agreement.precision } } };
    },
  );
};
