import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditHead, listAuditEntries } from '../../../store/audit-entries.js';
import { decodeCursor, encodeCursor } from '../../cursor.js';
import { page, PageQuery } from '../../schemas.js';
import type { RouteOptions } from '../../services.js';

const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.number().int(),
  actor: z.string(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).describe('Ids and counts, never personal data'),
  prevHash: z.string(),
  hash: z.string(),
});

const Verification = z.object({
  ok: z.boolean(),
  entries: z.number().int().describe('Entries checked'),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable().describe('Record this hash elsewhere to detect truncation'),
  brokenAt: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
});

/** The hash-chained audit log: read it in order, and recompute the chain. */
export const auditRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/audit',
    {
      config: { role: 'admin' },
      schema: { tags: ['audit'], summary: 'List audit entries', description: 'Oldest first; page with `cursor`.', querystring: z.strictObject(PageQuery), response: { 200: page(AuditEntry) } },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const after = cursor === undefined ? 0 : (decodeCursor('audit', cursor, 1)[0] as number);
      const rows = await listAuditEntries(services.store, { afterSeq: after, limit: limit + 1 });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items: items.map((e) => ({ ...e, details: { ...e.details } })), nextCursor: rows.length > limit && last !== undefined ? encodeCursor('audit', [last.seq]) : null };
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { role: 'admin' },
      schema: { tags: ['audit'], summary: 'Verify the audit chain', description: 'Recomputes every hash; `ok: false` names the first broken entry.', response: { 200: Verification } },
    },
    async () => {
      const result = await services.store.verifyAudit();
      const head = result.ok ? await auditHead(services.store) : undefined;
      return { ok: result.ok, entries: result.entries, head: head ?? null, ...(result.brokenAt === undefined ? {} : { brokenAt: result.brokenAt }) };
    },
  );
};
