import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { withRole } from './auth.js';

/** Paths of the single-page app's own views; each answers with index.html and the app routes itself. */
export const UI_ROUTES = ['/sign-in', '/queue', '/cases/:id', '/campaigns/:id', '/dashboard', '/admin'] as const;

/** Mantine and the charts set inline styles, so styles alone may be inline; scripts only from the origin. */
export const UI_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Built assets carry a content hash in their names, so they never change under the same URL. */
const HASHED_ASSETS = '/assets/';

function secure(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('content-security-policy', UI_CONTENT_SECURITY_POLICY);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  const cacheable = request.url.startsWith(HASHED_ASSETS) && reply.statusCode === 200;
  reply.header('cache-control', cacheable ? 'public, max-age=31536000, immutable' : 'no-cache');
}

const hidden = { config: { role: 'public' as const }, schema: { hide: true } };

/**
 * Serves the review UI (the Vite build in `webRoot`) at `/`: hashed assets with a long cache,
 * index.html for the app's own paths, never cached. The API's routes are untouched. Without a
 * build (servers started from sources in tests), `/` says so and everything else is the API.
 */
export async function registerWebUi(app: FastifyInstance, webRoot: string): Promise<void> {
  await app.register(
    withRole('public', async (scope) => {
      scope.addHook('onSend', async (request, reply) => secure(request, reply));
      if (!existsSync(join(webRoot, 'index.html'))) {
        scope.get('/', hidden, async (_request, reply) => reply.code(503).type('text/plain; charset=utf-8').send('The review UI is not built. Run `npm run build` and restart the server.\n'));
        return;
      }
      await scope.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, cacheControl: false, index: 'index.html', dotfiles: 'deny', schemaHide: true });
      for (const url of UI_ROUTES) scope.get(url, hidden, async (_request, reply) => reply.sendFile('index.html'));
    }),
  );
}
