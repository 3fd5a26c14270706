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
  CaseLocked: 'CASE_LOCKED',
  FindingNotFound: 'FINDING_NOT_FOUND',
  PostPurged: 'POST_PURGED',
  ApiKeyNotFound: 'API_KEY_NOT_FOUND',
  InvalidWatchlistImport: 'INVALID_WATCHLIST_IMPORT',
  BodyTooLarge: 'BODY_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  InvalidWatchlistEntry: 'INVALID_WATCHLIST_ENTRY',
  RateLimited: 'RATE_LIMITED',
  Internal: 'INTERNAL',
  StoreUnavailable: 'STORE_UNAVAILABLE',
  InvalidTrackingId: 'INVALID_TRACKING_ID',
  TrackingIdNotFound: 'TRACKING_ID_NOT_FOUND',
  DeadLetterNotFound: 'DEAD_LETTER_NOT_FOUND',
  DeadLetterNotReplayable: 'DEAD_LETTER_NOT_REPLAYABLE',
  QueueNotConfigured: 'QUEUE_NOT_CONFIGURED',
  QueueUnavailable: 'QUEUE_UNAVAILABLE',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  SignInThrottled: 'SIGN_IN_THROTTLED',
  CsrfTokenInvalid: 'CSRF_TOKEN_INVALID',
  UserNotFound: 'USER_NOT_FOUND',
  UsernameTaken: 'USERNAME_TAKEN',
  CannotDisableSelf: 'CANNOT_DISABLE_SELF',
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
  INVALID_UNICODE: { status: 400, title: 'The body is not valid Unicode', meaning: 'Send UTF-8 without invalid byte sequences and strings without unpaired UTF-16 surrogates (\\uD800–\\uDFFF escapes) or NUL characters (\\u0000).' },
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
  CASE_LOCKED: { status: 409, title: 'Another reviewer holds the case', meaning: 'The reviewer named in `lockedBy` claimed it until `lockedUntil` (epoch ms); pick another case or wait.' },
  FINDING_NOT_FOUND: { status: 404, title: 'No such finding', meaning: 'The index is not one of the case\'s `findings`; read them with GET /v1/cases/{id}.' },
  POST_PURGED: { status: 410, title: 'The post text was purged', meaning: 'The text was deleted past retention; decisions, findings and the audit trail remain.' },
  API_KEY_NOT_FOUND: { status: 404, title: 'No such API key', meaning: 'The key id does not exist or the key is already revoked; list keys with GET /v1/keys.' },
  INVALID_WATCHLIST_IMPORT: { status: 422, title: 'The watchlist CSV cannot be imported', meaning: 'The detail names every bad line; nothing was imported. Send a header `label,field,value` and one identifier per row.' },
  WEBHOOK_ENDPOINT_DELETED: { status: 409, title: 'The webhook endpoint was deleted', meaning: 'Deliveries of a deleted endpoint cannot be sent again; register the endpoint anew.' },
  BODY_TOO_LARGE: { status: 413, title: 'The body is too large', meaning: 'Send fewer posts per request (the limit is in `limitBytes`).' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type', meaning: 'Send the body as `Content-Type: application/json`.' },
  INVALID_WATCHLIST_ENTRY: { status: 422, title: 'The watchlist entry cannot be used', meaning: 'An identifier has no usable form (a phone without digits …); the detail names which.' },
  RATE_LIMITED: { status: 429, title: 'Too many requests for this API key', meaning: 'Wait the seconds given in `Retry-After`, or ask for a higher per-key limit.' },
  INTERNAL: { status: 500, title: 'Internal error', meaning: 'A bug: report it with the `requestId`.' },
  STORE_UNAVAILABLE: { status: 503, title: 'The database is unavailable', meaning: 'Retry after the seconds given in `Retry-After`; nothing of the request was stored.' },
  INVALID_TRACKING_ID: { status: 400, title: 'The tracking id is not valid', meaning: 'Pass a `trackingId` exactly as POST /v1/posts returned it.' },
  TRACKING_ID_NOT_FOUND: { status: 404, title: 'No post with this tracking id', meaning: 'The post is neither queued, stored nor dead-lettered: it was never accepted, or it left the queue long ago without being stored. Send it again.' },
  DEAD_LETTER_NOT_FOUND: { status: 404, title: 'No such dead letter', meaning: 'The sequence does not exist or was already replayed; list them with GET /v1/dlq.' },
  DEAD_LETTER_NOT_REPLAYABLE: { status: 409, title: 'The dead letter cannot be replayed', meaning: 'Its message is not a valid post (malformed); replaying it would fail again. Send the post anew.' },
  QUEUE_NOT_CONFIGURED: { status: 409, title: 'The server runs without a queue', meaning: 'Posts are processed in-process; dead letters exist only when the server runs with `--queue nats://…`.' },
  QUEUE_UNAVAILABLE: { status: 503, title: 'The queue is unavailable', meaning: 'NATS JetStream did not answer; retry after the seconds given in `Retry-After` (re-sending posts is safe: they are de-duplicated).' },
  INVALID_CREDENTIALS: { status: 401, title: 'The credentials are not valid', meaning: 'The username and password, or the API key, do not match an active account allowed to sign in; check them and try again.' },
  SIGN_IN_THROTTLED: { status: 429, title: 'Too many failed sign-ins', meaning: 'Sign-ins for this username or from this address are refused for the seconds given in `Retry-After`.' },
  CSRF_TOKEN_INVALID: { status: 403, title: 'The CSRF token is missing or wrong', meaning: 'Requests signed in by the session cookie that change something must send `X-CSRF-Token` with the `csrfToken` of GET /v1/session.' },
  USER_NOT_FOUND: { status: 404, title: 'No such user', meaning: 'The user id does not exist or the user is already disabled.' },
  USERNAME_TAKEN: { status: 409, title: 'The username is taken', meaning: 'Usernames are unique, also among disabled users; choose another.' },
  CANNOT_DISABLE_SELF: { status: 409, title: 'You cannot disable your own account', meaning: 'Another admin (or `bulwark users disable` on the server) must do it, so nobody locks themselves out by mistake.' },
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
    new ApiError(ErrorCode.InvalidUnicode, `the string at ${pointer || '/'} contains an unpaired UTF-16 surrogate (a \\uD800–\\uDFFF escape without its pair) or a NUL character (\\u0000), which cannot be stored; send well-formed Unicode without NUL`, {
      errors: [{ location: 'body', pointer, detail: 'unpaired UTF-16 surrogate or NUL character' }],
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
  forbidden: (needed: string, held: readonly string[], holder = 'this key') =>
    new ApiError(ErrorCode.Forbidden, `this route needs the "${needed}" role (or "admin"); ${holder} has ${held.length > 0 ? held.map((r) => `"${r}"`).join(', ') : 'no role'}`, {
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
  caseLocked: (id: number, lockedBy: string, lockedByName: string, lockedUntil: number) =>
    new ApiError(ErrorCode.CaseLocked, `case ${id} is being reviewed by ${lockedByName} until ${new Date(lockedUntil).toISOString()}; pick another case`, { extensions: { lockedBy, lockedByName, lockedUntil } }),
  findingNotFound: (caseId: number, finding: number) => new ApiError(ErrorCode.FindingNotFound, `case ${caseId} has no finding ${finding}; indexes refer to the case's findings[]`),
  postPurged: (caseId: number) => new ApiError(ErrorCode.PostPurged, `the text of case ${caseId}'s post was purged past retention; nothing is left to reveal`),
  apiKeyNotFound: (id: string) => new ApiError(ErrorCode.ApiKeyNotFound, `there is no active API key ${id}`),
  invalidWatchlistImport: (problems: readonly string[]) =>
    new ApiError(ErrorCode.InvalidWatchlistImport, `nothing imported: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? `; and ${problems.length - 5} more line(s)` : ''}`),
  bodyTooLarge: (limitBytes: number) =>
    new ApiError(ErrorCode.BodyTooLarge, `the body is over the limit of ${limitBytes} bytes for this route; send fewer or shorter posts per request`, { extensions: { limitBytes } }),
  unsupportedMediaType: (type: string | undefined) =>
    new ApiError(ErrorCode.UnsupportedMediaType, `${type ? `Content-Type "${type}" is not accepted` : 'the body has no Content-Type'}; send JSON with "Content-Type: application/json"`),
  invalidWatchlistEntry: (detail: string) => new ApiError(ErrorCode.InvalidWatchlistEntry, detail),
  rateLimited: (max: number, retryAfterSeconds: number) =>
    new ApiError(ErrorCode.RateLimited, `this API key is limited to ${max} requests per minute; retry in ${retryAfterSeconds} s`, { extensions: { limit: max, retryAfterSeconds } }),
  internal: () => new ApiError(ErrorCode.Internal, 'the server failed to handle the request; nothing is wrong with the request itself. Report the requestId if it persists'),
  notSignedIn: (why: string) =>
    new ApiError(ErrorCode.Unauthenticated, `${why}; sign in with POST /v1/session`, { headers: { 'set-cookie': 'bulwark_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict' } }),
  invalidCredentials: () => new ApiError(ErrorCode.InvalidCredentials, 'the username or password is wrong, or the account cannot sign in'),
  invalidApiKeyCredentials: () => new ApiError(ErrorCode.InvalidCredentials, 'the API key is not recognized, was revoked, or lacks the reviewer or admin role'),
  signInThrottled: (retryAfterSeconds: number) =>
    new ApiError(ErrorCode.SignInThrottled, `too many failed sign-ins for this username or from this address; try again in ${retryAfterSeconds} s`, {
      headers: { 'retry-after': String(retryAfterSeconds) },
      extensions: { retryAfterSeconds },
    }),
  csrfTokenInvalid: (missing: boolean) =>
    new ApiError(ErrorCode.CsrfTokenInvalid, `${missing ? 'the X-CSRF-Token header is missing' : 'the X-CSRF-Token header does not match this session'}; send the csrfToken of GET /v1/session with every request that changes something`),
  userNotFound: (id: number) => new ApiError(ErrorCode.UserNotFound, `there is no active user ${id}`),
  usernameTaken: (detail: string) => new ApiError(ErrorCode.UsernameTaken, detail),
  cannotDisableSelf: () => new ApiError(ErrorCode.CannotDisableSelf, 'you are signed in as this user; ask another admin to disable the account'),
  storeUnavailable: () =>
    new ApiError(ErrorCode.StoreUnavailable, 'the database is unavailable or busy; retry shortly (nothing of this request was stored)', { headers: { 'retry-after': '5' } }),
  invalidTrackingId: () => new ApiError(ErrorCode.InvalidTrackingId, 'the tracking id was not issued by this server or is damaged; pass `trackingId` exactly as POST /v1/posts returned it'),
  trackingIdNotFound: () => new ApiError(ErrorCode.TrackingIdNotFound, 'no post with this tracking id is queued, stored or dead-lettered; send the post again'),
  deadLetterNotFound: (seq: number) => new ApiError(ErrorCode.DeadLetterNotFound, `there is no dead letter ${seq}; it may have been replayed already (see GET /v1/dlq)`),
  deadLetterNotReplayable: (detail: string) => new ApiError(ErrorCode.DeadLetterNotReplayable, detail),
  queueNotConfigured: () => new ApiError(ErrorCode.QueueNotConfigured, 'this server processes posts in-process and has no dead letters; start it with `bulwark serve --queue nats://…` to use the queue'),
  queueUnavailable: () => new ApiError(ErrorCode.QueueUnavailable, 'the queue (NATS JetStream) is unavailable; retry shortly (re-sending posts is safe: they are de-duplicated)', { headers: { 'retry-after': '5' } }),
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
