import { describe, expect, it } from 'vitest';
import { findEntities } from '../analyze.js';
import { normalize } from '../normalize/normalize.js';
import { phoneDetector } from './phone.js';

/** The phone numbers found in `text`, as written in the original text. */
function phones(text: string): string[] {
  return findEntities(text, [phoneDetector]).map((f) => text.slice(f.start, f.end));
}

function only(text: string) {
  const spans = phoneDetector.detect(normalize(text));
  expect(spans).toHaveLength(1);
  return spans[0];
}

describe('phone detector', () => {
  describe('national numbers in the home regions', () => {
    it.each([
      ['His cell is (773) 555-0148.', '(773) 555-0148'],
      ['call ahead 773-555-0137 ok', '773-555-0137'],
      ['Her number is 773.555.0133', '773.555.0133'],
      ['Tips: 1-800-555-0199', '1-800-555-0199'],
      ['su cel 312 555 0191, gracias', '312 555 0191'],
      ['Su cel personal 55 4102 0187', '55 4102 0187'],
      ['Tel 662 213 0155', '662 213 0155'],
      ['pedidos al 81 1204 0172 🎂', '81 1204 0172'],
      ['Tel.: 986 413 144 E-mail: x', '986 413 144'],
      ['Teléfono: 928 45 00 00.', '928 45 00 00'],
      ['Teléfono: 848 429400', '848 429400'],
      ['Telf.: 967542406, e-mail', '967542406'],
    ])('%s', (text, expected) => {
      expect(phones(text)).toEqual([expected]);
    });

    it('canonicalises to E.164 with the region the grouping points to', () => {
      expect(only('cel 55 3307 0129')?.canonical).toBe('+525533070129');
      expect(only('call (312) 555-0110')?.canonical).toBe('+13125550110');
      expect(only('Tel.: 913 908 121')?.canonical).toBe('+34913908121');
    });

    it('labels raise confidence', () => {
      const bare = only('Ramiro 773-555-0125 jaja');
      const labelled = only('su número 773-555-0125');
      expect(labelled?.confidence ?? 0).toBeGreaterThan(bare?.confidence ?? 1);
    });

    it('keeps the label and an extension out of the span', () => {
      expect(phones('tel: (773) 555-0148 ext. 12')).toEqual(['(773) 555-0148']);
      expect(phones('📞 (773) 555-0148 x12')).toEqual(['(773) 555-0148']);
    });

    it('cuts a number out of a ZIP code or a count next to it', () => {
      expect(phones('Houston TX 77380 773-555-0137')).toEqual(['773-555-0137']);
      expect(phones('Chicago IL 60608 (773) 555-0148')).toEqual(['(773) 555-0148']);
      expect(phones('cel 55 4102 0187 24 hrs')).toEqual(['55 4102 0187']);
    });

    it('finds several numbers in a row', () => {
      expect(phones('Call (312) 555-0110 or (773) 555-0100.')).toEqual(['(312) 555-0110', '(773) 555-0100']);
      expect(phones('tel: 55 3307 0129, cel 33 1642 0183')).toEqual(['55 3307 0129', '33 1642 0183']);
    });
  });

  describe('international numbers', () => {
    it.each([
      ['su cel +52 1 81 1930 0167', '+52 1 81 1930 0167', '+528119300167'],
      ['tel: +52 55 8120 0176', '+52 55 8120 0176', '+525581200176'],
      ['WhatsApp +1 (773) 555-0129', '+1 (773) 555-0129', '+17735550129'],
      ['Cambié de número: +52 (33) 1897 0164', '+52 (33) 1897 0164', '+523318970164'],
      ['office +46 (0)8 928 571 38', '+46 (0)8 928 571 38', '+46892857138'],
      ['Tfno. 0034 948 255 400', '0034 948 255 400', '+34948255400'],
    ])('%s', (text, expected, canonical) => {
      const found = findEntities(text, [phoneDetector]);
      expect(found.map((f) => text.slice(f.start, f.end))).toEqual([expected]);
      expect(found[0]?.canonical).toBe(canonical);
    });
  });

  describe('obfuscated numbers (through the normalizer)', () => {
    it.each([
      ['cell: three one two, five five five, zero one nine four', 'three one two, five five five, zero one nine four'],
      ['su cel: tres dos tres, cinco cinco cinco, cero uno cuatro siete', 'tres dos tres, cinco cinco cinco, cero uno cuatro siete'],
      ['reporter Sam 📞 7 7 3 . 5 5 5 . 0 1 6 9', '7 7 3 . 5 5 5 . 0 1 6 9'],
      ['her cell 2\u200b1\u200b0\u200b-\u200b5\u200b5\u200b5\u200b-\u200b0\u200b1\u200b2\u200b2', '2\u200b1\u200b0\u200b-\u200b5\u200b5\u200b5\u200b-\u200b0\u200b1\u200b2\u200b2'],
      ['ph (847) 5five5-01six3', '(847) 5five5-01six3'],
      ['whats +52 55-uno dos nueve ocho-cero uno tres seis', '+52 55-uno dos nueve ocho-cero uno tres seis'],
    ])('%s', (text, expected) => {
      expect(phones(text)).toEqual([expected]);
    });

    it('a number spelled out in words needs no label', () => {
      expect(phones('Daniel Whitaker: three one two, five five five, zero one nine four')).toHaveLength(1);
    });

    it('already-normalised forms the normalizer may leave', () => {
      expect(phones('llámale al 323, 555, 0147')).toEqual(['323, 555, 0147']);
    });
  });

  describe('things that are not phone numbers', () => {
    it.each([
      ['dates and times', 'Meeting 12/05/2024 at 10:30, then 2024-05-12 10:30:00'],
      ['a timestamp', 'When: 2000-04-16 11:34:35'],
      ['prices', 'Total $1,250.00, or 1.250 pesos, or 1,250,000,000 dollars, $5553070129'],
      ['an order number', 'Order #5550143210 still hasn’t shipped'],
      ['an order number with a phone-like shape', 'Order number 773 555 0137 hasn’t shipped'],
      ['a Spanish order number', 'Mi número de pedido es 55 3307 0129'],
      ['a complaint folio', 'Mi folio de queja en Profeco es 5512-0098-4471'],
      ['a tracking number', 'tracking number 1Z 999 AA1 01 2345 6784 says delivered'],
      ['an SSN', 'SSN 912-44-8810 and 912 44 8810'],
      ['a social-security id in groups', 'NASS: 74 31416985 12.'],
      ['a licence number', "my driver's license number is 2270-66-1551"],
      ['years', 'years 1995 2012 2020 2024'],
      ['ZIP and CP codes', 'ZIP 60608, CP 06700'],
      ['coordinates', 'pin 25.6714, -100.3097'],
      ['IP addresses', 'router 198.51.100.23'],
      ['a card number', 'card 4716 0012 3456 7894'],
      ['a local number without area code', 'call 555-0100 for info'],
      ['an unlabelled bare digit string', 'Episodio: 5267546478.'],
      ['numbers with an odd grouping', 'NºCol: 28 28 734568, 20 985674 55'],
      ['an address with a postcode', 'Paseo de San Vicente 58-182, 37007 Salamanca'],
    ])('%s', (_name, text) => {
      expect(phones(text)).toEqual([]);
    });

    it('a number labelled as a fax line is not reported; one followed by "fax" is kept with low confidence', () => {
      expect(phones('Fax: 986 413 144')).toEqual([]);
      const trailing = only('986 413 144 fax');
      expect(trailing?.confidence ?? 1).toBeLessThan(0.5);
    });

    it('an invalid number is reported only with a label, as possible', () => {
      expect(phones('ref 930.167.3943 today')).toEqual([]);
      expect(only('cell 930.167.3943')?.rule).toBe('phone.possible');
    });
  });

  it('stays linear on long digit runs', () => {
    const inputs = ['1 '.repeat(20_000), '12.3456, '.repeat(5_000), '(1'.repeat(20_000), '+1 '.repeat(10_000)];
    for (const text of inputs) {
      const started = performance.now();
      phoneDetector.detect(normalize(text));
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });
});
