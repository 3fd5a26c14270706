import type { FastifyInstance } from 'fastify';
import { Errors, type ApiError } from '../errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** A lone surrogate or a NUL can only enter through a \uD800–\uDFFF or \u0000 escape: texts without one skip the walk. */
const UNSTORABLE_ESCAPE = /\\u(?:[dD][89a-fA-F]|0000)/;
const POSITION = /at position (\d+)/;

const wellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();
const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** NUL is valid Unicode, but PostgreSQL text cannot hold it: refused up front rather than failing at storage. */
const storable = (s: string): boolean => wellFormed(s) && !s.includes('\u0000');

/** JSON Pointer of the first string (or key) holding an unpaired surrogate or a NUL; iterative, so deep nesting cannot overflow the stack. */
function findUnstorableString(root: unknown): string | undefined {
  const stack: [unknown, string][] = [[root, '']];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [value, pointer] = item;
    if (typeof value === 'string') {
      if (!storable(value)) return pointer;
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push([v, `${pointer}/${i}`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (!storable(k)) return pointer;
        stack.push([v, `${pointer}/${escapePointer(k)}`]);
      }
    }
  }
  return undefined;
}

/** Says where a syntax error is without quoting the body (engine messages may quote it). */
function syntaxError(text: string): ApiError {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = Number(POSITION.exec(message)?.[1] ?? -1);
    if (/end of JSON input/.test(message) || at >= text.length) return Errors.malformedJson(' (it ends too early)');
    if (at < 0) return Errors.malformedJson('');
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    return Errors.malformedJson(` (at character ${at + 1}: line ${line}, column ${before.length - before.lastIndexOf('\n')})`);
  }
  // JSON.parse accepts it: the secure parser refused a prototype-poisoning key.
  return Errors.forbiddenKey();
}

/**
 * The only body parser: JSON, decoded as strict UTF-8, refusing `__proto__` keys and strings
 * with unpaired surrogates or NUL characters. Any other Content-Type gets 415. An empty body is "no body".
 */
export function installJsonBody(app: FastifyInstance): void {
  const secureParse = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    if (bytes.length === 0) {
      done(null, undefined);
      return;
    }
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      done(Errors.invalidUtf8(), undefined);
      return;
    }
    secureParse(request, text, (error, value) => {
      if (error) {
        done(syntaxError(text), undefined);
        return;
      }
      const bad = UNSTORABLE_ESCAPE.test(text) ? findUnstorableString(value) : undefined;
      if (bad !== undefined) done(Errors.loneSurrogate(bad), undefined);
      else done(null, value);
    });
  });
}
