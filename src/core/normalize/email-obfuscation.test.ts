import { describe, expect, it } from 'vitest';
import { foldEmailObfuscation } from './email-obfuscation.js';
import { identityMapped, toOriginalSpan } from './mapped-text.js';

const run = (text: string) => foldEmailObfuscation(identityMapped(text));

describe('e-mail obfuscation', () => {
  it.each([
    ['square brackets', 'mail: tgrant77 [at] gmail [dot] com', 'mail: tgrant77@gmail.com'],
    ['parentheses', 'email r.vela(at)hotmail(dot)com or', 'email r.vela@hotmail.com or'],
    ['braces and angle brackets', 'x_y {at} proton <dot> me', 'x_y@proton.me'],
    ['upper case markers', 'ana [AT] yahoo [DOT] com', 'ana@yahoo.com'],
    ['spaces inside brackets', 'ana [ at ] yahoo [ dot ] com', 'ana@yahoo.com'],
    ['a bracketed @ and dot', 'ana(@)yahoo[.]com', 'ana@yahoo.com'],
    ['bare words with a dot word', 'lena.ortiz.88 at outlook dot com', 'lena.ortiz.88@outlook.com'],
    ['bare "at" before a mail provider', 'write dani at gmail.com today', 'write dani@gmail.com today'],
    ['Spanish arroba and punto', 'correo p.rios arroba yahoo punto com punto mx', 'correo p.rios@yahoo.com.mx'],
    ['bracketed arroba and punto', 'luz.mena [arroba] gmail [punto] com', 'luz.mena@gmail.com'],
    ['bare arroba with a plain dot', 'luz arroba gmail.com', 'luz@gmail.com'],
    ['a dot marker in the local part', 'j [dot] soto [at] mail [dot] com', 'j.soto@mail.com'],
    ['spaces around @ and dots', 'tgrant77 @ gmail . com', 'tgrant77@gmail.com'],
    ['a multi-label domain', 'a.b(at)mail(dot)co(dot)uk', 'a.b@mail.co.uk'],
    ['spaced-out letters', 'mail: r o s a 9 1 @ g m a i l . c o m', 'mail: rosa91@gmail.com'],
    ['a sentence dot after the address', 'ana [at] mail [dot] com. bye', 'ana@mail.com. bye'],
  ])('%s', (_, input, expected) => {
    expect(run(input).text).toBe(expected);
  });

  it.each([
    ['"at" in prose', 'meet me at the park at 5'],
    ['"look at" a website', 'look at google.com for it'],
    ['"at" with a plain word after it', 'she is at home dot'],
    ['a plain address', 'write to ana@mail.com'],
    ['a mention with a dot', 'thanks @ana.lopez for this'],
    ['a lone bracketed marker', 'the (at) sign and [dot]'],
    ['"punto" in prose', 'a las tres en punto'],
    ['spaced letters without an address', 'a b c d e f'],
  ])('leaves %s alone', (_, input) => {
    expect(run(input).text).toBe(input);
  });

  it('maps the folded address back to the whole obfuscated stretch', () => {
    const original = 'mail: tgrant77 [at] gmail [dot] com!';
    const m = run(original);
    const start = m.text.indexOf('tgrant77');
    const span = toOriginalSpan(m, start, start + 'tgrant77@gmail.com'.length);
    expect(original.slice(span.start, span.end)).toBe('tgrant77 [at] gmail [dot] com');
  });

  it('maps spaced-out letters one by one', () => {
    const original = 'mail: r o s a @ m a i l . c o m';
    const m = run(original);
    expect(m.text).toBe('mail: rosa@mail.com');
    const span = toOriginalSpan(m, 6, m.text.length);
    expect(original.slice(span.start, span.end)).toBe('r o s a @ m a i l . c o m');
  });
});
