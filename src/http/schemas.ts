import { z } from 'zod';
import { ACTIONS, SEVERITIES } from '../core/assess/result.js';
import { ENTITY_TYPES } from '../core/types.js';
import { WATCHLIST_FIELDS } from '../core/watchlist/fields.js';
import { ErrorCode } from './errors.js';

/** Schemas published as named components of the OpenAPI document. */
export const componentSchemas = z.registry<{ id: string }>();

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI naming the kind of problem'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('What went wrong and what to change'),
    instance: z.string().describe('Path of the request'),
    code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
    requestId: z.string().describe('Quote it when reporting a problem'),
    errors: z.array(z.object({ location: z.enum(['body', 'query', 'params', 'headers']), pointer: z.string().describe('JSON Pointer into the location'), detail: z.string() })).optional(),
    requiredRole: z.string().optional(),
    keyRoles: z.array(z.string()).optional(),
    limitBytes: z.number().int().optional(),
    limit: z.number().int().optional(),
    retryAfterSeconds: z.number().int().optional(),
    lockedBy: z.string().optional().describe('CASE_LOCKED: the actor holding the case'),
    lockedByName: z.string().optional().describe('CASE_LOCKED: their display name (username, or the API key\'s name)'),
    lockedUntil: z.number().int().optional().describe('CASE_LOCKED: epoch ms when the lock ends'),
  })
  .describe('RFC 9457 problem details');
componentSchemas.add(ProblemSchema, { id: 'Problem' });

/** A numeric id in a path: digits only, no sign, no exponent. */
export const IdParams = z.strictObject({
  id: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, 'must be a positive whole number')
    .transform(Number),
});

export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Items per page (1–200)'),
  cursor: z.string().min(1).max(200).optional().describe('`nextCursor` of the previous page'),
};

export const ActionSchema = z.enum(ACTIONS);
export const SeveritySchema = z.enum(SEVERITIES);

export const DecisionBody = z.strictObject({
  action: ActionSchema.describe('What to do with the post(s)'),
  reason: z.string().trim().min(1).max(2000).describe('Why (kept in the audit trail; do not paste personal data)'),
});

export const EvidenceSchema = z.object({ start: z.number().int(), end: z.number().int(), signal: z.string(), reason: z.string() });

const labelFields = {
  flagged: z.boolean(),
  score: z.number(),
  threshold: z.number(),
  evidence: z.array(EvidenceSchema).describe('UTF-16 offsets into the post text'),
  explanation: z.string(),
};

export const LabelsSchema = z.object({
  dox: z.object({ ...labelFields, disclosed: z.array(z.string()).describe('Kinds of information exposed') }),
  threat: z.object(labelFields),
  bounty: z.object({ ...labelFields, kind: z.enum(['harm', 'info']).optional() }),
});

export const FindingSchema = z.object({
  type: z.enum(ENTITY_TYPES),
  start: z.number().int().describe('UTF-16 offset, inclusive'),
  end: z.number().int().describe('UTF-16 offset, exclusive'),
  confidence: z.number(),
  rule: z.string(),
  subtype: z.string().optional(),
  owner: z.enum(['target', 'author', 'public', 'example', 'unknown']).optional(),
});

export const WatchlistHitSchema = z.object({
  personId: z.number().int(),
  field: z.enum(WATCHLIST_FIELDS),
  finding: z.number().int().describe('Index into findings'),
});

export const WatchlistFieldSchema = z.enum(WATCHLIST_FIELDS);

/** Pages of a list: pass `nextCursor` back as `cursor`; null on the last page. */
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
