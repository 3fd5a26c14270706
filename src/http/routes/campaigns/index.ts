import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actOnCampaign, CampaignError, getCampaign, listCampaigns } from '../../../store/campaigns.js';
import { decodeCursor, encodeCursor } from '../../cursor.js';
import { Errors } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { ActionSchema, DecisionBody, IdParams, page, PageQuery, ProblemSchema, SeveritySchema } from '../../schemas.js';
import type { RouteOptions } from '../../services.js';

const CampaignSummary = z.object({
  id: z.number().int(),
  firstSeen: z.number().int(),
  lastSeen: z.number().int(),
  postCount: z.number().int(),
  authorCount: z.number().int().describe('Distinct authors'),
  channelCount: z.number().int().describe('Distinct channels'),
});

const CampaignDetails = CampaignSummary.extend({
  createdAt: z.number().int(),
  cases: z.object({ open: z.number().int(), decided: z.number().int(), bySeverity: z.record(z.string(), z.number().int()) }),
  maxSeverity: SeveritySchema,
  timeline: z.array(z.object({ hour: z.number().int().describe('Start of the hour, epoch ms'), posts: z.number().int() })).describe('Posts per hour, oldest first; hours without posts are left out'),
  authors: z.array(z.object({ author: z.string().describe('Opaque account reference from the platform'), posts: z.number().int() })).describe('Most active authors first (top 50)'),
  channels: z.array(z.object({ channel: z.string(), posts: z.number().int() })).describe('Most active channels first (top 50)'),
  openCases: z.number().int(),
});

const ActionResponse = z.object({ campaignId: z.number().int(), action: ActionSchema, decided: z.number().int().describe('Open cases decided'), caseIds: z.array(z.number().int()), skippedLocked: z.number().int().describe('Open cases left alone because another reviewer holds them') });

const notFound = { description: 'No such campaign', content: { 'application/problem+json': { schema: ProblemSchema } } };

/** Campaigns: reposts of one dox grouped by shared personal data or near-duplicate text. */
export const campaignRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/campaigns',
    {
      config: { role: 'reviewer' },
      schema: { tags: ['campaigns'], summary: 'List campaigns', description: 'Most recently active first; page with `cursor`.', querystring: z.strictObject(PageQuery), response: { 200: page(CampaignSummary) } },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeCursor('campaigns', cursor, 2);
      const rows = await listCampaigns(services.store, { ...(after === undefined ? {} : { after: { lastSeen: after[0] as number, id: after[1] as number } }), limit: limit + 1 });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor('campaigns', [last.lastSeen, last.id]) : null };
    },
  );

  app.get(
    '/campaigns/:id',
    {
      config: { role: 'reviewer' },
      schema: {
        tags: ['campaigns'],
        summary: 'Get one campaign',
        description: 'Counts of posts, authors and channels, cases by status and severity, posts per hour, and the most active authors and channels.',
        params: IdParams,
        response: { 200: CampaignDetails, 404: notFound },
      },
    },
    async (request) => {
      const details = await getCampaign(services.store, request.params.id);
      if (details === undefined) throw Errors.campaignNotFound(request.params.id);
      return { ...details, cases: { ...details.cases, bySeverity: { ...details.cases.bySeverity } }, timeline: [...details.timeline], authors: [...details.authors], channels: [...details.channels], maxSeverity: SeveritySchema.parse(details.maxSeverity) };
    },
  );

  app.post(
    '/campaigns/:id/action',
    {
      config: { role: 'reviewer' },
      schema: {
        tags: ['campaigns'],
        summary: 'Act on a whole campaign',
        description: 'Decides every open case of the campaign with one action, in one transaction; each decision is audited. Cases already decided, and open cases another reviewer holds (see `skippedLocked`), are left as they are.',
        params: IdParams,
        body: DecisionBody,
        response: { 200: ActionResponse, 404: notFound },
      },
    },
    async (request) => {
      const { id } = request.params;
      try {
        const { decided, skippedLocked } = await actOnCampaign(services.store, id, { actor: actorOf(request.principal), action: request.body.action, reason: request.body.reason, policyVersion: services.policyVersion }, services.clock());
        return { campaignId: id, action: request.body.action, decided: decided.length, caseIds: decided, skippedLocked };
      } catch (error) {
        if (error instanceof CampaignError) throw Errors.campaignNotFound(id);
        throw error;
      }
    },
  );
};
