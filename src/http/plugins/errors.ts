import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { StoreUnavailableError } from '../../store/database.js';
import { isTransient } from '../../store/retry.js';
import { ApiError, Errors, toProblem, type FieldError } from '../errors.js';

type Location = FieldError['location'];

interface IssueLike {
  readonly code?: string;
  readonly keyword?: string;
  readonly path?: readonly PropertyKey[];
  readonly instancePath?: string;
  readonly message: string;
  readonly keys?: readonly string[];
  readonly errors?: readonly (readonly IssueLike[])[];
  readonly params?: { readonly keys?: readonly string[]; readonly errors?: readonly (readonly IssueLike[])[] };
}

const LOCATIONS: Readonly<Record<string, Location>> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };
const WHERE: Readonly<Record<Location, string>> = { body: 'the body is', query: 'the query string is', params: 'the path parameters are', headers: 'the headers are' };
const MAX_LISTED = 3;
const clip = (s: string, n = 64) => (s.length > n ? `${s.slice(0, n)}…` : s);
const pointerOf = (path: readonly PropertyKey[]) => path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

/**
 * Flattens zod issues into field errors. A union (one post or a batch) reports the branch the
 * input came closest to, so the client hears about its own mistake, not about every shape.
 */
function flatten(issues: readonly IssueLike[], base: string, location: Location): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    const pointer = base + (issue.instancePath !== undefined ? (issue.instancePath === '/' ? '' : issue.instancePath) : pointerOf(issue.path ?? []));
    const code = issue.code ?? issue.keyword;
    const keys = issue.keys ?? issue.params?.keys;
    if (code === 'unrecognized_keys' && keys) return keys.map((k) => ({ location, pointer: `${pointer}/${clip(k)}`, detail: 'unknown field; remove it' }));
    const branches = issue.errors ?? issue.params?.errors;
    if (code === 'invalid_union' && branches && branches.length > 0) {
      const closest = [...branches].sort((a, b) => a.length - b.length)[0] ?? [];
      if (closest.length > 0) return flatten(closest, pointer, location);
    }
    return [{ location, pointer, detail: issue.message }];
  });
}

function validationError(error: FastifyError & { validationContext?: string }, request: FastifyRequest): ApiError {
  const location = LOCATIONS[error.validationContext ?? 'body'] ?? 'body';
  if (location === 'body' && request.body === undefined) {
    return Errors.validation('the request needs a JSON body (Content-Type: application/json)', [{ location, pointer: '', detail: 'missing body' }]);
  }
  const errors = flatten((error.validation ?? []) as unknown as IssueLike[], '', location);
  const listed = errors.slice(0, MAX_LISTED).map((e) => `${e.pointer === '' ? '(root)' : e.pointer}: ${e.detail}`);
  const more = errors.length > MAX_LISTED ? `; and ${errors.length - MAX_LISTED} more in errors[]` : '';
  return Errors.validation(`${WHERE[location]} invalid: ${listed.join('; ')}${more}`, errors);
}

/** Any error, as the ApiError the client will see. */
function toApiError(error: FastifyError, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error;
  if (hasZodFastifySchemaValidationErrors(error) || Array.isArray(error.validation)) return validationError(error, request);
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return Errors.bodyTooLarge(request.routeOptions.bodyLimit);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return Errors.unsupportedMediaType(request.headers['content-type'] === undefined ? undefined : clip(request.headers['content-type'], 100));
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return Errors.malformedJson('');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return Errors.badRequest('the Content-Length header does not match the body sent');
    case 'FST_ERR_BAD_URL':
      return Errors.badRequest('the URL is not validly percent-encoded');
    default:
  }
  if (error instanceof StoreUnavailableError || isTransient(error)) return Errors.storeUnavailable();
  if (!isResponseSerializationError(error) && typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return Errors.badRequest(`the request could not be handled (${error.code ?? 'client error'})`);
  }
  return Errors.internal();
}

/** Server errors are logged by kind and stack only: messages of database errors can quote stored values. */
function logFailure(request: FastifyRequest, error: Error): void {
  const stack = (error.stack ?? '').split('\n').slice(1, 8).join('\n');
  request.log.error({ errorName: error.name, errorCode: (error as { code?: unknown }).code, stack }, 'request failed');
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: ApiError): FastifyReply {
  const instance = clip(request.url.split('?')[0] ?? request.url, 500);
  return reply
    .code(error.status)
    .headers(error.options.headers ?? {})
    .type('application/problem+json')
    .send(JSON.stringify(toProblem(error, instance, request.id)));
}

/** Method + path pattern of every route, to tell a wrong method (405) from a wrong path (404). */
class RouteTable {
  private readonly routes: { method: string; segments: string[] }[] = [];

  add(method: string | readonly string[], url: string): void {
    for (const m of typeof method === 'string' ? [method] : method) this.routes.push({ method: m, segments: url.split('/') });
  }

  methodsFor(path: string): string[] {
    const actual = path.split('/');
    const matches = (pattern: readonly string[]) =>
      pattern.every((p, i) => p === '*' || (i < actual.length && (p === actual[i] || (p.startsWith(':') && actual[i] !== '')))) && (pattern.at(-1) === '*' || pattern.length === actual.length);
    return [...new Set(this.routes.filter((r) => matches(r.segments)).map((r) => r.method))].sort();
  }
}

/** One error handler and one not-found handler: every failure leaves as application/problem+json. */
export function installErrorHandling(app: FastifyInstance): void {
  const table = new RouteTable();
  app.addHook('onRoute', (route) => table.add(route.method, route.url ?? route.path));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const apiError = toApiError(error, request);
    if (apiError.status >= 500) logFailure(request, error);
    return sendProblem(reply, request, apiError);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = table.methodsFor(path);
    return sendProblem(reply, request, allowed.length > 0 ? Errors.methodNotAllowed(request.method, path, allowed) : Errors.routeNotFound(request.method, clip(path, 200)));
  });
}
