import { Errors } from './errors.js';

/**
 * Opaque keyset cursors: the sort key of the last item of a page, tagged with the list it
 * belongs to, base64url-encoded. Clients pass them back unchanged; anything else is refused.
 */
export function encodeCursor(list: string, key: readonly number[]): string {
  return Buffer.from(JSON.stringify([list, ...key])).toString('base64url');
}

export function decodeCursor(list: string, cursor: string, length: number): number[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw Errors.invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== length + 1 || parsed[0] !== list) throw Errors.invalidCursor();
  const key = parsed.slice(1);
  if (!key.every((n): n is number => Number.isSafeInteger(n))) throw Errors.invalidCursor();
  return key;
}
