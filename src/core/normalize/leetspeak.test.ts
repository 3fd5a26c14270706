import { describe, expect, it } from 'vitest';
import { readLeetspeak } from './leetspeak.js';
import { identityMapped, toOriginalSpan } from './mapped-text.js';

const run = (text: string) => readLeetspeak(identityMapped(text));

describe('leetspeak', () => {
  it.each([
    ['a digit inside a word', "i'll k1ll him", "i'll kill him"],
    ['Spanish with several digits', 'hay que m4t4rlo', 'hay que matarlo'],
    ['a zero', 'we know his h0me', 'we know his home'],
    ['a trailing digit after an inner one', 'h3ll0 there', 'hello there'],
    ['a leading digit before an inner one', '4ss4ss1n', 'assassin'],
    ['symbols', 'sh00t that a$$hole, m@t@lo', 'shoot that asshole, matalo'],
    ['a capitalised word', 'K1ll them', 'Kill them'],
    ['punctuation after the word', 'k1ll!!', 'kill!!'],
    ['a hashtag', '#m4t4r', '#matar'],
  ])('%s', (_, input, expected) => {
    expect(run(input).text).toBe(expected);
  });

  it.each([
    ['a handle with digits', 'bharlan55 and agent007'],
    ['an apartment and a plate', '3B and KLM-4821 and ABC1D23'],
    ['all-capital codes', 'T4L, RS3PE, D4T, AB1CD'],
    ['mixed-case names and codes', 'Food4Less, T3bN0M0, k1lL'],
    ['an e-mail address', 'j0hn.d0e@mail.com'],
    ['a handle', '@k1ller'],
    ['a URL', 'https://ex4mple.com/p4th'],
    ['units and ordinals', '10am 5km 1st 4x4 mp3 h2o'],
    ['short codes', 'C1q d1e'],
    ['a long code', 'a1b3c5d7e1f3a5b7c1d3e5f7a'],
  ])('leaves %s alone', (_, input) => {
    expect(run(input).text).toBe(input);
  });

  it('reads the word but keeps a longer digit tail', () => {
    expect(run('j0hn55').text).toBe('john55');
  });

  it('maps letters one for one', () => {
    const m = run('go k1ll');
    expect(toOriginalSpan(m, 3, 7)).toEqual({ start: 3, end: 7 });
    expect(toOriginalSpan(m, 4, 5)).toEqual({ start: 4, end: 5 });
  });
});
