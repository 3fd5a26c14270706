import { describe, expect, it } from 'vitest';
import { findEntities } from '../analyze.js';
import { normalize } from '../normalize/normalize.js';
import { emailDetector } from './email.js';

function emails(text: string): string[] {
  return findEntities(text, [emailDetector]).map((f) => text.slice(f.start, f.end));
}

describe('email detector', () => {
  it.each([
    ['correo personal jaranda.defensa@yahoo.com.mx, cel 55', 'jaranda.defensa@yahoo.com.mx'],
    ['Mi nuevo correo es lupita.rdz.95@gmail.com', 'lupita.rdz.95@gmail.com'],
    ['email: news@cpd-press.org.', 'news@cpd-press.org'],
    ['(a_perez.garcia@yahoo.es)', 'a_perez.garcia@yahoo.es'],
    ['write to first+tag@sub.example.co.uk!', 'first+tag@sub.example.co.uk'],
    ['E-mail:36178jgs@comb.es', '36178jgs@comb.es'],
    ['correo: josé.núñez@correo.mx', 'josé.núñez@correo.mx'],
  ])('%s', (text, expected) => {
    expect(emails(text)).toEqual([expected]);
  });

  it('canonicalises to lower case', () => {
    const [span] = emailDetector.detect(normalize('Email: Beafjorge@Hotmail.com'));
    expect(span?.canonical).toBe('beafjorge@hotmail.com');
  });

  it('finds several addresses', () => {
    expect(emails('Emails: mariacorme@hotmail.com mpombocastro@gmail.com; x@y.es')).toEqual([
      'mariacorme@hotmail.com',
      'mpombocastro@gmail.com',
      'x@y.es',
    ]);
  });

  describe('obfuscated addresses (through the normalizer)', () => {
    it.each([
      'bharlan55 [at] gmail [dot] com',
      'r.ostrowski(at)hotmail(dot)com',
      'marisol.ochoa [arroba] gmail [punto] com',
      's.lomeli.asilo arroba yahoo punto com',
      'dani.pruitt.1995 at protonmail dot com',
      'l i s a t r e n t 7 2 @ g m a i l . c o m',
    ])('%s', (address) => {
      expect(emails(`su correo ${address}. compartan`)).toEqual([address]);
    });
  });

  describe('things that are not e-mail addresses', () => {
    it.each([
      ['a handle', 'thanks @amazon and @user.name'],
      ['no top-level domain', 'me@localhost or foo@bar'],
      ['a numeric last label', 'v@1.2.3'],
      ['a bare domain', 'see hackerone.com/tacotrackr'],
      ['an at sign between words', 'meet me @ the park'],
    ])('%s', (_name, text) => {
      expect(emails(text)).toEqual([]);
    });

    it('drops a trailing label that cannot be a top-level domain', () => {
      expect(emails('a@b.com.123')).toEqual(['a@b.com']);
    });
  });

  it('stays linear on adversarial input', () => {
    for (const text of ['a'.repeat(50_000) + '@', 'a.'.repeat(25_000) + '@b', 'a@' + 'b.'.repeat(25_000), 'a@b-'.repeat(12_000)]) {
      const started = performance.now();
      emailDetector.detect(normalize(text));
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });
});
