/**
 * Every error the API returns, in one table: a stable code, the HTTP status and a title. The
 * error handler turns any error into an RFC 9457 problem document
 * (`application/problem+json`: type, title, status, detail, instance, plus `code` and, for
 * validation errors, `errors[]` pointing at each offending field).
 */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  MalformedJson: 'MALFORMED_JSON',
  InvalidUnicode: 'INVALID_UNICODE',
  InvalidCursor: 'INVALID_CURSOR',
  BadRequest: 'BAD_REQUEST',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  CaseNotFound: 'CASE_NOT_FOUND',
  CampaignNotFound: 'CAMPAIGN_NOT_FOUND',
  WatchlistPersonNotFound: 'WATCHLIST_PERSON_NOT_FOUND',
  WebhookEndpointNotFound: 'WEBHOOK_ENDPOINT_NOT_FOUND',
  WebhookDeliveryNotFound: 'WEBHOOK_DELIVERY_NOT_FOUND',
  WebhookEndpointDeleted: 'WEBHOOK_ENDPOINT_DELETED',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  CaseAlreadyDecided: 'CASE_ALREADY_DECIDED',
  BodyTooLarge: 'BODY_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  InvalidWatchlistEntry: 'INVALID_WATCHLIST_ENTRY',
  RateLimited: 'RATE_LIMITED',
  Internal: 'INTERNAL',
  StoreUnavailable: 'STORE_UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

interface ErrorKind {
  readonly status: number;
  readonly title: string;
  /** What the code means and what to do about it (listed in the OpenAPI document). */
  readonly meaning: string;
}

export const ERROR_KINDS: Readonly<Record<ErrorCode, ErrorKind>> = {
  VALIDATION_FAILED: { status: 400, title: 'The request does not match the schema', meaning: 'A field is missing, of the wrong type, out of range or unknown; `errors[]` points at each one.' },
  MALFORMED_JSON: { status: 400, title: 'The body is not valid JSON', meaning: 'Fix the JSON syntax at the position given.' },
  INVALID_UNICODE: { status: 400, title: 'The body is not valid Unicode', meaning: 'Send UTF-8 without invalid byte sequences and strings without unpaired UTF-16 surrogates (\\uD800–\\uDFFF escapes).' },
  INVALID_CURSOR: { status: 400, title: 'The cursor is not valid', meaning: 'Pass back a `nextCursor` exactly as returned, or start again without one.' },
  BAD_REQUEST: { status: 400, title: 'Bad request', meaning: 'The request could not be read (bad URL encoding, wrong Content-Length …).' },
  UNAUTHENTICATED: { status: 401, title: 'A valid API key is required', meaning: 'Send `Authorization: Bearer bwk_…` with a key that exists and is not revoked (`bulwark keys create`).' },
  FORBIDDEN: { status: 403, title: 'The API key lacks the role this route needs', meaning: 'Use a key holding the role named in `requiredRole` (or admin).' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route', meaning: 'Check the path against the OpenAPI document at /openapi.json.' },
  CASE_NOT_FOUND: { status: 404, title: 'No such case', meaning: 'The case id does not exist.' },
  CAMPAIGN_NOT_FOUND: { status: 404, title: 'No such campaign', meaning: 'The campaign id does not exist.' },
  WATCHLIST_PERSON_NOT_FOUND: { status: 404, title: 'No such protected person', meaning: 'The id does not exist or was already removed.' },
  WEBHOOK_ENDPOINT_NOT_FOUND: { status: 404, title: 'No such webhook endpoint', meaning: 'The endpoint id does not exist or the endpoint was deleted.' },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: 404, title: 'No such webhook delivery', meaning: 'The delivery id does not exist; list them with GET /v1/webhooks/deliveries.' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed', meaning: 'The path exists with other methods, listed in the `Allow` header.' },
  CASE_ALREADY_DECIDED: { status: 409, title: 'The case is already decided', meaning: 'A case takes one decision; read it with GET /v1/cases/{id}.' },
  WEBHOOK_ENDPOINT_DELETED: { status: 409, title: 'The webhook endpoint was deleted', meaning: 'Deliveries of a deleted endpoint cannot be sent again; register the endpoint anew.' },
  BODY_TOO_LARGE: { status: 413, title: 'The body is too large', meaning: 'Send fewer posts per request (the limit is in `limitBytes`).' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type', meaning: 'Send the body as `Content-Type: application/json`.' },
  INVALID_WATCHLIST_ENTRY: { status: 422, title: 'The watchlist entry cannot be used', meaning: 'An identifier has no usable form (a phone without digits …); the detail names which.' },
  RATE_LIMITED: { status: 429, title: 'Too many requests for this API key', meaning: 'Wait the seconds given in `Retry-After`, or ask for a higher per-key limit.' },
  INTERNAL: { status: 500, title: 'Internal error', meaning: 'A bug: report it with the `requestId`.' },
  STORE_UNAVAILABLE: { status: 503, title: 'The database is unavailable', meaning: 'Retry after the seconds given in `Retry-After`; nothing of the request was stored.' },
};

/** One offending field of a request. `pointer` is a JSON Pointer into `location`. */
export interface FieldError {
  readonly location: 'body' | 'query' | 'params' | 'headers';
  readonly pointer: string;
  readonly detail: string;
}

export interface ApiErrorOptions {
  readonly errors?: readonly FieldError[];
  readonly headers?: Readonly<Record<string, string>>;
  /** Extension members added to the problem document. */
  readonly extensions?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
}

/** An error meant for the client: its detail says what to fix and never quotes personal data. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly options: ApiErrorOptions = {},
  ) {
    super(detail);
    this.status = ERROR_KINDS[code].status;
  }
}

const ROUTE_HINT = 'see /openapi.json for the routes';

/** Factories: one per situation, so the wording is the same wherever it happens. */
export const Errors = {
  validation: (detail: string, errors: readonly FieldError[]) => new ApiError(ErrorCode.ValidationFailed, detail, { errors }),
  malformedJson: (where: string) => new ApiError(ErrorCode.MalformedJson, `the body is not valid JSON${where}; check quotes, commas and brackets`),
  invalidUtf8: () => new ApiError(ErrorCode.InvalidUnicode, 'the body is not valid UTF-8; send text encoded as UTF-8'),
  loneSurrogate: (pointer: string) =>
    new ApiError(ErrorCode.InvalidUnicode, `the string at ${pointer || '/'} contains an unpaired UTF-16 surrogate (a \\uD800–\\uDFFF escape without its pair); send well-formed Unicode`, {
      errors: [{ location: 'body', pointer, detail: 'unpaired UTF-16 surrogate' }],
    }),
  forbiddenKey: () => new ApiError(ErrorCode.MalformedJson, 'the body contains a forbidden "__proto__" or "constructor.prototype" key; remove it'),
  invalidCursor: () => new ApiError(ErrorCode.InvalidCursor, 'the cursor was not issued by this server or is damaged; pass `nextCursor` back unchanged, or omit it to start from the beginning'),
  badRequest: (detail: string) => new ApiError(ErrorCode.BadRequest, detail),
  missingKey: () =>
    new ApiError(ErrorCode.Unauthenticated, 'this route needs an API key: send the header "Authorization: Bearer bwk_…" (an admin creates keys with `bulwark keys create --role …`)', {
      headers: { 'www-authenticate': 'Bearer realm="bulwark"' },
    }),
  malformedKey: () =>
    new ApiError(ErrorCode.Unauthenticated, 'the Authorization header must be "Bearer bwk_<id>_<secret>", the key exactly as `bulwark keys create` printed it', {
      headers: { 'www-authenticate': 'Bearer realm="bulwark", error="invalid_request"' },
    }),
  unknownKey: () =>
    new ApiError(ErrorCode.Unauthenticated, 'the API key is not recognized: check it was copied whole, or create a new one with `bulwark keys create`', {
      headers: { 'www-authenticate': 'Bearer realm="bulwark", error="invalid_token"' },
    }),
  revokedKey: (id: string) =>
    new ApiError(ErrorCode.Unauthenticated, `the API key ${id} was revoked; create a new one with \`bulwark keys create\``, {
      headers: { 'www-authenticate': 'Bearer realm="bulwark", error="invalid_token"' },
    }),
  forbidden: (needed: string, held: readonly string[]) =>
    new ApiError(ErrorCode.Forbidden, `this route needs the "${needed}" role (or "admin"); this key has ${held.length > 0 ? held.map((r) => `"${r}"`).join(', ') : 'no role'}`, {
      headers: { 'www-authenticate': `Bearer realm="bulwark", error="insufficient_scope", scope="${needed}"` },
      extensions: { requiredRole: needed, keyRoles: held },
    }),
  routeNotFound: (method: string, path: string) => new ApiError(ErrorCode.RouteNotFound, `there is no route ${method} ${path}; ${ROUTE_HINT}`),
  caseNotFound: (id: number) => new ApiError(ErrorCode.CaseNotFound, `case ${id} does not exist`),
  campaignNotFound: (id: number) => new ApiError(ErrorCode.CampaignNotFound, `campaign ${id} does not exist`),
  webhookEndpointNotFound: (detail: string) => new ApiError(ErrorCode.WebhookEndpointNotFound, detail),
  webhookDeliveryNotFound: (detail: string) => new ApiError(ErrorCode.WebhookDeliveryNotFound, detail),
  webhookEndpointDeleted: (detail: string) => new ApiError(ErrorCode.WebhookEndpointDeleted, detail),
  watchlistPersonNotFound: (id: number) => new ApiError(ErrorCode.WatchlistPersonNotFound, `there is no active protected person ${id}`),
  methodNotAllowed: (method: string, path: string, allowed: readonly string[]) =>
    new ApiError(ErrorCode.MethodNotAllowed, `${path} does not accept ${method}; use ${allowed.join(', ')}`, { headers: { allow: allowed.join(', ') } }),
  caseAlreadyDecided: (id: number) => new ApiError(ErrorCode.CaseAlreadyDecided, `case ${id} is already decided; read its decision with GET /v1/cases/${id}`),
  bodyTooLarge: (limitBytes: number) =>
    new ApiError(ErrorCode.BodyTooLarge, `the body is over the limit of ${limitBytes} bytes for this route; send fewer or shorter posts per request`, { extensions: { limitBytes } }),
  unsupportedMediaType: (type: string | undefined) =>
    new ApiError(ErrorCode.UnsupportedMediaType, `${type ? `Content-Type "${type}" is not accepted` : 'the body has no Content-Type'}; send JSON with "Content-Type: application/json"`),
  invalidWatchlistEntry: (detail: string) => new ApiError(ErrorCode.InvalidWatchlistEntry, detail),
  rateLimited: (max: number, retryAfterSeconds: number) =>
    new ApiError(ErrorCode.RateLimited, `this API key is limited to ${max} requests per minute; retry in ${retryAfterSeconds} s`, { extensions: { limit: max, retryAfterSeconds } }),
  internal: () => new ApiError(ErrorCode.Internal, 'the server failed to handle the request; nothing is wrong with the request itself. Report the requestId if it persists'),
  storeUnavailable: () =>
    new ApiError(ErrorCode.StoreUnavailable, 'the database is unavailable or busy; retry shortly (nothing of this request was stored)', { headers: { 'retry-after': '5' } }),
};

/** RFC 9457 problem document. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: ErrorCode;
  readonly requestId: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

/** Problem type URIs: not resolvable, stable identifiers (RFC 9457 §3.1.1); the meanings are in the OpenAPI document. */
export const problemType = (code: ErrorCode): string => `urn:bulwark:problem:${code.toLowerCase().replace(/_/g, '-')}`;

export function toProblem(error: ApiError, instance: string, requestId: string): Problem {
  const kind = ERROR_KINDS[error.code];
  return {
    type: problemType(error.code),
    title: kind.title,
    status: kind.status,
    detail: error.detail,
    instance,
    code: error.code,
    requestId,
    ...(error.options.errors === undefined ? {} : { errors: error.options.errors }),
    ...error.options.extensions,
  };
}
