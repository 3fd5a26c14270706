import swagger, { type FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { MAX_BATCH } from '../../ingest/ingest.js';
import { ENGINE_VERSION } from '../../core/version.js';
import { ERROR_KINDS, problemType, type ErrorCode } from '../errors.js';
import { componentSchemas, ProblemSchema } from '../schemas.js';
import { withRole, type RouteRole } from './auth.js';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

const DESCRIPTION = [
  'Bulwark finds doxxing, targeted threats and bounties in English and Spanish posts.',
  '',
  'Authenticate with `Authorization: Bearer bwk_<id>_<secret>` (created with `bulwark keys create --role …`). Each route names the role it needs (`x-required-role`): `ingest`, `reviewer` or `admin`; admin may use every route.',
  '',
  'The review UI signs in instead (`POST /v1/session`) and is then authenticated by the `bulwark_session` cookie; with the cookie, every POST, PUT, PATCH and DELETE must also send `X-CSRF-Token` (the `csrfToken` of the session). A request carrying both a Bearer key and the cookie is authenticated by the key.',
  '',
  `Batches hold at most ${MAX_BATCH} posts. Times are epoch milliseconds; offsets are UTF-16 indices into the post text.`,
  '',
  'Every error is an RFC 9457 problem document (`application/problem+json`). Problem types:',
  '',
  '| type | status | meaning |',
  '| --- | --- | --- |',
  ...Object.entries(ERROR_KINDS).map(([code, kind]) => `| \`${problemType(code as ErrorCode)}\` | ${kind.status} | ${kind.title}. ${kind.meaning} |`),
].join('\n');

type TransformInput = Parameters<NonNullable<FastifyDynamicSwaggerOptions['transform']>>[0];
type RouteSchema = Record<string, unknown> & { response?: Record<string, unknown>; body?: unknown; querystring?: unknown; params?: unknown; description?: string };

const zodTransform = createJsonSchemaTransform({ schemaRegistry: componentSchemas });

/** Adds what every route shares to its documentation: security, its role, and the problems it can return. */
function documentRoute(input: TransformInput) {
  const role = (input.route.config as { role?: RouteRole } | undefined)?.role;
  const schema: RouteSchema = { ...(input.schema as RouteSchema | undefined) };
  const errors: Record<string, unknown> = { 500: problem('Internal error'), 503: problem('The database is unavailable') };
  if (schema.body !== undefined || schema.querystring !== undefined || schema.params !== undefined) errors[400] = problem('Invalid request: see `errors[]`');
  if (schema.body !== undefined) {
    errors[413] = problem('Body too large');
    errors[415] = problem('Body is not application/json');
  }
  if (role !== undefined && role !== 'public') {
    errors[401] = problem('Missing, unknown or revoked API key, or no live session');
    errors[403] = problem(`The key lacks the ${role} role`);
    errors[429] = problem('Rate limit of the key exceeded');
    schema.security = [{ apiKey: [] }, { sessionCookie: [] }];
    schema['x-required-role'] = role;
    schema.description = `${schema.description ?? ''}\n\nRole: **${role}** (or admin).`;
  }
  schema.response = { ...errors, ...schema.response };
  return zodTransform({ ...input, schema } as Parameters<typeof zodTransform>[0]);
}

/** The OpenAPI 3.1 document, generated from the route schemas, at /openapi.json, and Swagger UI at /docs (assets from the npm package). */
export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Bulwark API', version: ENGINE_VERSION, description: DESCRIPTION, license: { name: 'Apache-2.0', identifier: 'Apache-2.0' } },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', bearerFormat: 'bwk_<id>_<secret>', description: 'An API key from `bulwark keys create`' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'bulwark_session', description: 'The session of POST /v1/session; unsafe methods also need the `X-CSRF-Token` header' },
        },
      },
      tags: [
        { name: 'analyze', description: 'Inline checks; nothing stored' },
        { name: 'posts', description: 'Ingest' },
        { name: 'cases', description: 'The review queue' },
        { name: 'campaigns', description: 'Coordinated reposts' },
        { name: 'watchlist', description: 'Protected persons (hashes only)' },
        { name: 'audit', description: 'The hash-chained audit log' },
        { name: 'stats', description: 'Dashboard numbers' },
        { name: 'policy', description: 'The policy in force and its shadow rules' },
        { name: 'keys', description: 'API keys' },
        { name: 'webhooks', description: 'Signed event deliveries' },
        { name: 'session', description: 'Sign-in for the review UI (cookie session)' },
        { name: 'users', description: 'Reviewer and admin accounts' },
        { name: 'operations', description: 'Health and metrics' },
      ],
    },
    transform: documentRoute,
    transformObject: createJsonSchemaTransformObject({ schemaRegistry: componentSchemas }),
  });
  await app.register(
    withRole('public', async (scope) => {
      await scope.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { validatorUrl: null, deepLinking: true } });
    }),
  );
  app.get('/openapi.json', { config: { role: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
