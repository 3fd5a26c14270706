import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_STATUSES } from '../../../store/records.js';
import { getCaseDetails } from '../../../store/case-details.js';
import { CaseError, decideCase, listCases } from '../../../store/cases.js';
import { decodeCursor, encodeCursor } from '../../cursor.js';
import { Errors } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { ActionSchema, DecisionBody, IdParams, LabelsSchema, page, PageQuery, ProblemSchema, SeveritySchema, WatchlistFieldSchema } from '../../schemas.js';
import type { RouteOptions } from '../../services.js';

const CaseStatusSchema = z.enum(CASE_STATUSES);

const CaseSummary = z.object({
  id: z.number().int(),
  postId: z.number().int(),
  campaignId: z.number().int().nullable(),
  status: CaseStatusSchema,
  severity: SeveritySchema,
  recommendedAction: ActionSchema,
  assignee: z.string().nullable(),
  dueAt: z.number().int().describe('Epoch ms by which a decision is due'),
  createdAt: z.number().int(),
});

const CaseListQuery = z.strictObject({
  status: CaseStatusSchema.optional(),
  severity: SeveritySchema.optional(),
  campaign: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, 'must be a campaign id')
    .transform(Number)
    .optional()
    .describe('Only cases of this campaign'),
  ...PageQuery,
});

const CaseDetails = z.object({
  id: z.number().int(),
  status: CaseStatusSchema,
  severity: SeveritySchema,
  recommendedAction: ActionSchema,
  assignee: z.string().nullable(),
  campaignId: z.number().int().nullable(),
  dueAt: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  decidedAt: z.number().int().nullable(),
  post: z.object({
    id: z.number().int(),
    source: z.string(),
    externalId: z.string(),
    channel: z.string().nullable(),
    author: z.string().nullable(),
    text: z.string().nullable().describe('Null once purged past retention'),
    textLength: z.number().int(),
    receivedAt: z.number().int(),
    purgedAt: z.number().int().nullable(),
  }),
  assessment: z
    .object({
      engineVersion: z.string(),
      policyVersion: z.string(),
      language: z.string(),
      severity: SeveritySchema,
      action: ActionSchema,
      labels: LabelsSchema.describe('Scores, evidence spans (offsets into the post text) and explanations'),
      createdAt: z.number().int(),
    })
    .nullable(),
  findings: z.array(z.object({ type: z.string(), start: z.number().int(), end: z.number().int(), subtype: z.string().nullable(), owner: z.string().nullable() })),
  watchlistHits: z.array(z.object({ personId: z.number().int(), field: WatchlistFieldSchema })).describe('Protected persons named, never the identifier'),
  decisions: z.array(z.object({ id: z.number().int(), actor: z.string(), action: ActionSchema, reason: z.string(), policyVersion: z.string(), createdAt: z.number().int() })),
});

const DecisionResponse = z.object({ decisionId: z.number().int(), caseId: z.number().int(), action: ActionSchema, policyVersion: z.string(), decidedAt: z.number().int() });

const conflict = { description: 'The case is already decided', content: { 'application/problem+json': { schema: ProblemSchema } } };
const notFound = { description: 'No such case', content: { 'application/problem+json': { schema: ProblemSchema } } };

/** The review queue: list (most severe first, then oldest), one case in full, and decisions. */
export const caseRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/cases',
    {
      config: { role: 'reviewer' },
      schema: {
        tags: ['cases'],
        summary: 'List cases',
        description: 'Most severe first, then oldest. Filter by status, severity and campaign; page with `cursor`.',
        querystring: CaseListQuery,
        response: { 200: page(CaseSummary) },
      },
    },
    async (request) => {
      const { status, severity, campaign, limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeCursor('cases', cursor, 3);
      const rows = await listCases(services.store, {
        ...(status === undefined ? {} : { status }),
        ...(severity === undefined ? {} : { severity }),
        ...(campaign === undefined ? {} : { campaignId: campaign }),
        ...(after === undefined ? {} : { after: { severityRank: after[0] as number, createdAt: after[1] as number, id: after[2] as number } }),
        limit: limit + 1,
      });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map(({ severityRank: _rank, ...c }) => ({ ...c, severity: SeveritySchema.parse(c.severity), recommendedAction: ActionSchema.parse(c.recommendedAction) })),
        nextCursor: rows.length > limit && last !== undefined ? encodeCursor('cases', [last.severityRank, last.createdAt, last.id]) : null,
      };
    },
  );

  app.get(
    '/cases/:id',
    {
      config: { role: 'reviewer' },
      schema: {
        tags: ['cases'],
        summary: 'Get one case',
        description: 'The post text, findings, labels with evidence, watchlist hits (person id and field only), decisions and campaign.',
        params: IdParams,
        response: { 200: CaseDetails, 404: notFound },
      },
    },
    async (request) => {
      const details = await getCaseDetails(services.store, request.params.id);
      if (details === undefined) throw Errors.caseNotFound(request.params.id);
      return CaseDetails.parse(details);
    },
  );

  app.post(
    '/cases/:id/decision',
    {
      config: { role: 'reviewer' },
      schema: {
        tags: ['cases'],
        summary: 'Decide a case',
        description: 'Records the action, the reason, the reviewer (the API key) and the policy version, and closes the case; audited.',
        params: IdParams,
        body: DecisionBody,
        response: { 201: DecisionResponse, 404: notFound, 409: conflict },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const now = services.clock();
      try {
        const decisionId = await decideCase(services.store, id, { actor: actorOf(request.principal), action: request.body.action, reason: request.body.reason, policyVersion: services.policyVersion }, now);
        return reply.code(201).send({ decisionId, caseId: id, action: request.body.action, policyVersion: services.policyVersion, decidedAt: now });
      } catch (error) {
        if (error instanceof CaseError && error.code === 'CASE_NOT_FOUND') throw Errors.caseNotFound(id);
        if (error instanceof CaseError && error.code === 'CASE_ALREADY_DECIDED') throw Errors.caseAlreadyDecided(id);
        throw error;
      }
    },
  );
};
