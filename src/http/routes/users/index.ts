import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../keys/passwords.js';
import { createUser, disableUser, listUsers, USER_ROLES, USERNAME, UsernameTakenError, type User } from '../../../store/users.js';
import { Errors } from '../../errors.js';
import { actorOf } from '../../plugins/auth.js';
import { IdParams, ProblemSchema } from '../../schemas.js';
import type { RouteOptions } from '../../services.js';

const UserSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    role: z.enum(USER_ROLES),
    createdBy: z.string().describe('Actor who created the account'),
    createdAt: z.number().int(),
    disabledAt: z.number().int().nullable().describe('Set once disabled: the account cannot sign in'),
  })
  .describe('A reviewer or admin account (never its password or hash)');

const CreateBody = z.strictObject({
  username: z.string().trim().toLowerCase().regex(USERNAME, 'must be 1 to 64 letters, digits or . _ @ -, starting with a letter or digit').describe('Stored lower-cased; unique'),
  role: z.enum(USER_ROLES),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH).describe('Stored as an argon2id hash only'),
});

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });
const view = (u: User) => ({ id: u.id, username: u.username, role: u.role, createdBy: u.createdBy, createdAt: u.createdAt, disabledAt: u.disabledAt });

/** Reviewer and admin accounts of the review UI. */
export const userRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { services }) => {
  app.get(
    '/users',
    {
      config: { role: 'admin' },
      schema: { tags: ['users'], summary: 'List users', description: 'Every account, disabled ones included, oldest first.', response: { 200: z.object({ items: z.array(UserSchema) }) } },
    },
    async () => ({ items: (await listUsers(services.store)).map(view) }),
  );

  app.post(
    '/users',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Create a user',
        description: 'A reviewer or admin account that signs in with POST /v1/session. Audited as `user.created` (without the password).',
        body: CreateBody,
        response: { 201: UserSchema, 409: problem('The username is taken') },
      },
    },
    async (request, reply) => {
      try {
        const user = await createUser(services.store, request.body, services.clock(), actorOf(request.principal));
        return reply.code(201).send(view(user));
      } catch (error) {
        if (error instanceof UsernameTakenError) throw Errors.usernameTaken(error.message);
        throw error;
      }
    },
  );

  app.delete(
    '/users/:id',
    {
      config: { role: 'admin' },
      schema: {
        tags: ['users'],
        summary: 'Disable a user',
        description: 'For good: the account can no longer sign in and its sessions end at once. Audited as `user.disabled`.',
        params: IdParams,
        response: { 204: z.undefined().describe('Disabled'), 404: problem('No such active user'), 409: problem('The caller is this user') },
      },
    },
    async (request, reply) => {
      if (request.principal?.kind === 'user' && request.principal.id === String(request.params.id)) throw Errors.cannotDisableSelf();
      const user = await disableUser(services.store, { id: request.params.id }, services.clock(), actorOf(request.principal));
      if (user === undefined) throw Errors.userNotFound(request.params.id);
      return reply.code(204).send();
    },
  );
};
