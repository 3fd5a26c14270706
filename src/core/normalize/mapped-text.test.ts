import { describe, expect, it } from 'vitest';
import { identityMapped, MappedTextBuilder, rewrite, toOriginalSpan } from './mapped-text.js';

describe('identityMapped', () => {
  it('maps every unit to itself', () => {
    const m = identityMapped('abc');
    expect([...m.starts]).toEqual([0, 1, 2]);
    expect([...m.ends]).toEqual([1, 2, 3]);
  });

  it('handles the empty text', () => {
    const m = identityMapped('');
    expect(m.starts.length).toBe(0);
    expect(toOriginalSpan(m, 0, 0)).toEqual({ start: 0, end: 0 });
  });
});

describe('MappedTextBuilder', () => {
  it('copy keeps offsets, replace maps to the whole stretch, substitute maps one for one', () => {
    const source = identityMapped('ab[at]cd');
    const b = new MappedTextBuilder(source);
    b.copy(0, 2);
    b.replace(2, 6, '@');
    b.substitute(6, 8, 'CD');
    const m = b.build();
    expect(m.text).toBe('ab@CD');
    expect([...m.starts]).toEqual([0, 1, 2, 6, 7]);
    expect([...m.ends]).toEqual([1, 2, 6, 7, 8]);
  });

  it('a replacement longer than its source maps every unit to the whole source', () => {
    const b = new MappedTextBuilder(identityMapped('x mil'));
    b.copy(0, 2);
    b.replace(2, 5, '1000');
    const m = b.build();
    expect(toOriginalSpan(m, 2, 6)).toEqual({ start: 2, end: 5 });
    expect(toOriginalSpan(m, 3, 4)).toEqual({ start: 2, end: 5 });
  });

  it('refuses a one-for-one substitution of another length', () => {
    const b = new MappedTextBuilder(identityMapped('abc'));
    expect(() => b.substitute(0, 2, 'x')).toThrow();
  });

  it('composes: a second pass maps through the first to the original', () => {
    const first = rewrite(identityMapped('a\u200Bb'), /\u200B/g, () => '');
    expect(first.text).toBe('ab');
    const second = rewrite(first, /ab/g, () => 'X');
    expect(second.text).toBe('X');
    expect(toOriginalSpan(second, 0, 1)).toEqual({ start: 0, end: 3 });
  });
});

describe('rewrite', () => {
  it('returns the source itself when nothing changes', () => {
    const source = identityMapped('nothing here');
    expect(rewrite(source, /\d/g, () => '0')).toBe(source);
  });

  it('needs a global pattern', () => {
    expect(() => rewrite(identityMapped('a'), /a/, () => 'b')).toThrow();
  });

  it('maps one for one when asked', () => {
    const m = rewrite(identityMapped('1O44'), /O/g, () => '0', { oneForOne: true });
    expect(m.text).toBe('1044');
    expect(toOriginalSpan(m, 1, 2)).toEqual({ start: 1, end: 2 });
  });
});
