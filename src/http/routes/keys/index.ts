import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../../keys/api-keys.js';
import { ApiKeyInputError, createApiKey, listApiKeys, revokeApiKey, type ApiKeySummary } from '../../../store/api-keys.js';
import { Errors } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { ProblemSchema } from '../../schemas.js';
import type { RouteOptions } from '../../services.js';

const ApiKey = z.object({
  id: z.string().describe('Public key id (the part after `bwk_`)'),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  createdAt: z.number().int(),
  revokedAt: z.number().int().nullable(),
  rateLimit: z.number().int().nullable().describe('Requests per minute; null: the server default'),
});

const CreateBody = z.strictObject({
  name: z.string().trim().min(1).max(200).describe('What or who uses the key'),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  rateLimit: z.number().int().min(1).max(1_000_000).optional(),
});

const KeyParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{12}$/, 'must be a key id (12 hex digits)') });

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });
const view = (k: ApiKeySummary) => ({ id: k.id, name: k.name, roles: [...k.roles], createdAt: k.createdAt, revokedAt: k.revokedAt, rateLimit: k.rateLimit });

/** API keys: listed without secrets, created with the token shown once, revoked for good. */
export const keyRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/keys',
    {
      config: { role: 'admin' },
      schema: { tags: ['keys'], summary: 'List API keys', description: 'Revoked keys included; never a secret or hash.', response: { 200: z.array(ApiKey) } },
    },
    async () => (await listApiKeys(services.store)).map(view),
  );

  app.post(
    '/keys',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['keys'],
        summary: 'Create an API key',
        description: 'The token is in this response only: it cannot be shown again. Audited.',
        body: CreateBody,
        response: { 201: ApiKey.extend({ token: z.string().describe('`bwk_<id>_<secret>`: send as `Authorization: Bearer …`') }) },
      },
    },
    async (request, reply) => {
      try {
        const { key, token } = await createApiKey(services.store, services.apiKeys, request.body, services.clock(), actorOf(request.principal));
        return reply.code(201).send({ ...view(key), token });
      } catch (error) {
        if (error instanceof ApiKeyInputError) throw Errors.validation(`the body is invalid: ${error.message}`, [{ location: 'body', pointer: '', detail: error.message }]);
        throw error;
      }
    },
  );

  app.delete(
    '/keys/:id',
    {
      config: { role: 'admin' },
      schema: { tags: ['keys'], summary: 'Revoke an API key', description: 'Requests with it fail from now on. Audited.', params: KeyParams, response: { 204: z.undefined().describe('Revoked'), 404: problem('No such active key') } },
    },
    async (request, reply) => {
      if (!(await revokeApiKey(services.store, request.params.id, services.clock(), actorOf(request.principal)))) throw Errors.apiKeyNotFound(request.params.id);
      return reply.code(204).send();
    },
  );
};
