import { describe, expect, it } from 'vitest';
import { validatePost } from './validate.js';

describe('validatePost', () => {
  it('accepts a well-formed post and keeps only known fields', () => {
    expect(validatePost({ source: 'forum', id: '1', text: 'hello', channel: 'c', author: 'a', receivedAt: 5 })).toEqual({ ok: true, post: { source: 'forum', id: '1', text: 'hello', channel: 'c', author: 'a', receivedAt: 5 } });
  });

  it.each(['source', 'id', 'text', 'channel', 'author'] as const)('refuses a NUL character in %s, which PostgreSQL cannot store', (field) => {
    const post = { source: 'forum', id: '1', text: 'hello', channel: 'c', author: 'a', [field]: 'bad\u0000value' };
    expect(validatePost(post)).toMatchObject({ ok: false, reason: `"${field}" contains a NUL character (U+0000), which cannot be stored; remove it` });
  });

  it('refuses unpaired surrogates and over-long text with a reason', () => {
    expect(validatePost({ source: 's', id: '1', text: 'a\uD800b' })).toMatchObject({ ok: false, reason: expect.stringContaining('unpaired UTF-16 surrogates') });
    expect(validatePost({ source: 's', id: '1', text: 'abcdef' }, 3)).toMatchObject({ ok: false, reason: expect.stringContaining('over the limit of 3'), size: 6 });
  });

  it('refuses a receivedAt that is not a whole number of milliseconds a Date can hold', () => {
    for (const receivedAt of [1e19, 8.64e15 + 1, -1, 1.5, Number.NaN]) {
      expect(validatePost({ source: 's', id: '1', text: 'x', receivedAt })).toMatchObject({ ok: false, reason: expect.stringContaining('"receivedAt" must be epoch milliseconds') });
    }
    expect(validatePost({ source: 's', id: '1', text: 'x', receivedAt: 8.64e15 })).toMatchObject({ ok: true });
  });
});
