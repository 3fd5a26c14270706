import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../types.js';
import { canonicalVariants } from './canonical.js';
import { KeyedHasher } from './keyed-hash.js';
import { WatchlistMatcher, type WatchlistEntryHash } from './matcher.js';
import type { WatchlistField } from './fields.js';

const key = (id: string) => ({ id, secret: randomBytes(32) });

describe('canonicalVariants', () => {
  it('reduces phones to E.164 whatever the notation', () => {
    expect(canonicalVariants('phone', '(312) 555-0172')).toEqual(['+13125550172', 'national:3125550172']);
    expect(canonicalVariants('phone', '+52 55 4102 0187')).toEqual(['+525541020187', 'national:5541020187']);
  });

  it('folds case and accents in names and drops titles', () => {
    expect(canonicalVariants('name', 'Jueza  María Elena RUIZ')).toContain('maria elena ruiz');
    expect(canonicalVariants('name', 'Jueza  María Elena RUIZ')).toContain('maria ruiz');
  });

  it('keeps number + street (+ postal code) of an address, with and without the directional', () => {
    const v = canonicalVariants('address', '4417 S Wood Street, Chicago, IL 60609');
    expect(v).toEqual(expect.arrayContaining(['4417 s wood st', '4417 s wood st 60609', '4417 wood st']));
    expect(canonicalVariants('address', 'C/ Alcalá 45, 28014 Madrid')).toContain('45 calle alcala 28014');
  });

  it('treats tagged and dotted Gmail addresses as one', () => {
    expect(canonicalVariants('email', 'J.Doe+news@Gmail.com')).toContain('jdoe@gmail.com');
    expect(canonicalVariants('plate', 'klm-4821')).toEqual(['KLM4821']);
  });
});

describe('KeyedHasher', () => {
  it('derives separate keys per field and per server key', () => {
    const k = key('k1');
    const hasher = new KeyedHasher([k]);
    expect(hasher.hash('phone', 'x').hash).not.toBe(hasher.hash('plate', 'x').hash);
    expect(new KeyedHasher([k]).hash('phone', 'x')).toEqual(hasher.hash('phone', 'x'));
    expect(new KeyedHasher([key('k2')]).hash('phone', 'x').hash).not.toBe(hasher.hash('phone', 'x').hash);
  });

  it('refuses short keys', () => {
    expect(() => new KeyedHasher([{ id: 'short', secret: Buffer.alloc(8) }])).toThrow(/32 bytes/);
  });
});

describe('WatchlistMatcher', () => {
  const hasher = new KeyedHasher([key('k1')]);
  const register = (personId: number, field: WatchlistField, value: string): WatchlistEntryHash[] =>
    canonicalVariants(field, value).map((v) => ({ personId, field, ...hasher.hash(field, v) }));
  const text = 'Officer Dana Whitfield, cell 312-555-0172, lives at 1187 N Maplewood Ave';
  const findings: Finding[] = [
    { type: 'person', start: 8, end: 22, confidence: 0.9, rule: 't', canonical: 'Dana Whitfield' },
    { type: 'phone', start: 29, end: 41, confidence: 0.9, rule: 't', canonical: '+13125550172' },
    { type: 'street_address', start: 52, end: 73, confidence: 0.9, rule: 't' },
  ];

  it('matches a number registered with a country code when the post omits it', () => {
    const matcher = new WatchlistMatcher(hasher, register(4, 'phone', '+52 662 213 0155'));
    const post: Finding[] = [{ type: 'phone', start: 0, end: 12, confidence: 0.9, rule: 't', canonical: '+16622130155' }];
    expect(matcher.match(post, '662 213 0155')).toEqual([{ personId: 4, field: 'phone', finding: 0 }]);
  });

  it('finds which protected person and which field, never the value', () => {
    const matcher = new WatchlistMatcher(hasher, [...register(7, 'phone', '(312) 555 0172'), ...register(7, 'address', '1187 North Maplewood Avenue, Chicago IL 60622'), ...register(9, 'name', 'Someone Else')]);
    expect(matcher.match(findings, text)).toEqual([
      { personId: 7, field: 'phone', finding: 1 },
      { personId: 7, field: 'address', finding: 2 },
    ]);
  });

  it('matches hashes made under a previous key during a rotation', () => {
    const old = key('old');
    const entries = canonicalVariants('name', 'Dana Whitfield').map((v) => ({ personId: 3, field: 'name' as const, ...new KeyedHasher([old]).hash('name', v) }));
    const rotating = new KeyedHasher([key('new'), old]);
    expect(new WatchlistMatcher(rotating, entries).match(findings, text)).toEqual([{ personId: 3, field: 'name', finding: 0 }]);
  });

  it('holds no identifier in plain text', () => {
    const matcher = new WatchlistMatcher(hasher, register(1, 'phone', '312-555-0172'));
    expect(JSON.stringify([...(matcher as unknown as { index: Map<string, number[]> }).index.keys()])).not.toMatch(/3125550172/);
  });
});
