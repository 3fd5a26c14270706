import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addProtectedPerson, listProtectedPersons, removeProtectedPerson, WatchlistInputError } from '../../../store/watchlist.js';
import { importProtectedPersons, WatchlistImportError } from '../../../store/watchlist-import.js';
import { getProtectedPerson } from '../../../store/watchlist-person.js';
import { Errors } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { IdParams, ProblemSchema, WatchlistFieldSchema } from '../../schemas.js';
import type { RouteOptions } from '../../services.js';

const CreateBody = z.strictObject({
  label: z.string().trim().min(1).max(200).describe('An alias or case reference for the person: not an identifier'),
  identifiers: z
    .array(z.strictObject({ field: WatchlistFieldSchema, value: z.string().min(1).max(512) }))
    .min(1)
    .max(100)
    .describe('Stored as keyed hashes of canonical variants only; never returned'),
});

const PersonSummary = z.object({
  id: z.number().int(),
  label: z.string(),
  createdAt: z.number().int(),
  fields: z.record(z.string(), z.number().int()).describe('Hashes stored per field (one identifier makes several canonical variants)'),
});

/** A watchlist CSV of 10,000 rows of long values fits. */
const IMPORT_BODY_LIMIT = 2 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

/** Protected persons. Identifiers go in and are never shown again, not even to admins. */
export const watchlistRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  // CSV is read by the import route only (this plugin's scope); every other route takes JSON.
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => {
    try {
      done(null, utf8.decode(body as Buffer));
    } catch {
      done(Errors.invalidUtf8(), undefined);
    }
  });

  app.post(
    '/watchlist/import',
    {
      config: { role: 'admin' },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['watchlist'],
        summary: 'Import protected persons from CSV',
        description:
          'Body `text/csv` with a header `label,field,value` (the format of `bulwark watchlist import`): one identifier per row; rows sharing a label are one person. Every row is checked first: one bad row and nothing is imported. Identifiers are stored as keyed hashes and never returned.',
        consumes: ['text/csv'],
        body: z.string().min(1).describe('CSV text'),
        response: { 200: z.object({ added: z.number().int().describe('Protected persons registered'), identifiers: z.number().int() }), 422: problem('A row cannot be used; the detail names the lines') },
      },
    },
    async (request) => {
      try {
        return await importProtectedPersons(services.store, services.hasher, request.body, services.clock(), actorOf(request.principal));
      } catch (error) {
        if (error instanceof WatchlistImportError) throw Errors.invalidWatchlistImport(error.problems);
        if (error instanceof WatchlistInputError) throw Errors.invalidWatchlistEntry(error.message);
        throw error;
      }
    },
  );

  app.post(
    '/watchlist',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['watchlist'],
        summary: 'Register a protected person',
        description: 'Posts naming any of the identifiers are matched from now on. The response carries counts, never the identifiers.',
        body: CreateBody,
        response: { 201: PersonSummary, 422: problem('An identifier has no usable form') },
      },
    },
    async (request, reply) => {
      const now = services.clock();
      try {
        const id = await addProtectedPerson(services.store, services.hasher, request.body.label, request.body.identifiers, now, actorOf(request.principal));
        const person = await getProtectedPerson(services.store, id);
        return reply.code(201).send({ id, label: person?.label ?? request.body.label, createdAt: now, fields: { ...person?.fields } });
      } catch (error) {
        if (error instanceof WatchlistInputError) throw Errors.invalidWatchlistEntry(error.message);
        throw error;
      }
    },
  );

  app.get(
    '/watchlist',
    {
      config: { role: 'admin' },
      schema: { tags: ['watchlist'], summary: 'List protected persons', description: 'Labels and counts of stored hashes only.', response: { 200: z.object({ items: z.array(PersonSummary) }) } },
    },
    async () => ({ items: (await listProtectedPersons(services.store)).map((p) => ({ ...p, fields: { ...p.fields } })) }),
  );

  app.delete(
    '/watchlist/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['watchlist'],
        summary: 'Remove a protected person',
        description: 'Their hashes are deleted; past hits and the audit trail stay.',
        params: IdParams,
        response: { 204: z.undefined().describe('Removed'), 404: problem('No such active person') },
      },
    },
    async (request, reply) => {
      if (!(await removeProtectedPerson(services.store, request.params.id, services.clock(), actorOf(request.principal)))) throw Errors.watchlistPersonNotFound(request.params.id);
      return reply.code(204).send();
    },
  );
};
