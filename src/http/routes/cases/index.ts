import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LABELS } from '../../../core/assess/result.js';
import { ENTITY_TYPES } from '../../../core/types.js';
import { actorNames } from '../../../store/actors.js';
import { getCaseDetails, RevealError, revealFinding } from '../../../store/case-details.js';
import { CaseError, claimCase, decideCase, listCases, releaseCase } from '../../../store/cases.js';
import { CASE_STATUSES } from '../../../store/records.js';
import { decodeCursor, encodeCursor } from '../../cursor.js';
import { Errors } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { ActionSchema, DecisionBody, IdParams, LabelsSchema, page, PageQuery, ProblemSchema, SeveritySchema, WatchlistFieldSchema } from '../../schemas.js';
import type { RouteOptions } from '../../services.js';
import type { Store } from '../../../store/store.js';

const CaseStatusSchema = z.enum(CASE_STATUSES);
const LabelSchema = z.enum(LABELS);
const lockFields = {
  lockedBy: z.string().nullable().describe('Actor holding a live review lock (`user:<id>` or `api-key:<id>`), null when free'),
  lockedUntil: z.number().int().nullable().describe('Epoch ms when the lock ends'),
};

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
  labels: z.array(LabelSchema).describe('Labels the engine flagged'),
  language: z.string().nullable(),
  watchlistHits: z.number().int().describe('Protected identifiers found in the post'),
  campaignSize: z.number().int().nullable().describe('Posts in the case\'s campaign'),
  ...lockFields,
  lockedByMe: z.boolean(),
});

const CaseListQuery = z.strictObject({
  status: CaseStatusSchema.optional(),
  severity: SeveritySchema.optional(),
  label: LabelSchema.optional().describe('Only cases the engine flagged with this label'),
  language: z.enum(['en', 'es']).optional(),
  watchlist: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('true: only cases naming a protected person; false: only those that do not'),
  campaign: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, 'must be a campaign id')
    .transform(Number)
    .optional()
    .describe('Only cases of this campaign'),
  ...PageQuery,
});

const Segment = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), start: z.number().int(), end: z.number().int(), text: z.string() }),
  z.object({ kind: z.literal('masked'), start: z.number().int(), end: z.number().int(), finding: z.number().int().describe('Index into findings'), type: z.enum(ENTITY_TYPES), placeholder: z.string() }),
]);

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
  ...lockFields,
  post: z.object({
    id: z.number().int(),
    source: z.string(),
    externalId: z.string(),
    channel: z.string().nullable(),
    author: z.string().nullable(),
    text: z.string().nullable().describe('The text with every finding replaced by its placeholder ([phone], [person] …); null once purged'),
    segments: z.array(Segment).nullable().describe('The original text in order, findings masked; offsets are UTF-16 offsets of the original text. Null once purged'),
    masked: z.literal(true),
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
      labels: LabelsSchema.describe('Scores, evidence spans (offsets into the original text, no text) and explanations'),
      createdAt: z.number().int(),
    })
    .nullable(),
  findings: z.array(z.object({ type: z.string(), start: z.number().int(), end: z.number().int(), subtype: z.string().nullable(), owner: z.string().nullable() })),
  campaign: z.object({ id: z.number().int(), postCount: z.number().int(), authorCount: z.number().int(), channelCount: z.number().int(), firstSeen: z.number().int(), lastSeen: z.number().int() }).nullable(),
  watchlistHits: z.array(z.object({ personId: z.number().int(), label: z.string().describe("The admin's label for the person"), field: WatchlistFieldSchema })).describe('Protected persons named, never the identifier'),
  history: z.array(z.object({ at: z.number().int(), actor: z.string(), action: z.string(), details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])) })).describe("The case's audit entries, oldest first"),
  decisions: z.array(z.object({ id: z.number().int(), actor: z.string(), action: ActionSchema, reason: z.string(), policyVersion: z.string(), createdAt: z.number().int() })),
});

const ActorNames = z.record(z.string(), z.string()).describe('Display names of the actor ids in this answer (users by username, API keys by name); ids without an entry are shown as they are');

const DecisionResponse = z.object({ decisionId: z.number().int(), caseId: z.number().int(), action: ActionSchema, policyVersion: z.string(), decidedAt: z.number().int() });
const ClaimResponse = z.object({ caseId: z.number().int(), lockedBy: z.string(), lockedUntil: z.number().int() });
const RevealBody = z.strictObject({
  finding: z.number().int().min(0).max(100_000).describe('Index into the case\'s findings'),
  reason: z.string().trim().min(3).max(500).describe('Why the value is needed (kept in the audit trail)'),
});
const RevealResponse = z.object({ finding: z.number().int(), type: z.string(), text: z.string().describe('The original text of that one span') });

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });
const notFound = problem('No such case');

/** The client-facing error for a store refusal about case `id`. */
async function caseProblem(store: Store, error: unknown, id: number): Promise<unknown> {
  if (error instanceof CaseError) {
    if (error.code === 'CASE_NOT_FOUND') return Errors.caseNotFound(id);
    if (error.code === 'CASE_ALREADY_DECIDED') return Errors.caseAlreadyDecided(id);
    if (error.code === 'CASE_LOCKED' && error.lock !== undefined) {
      const { lockedBy, lockedUntil } = error.lock;
      return Errors.caseLocked(id, lockedBy, (await actorNames(store, [lockedBy]))[lockedBy] ?? lockedBy, lockedUntil);
    }
  }
  if (error instanceof RevealError && error.code === 'POST_PURGED') return Errors.postPurged(id);
  return error;
}

/** The review queue: list (most severe first, then oldest), one case (masked), locks, reveal and decisions. */
export const caseRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/cases',
    {
      config: { role: 'reviewer' },
      schema: {
        tags: ['cases'],
        summary: 'List cases',
        description: 'Most severe first, then oldest. Filter by status, severity, label, language, watchlist hits and campaign; page with `cursor`.',
        querystring: CaseListQuery,
        response: { 200: page(CaseSummary).extend({ actors: ActorNames }) },
      },
    },
    async (request) => {
      const { status, severity, label, language, watchlist, campaign, limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : decodeCursor('cases', cursor, 3);
      const me = actorOf(request.principal);
      const rows = await listCases(services.store, {
        ...(status === undefined ? {} : { status }),
        ...(severity === undefined ? {} : { severity }),
        ...(label === undefined ? {} : { label }),
        ...(language === undefined ? {} : { language }),
        ...(watchlist === undefined ? {} : { watchlist }),
        ...(campaign === undefined ? {} : { campaignId: campaign }),
        ...(after === undefined ? {} : { after: { severityRank: after[0] as number, createdAt: after[1] as number, id: after[2] as number } }),
        limit: limit + 1,
        now: services.clock(),
      });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items: items.map(({ severityRank: _rank, ...c }) => ({
          ...c,
          labels: [...c.labels],
          severity: SeveritySchema.parse(c.severity),
          recommendedAction: ActionSchema.parse(c.recommendedAction),
          lockedByMe: c.lockedBy === me,
        })),
        actors: await actorNames(services.store, items.flatMap((c) => (c.lockedBy === null ? [] : [c.lockedBy]))),
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
        description:
          'Personal data is masked: `post.text` has every finding replaced by its placeholder and `post.segments` maps the original text; reveal one span with POST /v1/cases/{id}/reveal. Also findings, labels with evidence offsets, campaign, watchlist hits (person label and field only), history, decisions and the review lock.',
        params: IdParams,
        response: { 200: CaseDetails.extend({ actors: ActorNames }), 404: notFound },
      },
    },
    async (request) => {
      const details = await getCaseDetails(services.store, request.params.id, services.clock());
      if (details === undefined) throw Errors.caseNotFound(request.params.id);
      const actors = [...details.history.map((e) => e.actor), ...details.decisions.map((d) => d.actor), ...(details.lockedBy === null ? [] : [details.lockedBy])];
      return { ...CaseDetails.parse(details), actors: await actorNames(services.store, actors) };
    },
  );

  app.post(
    '/cases/:id/claim',
    {
      config: { role: 'reviewer' },
      schema: {
        tags: ['cases'],
        summary: 'Claim a case for review',
        description: 'Locks the case to the caller for 15 minutes; claiming again renews the lock. Another reviewer holding it gets 409 CASE_LOCKED. Audited.',
        params: IdParams,
        response: { 200: ClaimResponse, 404: notFound, 409: problem('Held by another reviewer (CASE_LOCKED) or already decided') },
      },
    },
    async (request) => {
      const { id } = request.params;
      try {
        return { caseId: id, ...(await claimCase(services.store, id, actorOf(request.principal), services.clock())) };
      } catch (error) {
        throw await caseProblem(services.store, error, id);
      }
    },
  );

  app.delete(
    '/cases/:id/claim',
    {
      config: { role: 'reviewer' },
      schema: {
        tags: ['cases'],
        summary: 'Release a claimed case',
        description: "Gives up the caller's own lock (nothing to do when they hold none). Audited.",
        params: IdParams,
        response: { 204: z.undefined().describe('Released'), 404: notFound, 409: problem('Held by another reviewer') },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      try {
        await releaseCase(services.store, id, actorOf(request.principal), services.clock());
      } catch (error) {
        throw await caseProblem(services.store, error, id);
      }
      return reply.code(204).send();
    },
  );

  app.post(
    '/cases/:id/reveal',
    {
      config: { role: 'reviewer' },
      schema: {
        tags: ['cases'],
        summary: 'Reveal one masked span',
        description: 'Returns the original text of one finding. The reason, the finding and its type (never the value) go to the audit log as `case.span_revealed`.',
        params: IdParams,
        body: RevealBody,
        response: { 200: RevealResponse, 404: problem('No such case or finding'), 410: problem('The post text was purged') },
      },
    },
    async (request) => {
      const { id } = request.params;
      try {
        return await revealFinding(services.store, id, request.body.finding, request.body.reason, actorOf(request.principal), services.clock());
      } catch (error) {
        if (error instanceof RevealError && error.code === 'FINDING_NOT_FOUND') throw Errors.findingNotFound(id, request.body.finding);
        throw await caseProblem(services.store, error, id);
      }
    },
  );

  app.post(
    '/cases/:id/decision',
    {
      config: { role: 'reviewer' },
      schema: {
        tags: ['cases'],
        summary: 'Decide a case',
        description: 'Records the action, the reason, the reviewer and the policy version, and closes the case; audited. Refused while another reviewer holds the case.',
        params: IdParams,
        body: DecisionBody,
        response: { 201: DecisionResponse, 404: notFound, 409: problem('Already decided, or held by another reviewer (CASE_LOCKED)') },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const now = services.clock();
      try {
        const decisionId = await decideCase(services.store, id, { actor: actorOf(request.principal), action: request.body.action, reason: request.body.reason, policyVersion: services.policyVersion }, now);
        return reply.code(201).send({ decisionId, caseId: id, action: request.body.action, policyVersion: services.policyVersion, decidedAt: now });
      } catch (error) {
        throw await caseProblem(services.store, error, id);
      }
    },
  );
};
