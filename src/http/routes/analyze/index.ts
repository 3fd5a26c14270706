import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_TEXT_LENGTH } from '../../../core/limits.js';
import { MAX_FIELD_LENGTH } from '../../../ingest/validate.js';
import { Errors } from '../../errors.js';
import { ANALYZE_BODY_LIMIT } from '../../limits.js';
import { ActionSchema, FindingSchema, LabelsSchema, SeveritySchema, WatchlistHitSchema } from '../../schemas.js';
import type { RouteOptions } from '../../services.js';

const AnalyzeBody = z.strictObject({
  text: z.string().max(MAX_TEXT_LENGTH).describe(`The post text (at most ${MAX_TEXT_LENGTH} UTF-16 code units)`),
  id: z.string().min(1).max(MAX_FIELD_LENGTH).optional().describe('Your id for the post, echoed back'),
  source: z.string().min(1).max(MAX_FIELD_LENGTH).optional().describe('Where the post is about to appear; policy rules may depend on it (default "analyze")'),
  channel: z.string().min(1).max(MAX_FIELD_LENGTH).optional().describe('Channel, group or thread; policy rules may depend on it'),
});

const AnalyzeResponse = z.object({
  id: z.string().optional(),
  engine: z.string().describe('Engine version'),
  policyVersion: z.string(),
  language: z.enum(['en', 'es']),
  mixedLanguage: z.boolean(),
  findings: z.array(FindingSchema),
  labels: LabelsSchema,
  watchlist: z.array(WatchlistHitSchema).describe('Protected persons named in the post (never the identifier)'),
  severity: SeveritySchema,
  action: ActionSchema.describe('Recommended action of the live policy'),
});

const round = (x: number) => Math.round(x * 1000) / 1000;

/** POST /v1/analyze: the assessment of one post, checked against the watchlist; nothing is stored. */
export const analyzeRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.post(
    '/analyze',
    {
      config: { role: 'ingest' },
      bodyLimit: ANALYZE_BODY_LIMIT,
      schema: {
        tags: ['analyze'],
        summary: 'Analyze one post without storing it',
        description: 'For inline checks before a post is published: findings, labels with evidence, watchlist hits, severity and the recommended action. Stores nothing.',
        body: AnalyzeBody,
        response: { 200: AnalyzeResponse },
      },
    },
    async (request) => {
      const { text, id, source, channel } = request.body;
      // The ingest pipeline's own analysis (same watchlist, same policy), without its store step.
      const { prepared, rejected } = await services.ingestor.prepare([{ source: source ?? 'analyze', id: id ?? 'inline', text, ...(channel === undefined ? {} : { channel }) }]);
      const analyzed = prepared[0];
      if (analyzed === undefined) throw Errors.validation(`the post cannot be analyzed: ${rejected[0]?.reason ?? 'unknown reason'}`, [{ location: 'body', pointer: '', detail: rejected[0]?.reason ?? 'rejected' }]);
      const { result } = analyzed;
      return {
        ...(id === undefined ? {} : { id }),
        engine: result.engineVersion,
        policyVersion: analyzed.policyVersion,
        language: result.language,
        mixedLanguage: result.mixedLanguage,
        findings: result.findings.map(({ canonical: _canonical, ...f }) => ({ ...f, confidence: round(f.confidence) })),
        labels: result.labels as z.output<typeof LabelsSchema>,
        watchlist: [...result.watchlist],
        severity: result.severity,
        action: result.action,
      };
    },
  );
};
