import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import { normalize } from '../normalize/normalize.js';
import { curpCheckDigit } from './gov-id/curp.js';
import { hasValidControlLetter } from './gov-id/spanish-id.js';
import { govIdDetector } from './gov-id.js';

/** [value, subtype, canonical] of every gov_id the detector finds. */
function ids(text: string): [string, string | undefined, string | undefined][] {
  return govIdDetector
    .detect(normalize(text))
    .sort((a, b) => a.start - b.start)
    .map((s) => [text.slice(s.start, s.end), s.subtype, s.canonical]);
}

const values = (text: string): string[] => ids(text).map(([value]) => value);

describe('US SSN', () => {
  it('finds dashed, dotted and spaced numbers', () => {
    expect(ids('Here is my SSN: 460-89-9847')).toEqual([['460-89-9847', 'ssn', '460899847']]);
    expect(values('ssn 460.89.9847 leaked')).toEqual(['460.89.9847']);
    expect(values('her social security number is 460 89 9847')).toEqual(['460 89 9847']);
    expect(values('su número de seguro social: 460-89-9847')).toEqual(['460-89-9847']);
  });

  it('takes a compact 9-digit number only with context', () => {
    expect(values('deputy J. Friesen’s ssn is 914227731. whole roster leaked')).toEqual(['914227731']);
    expect(values('order 914227731 shipped')).toEqual([]);
  });

  it('accepts never-issued areas (9xx, 666) only when labelled', () => {
    expect(values('SSN 912-44-8810, DOB 3/9/1981')).toEqual(['912-44-8810']);
    expect(values('ref 912-44-8810')).toEqual([]);
    expect(values('ref 666-44-8810')).toEqual([]);
  });

  it('finds an issuable dashed number without context, at lower confidence', () => {
    const [span] = govIdDetector.detect(normalize('leaked: 054-28-6917 lol'));
    expect(span?.confidence).toBeLessThan(0.8);
  });

  it('rejects zero areas, groups and serials', () => {
    expect(values('SSN 000-12-3456')).toEqual([]);
    expect(values('SSN 123-00-4567')).toEqual([]);
    expect(values('SSN 123-45-0000')).toEqual([]);
  });

  it('does not take part of a phone or card number', () => {
    expect(values('call (773) 555-0148 or 1-312-555-0194')).toEqual([]);
    expect(values('ssn? no, card 4716 0012 3456 7894')).toEqual([]);
    expect(values('SSN 3125550194')).toEqual([]);
  });
});

describe('Mexican CURP', () => {
  it('computes the official check digit', () => {
    expect(curpCheckDigit('BOXW310820HNERXN09')).toBe(9);
    expect(curpCheckDigit('OEAF771012HMCRGR08')).toBe(8);
  });

  it('finds a CURP with a valid check digit anywhere', () => {
    expect(ids('BOXW310820HNERXN09')).toEqual([['BOXW310820HNERXN09', 'curp', 'BOXW310820HNERXN09']]);
    const [span] = govIdDetector.detect(normalize('ahí está BOXW310820HNERXN09'));
    expect(span?.confidence).toBeGreaterThanOrEqual(0.95);
  });

  it('finds a CURP written with spaces', () => {
    expect(ids('el activista, CURP SAEA 920715 HCHNSL 03 (con espacios)')).toEqual([
      ['SAEA 920715 HCHNSL 03', 'curp', 'SAEA920715HCHNSL03'],
    ]);
  });

  it('keeps a well-formed CURP whose check digit fails, surer when labelled', () => {
    const [labelled] = govIdDetector.detect(normalize('Su CURP: MOVI950823HHGNRV04'));
    const [bare] = govIdDetector.detect(normalize('dato MOVI950823HHGNRV04'));
    expect(labelled?.confidence).toBeGreaterThan(bare?.confidence ?? 1);
  });

  it('rejects a bad date, state code or sex', () => {
    expect(values('CURP SALM901309MNLLPR02')).toEqual([]);
    expect(values('CURP SALM900909MQQLPR02')).toEqual([]);
    expect(values('CURP SALM900909ZNLLPR02')).toEqual([]);
  });
});

describe('INE clave de elector', () => {
  it('finds a voter key named as such', () => {
    expect(ids('clave de elector BLGRTR78041214M700. vive en Zapopan')).toEqual([
      ['BLGRTR78041214M700', 'ine_voter_key', 'BLGRTR78041214M700'],
    ]);
  });

  it('needs the label', () => {
    expect(values('código BLGRTR78041214M700')).toEqual([]);
  });

  it('rejects an impossible date or state', () => {
    expect(values('clave de elector BLGRTR78143214M700')).toEqual([]);
    expect(values('clave de elector BLGRTR78041240M700')).toEqual([]);
  });
});

describe('Spanish DNI and NIE', () => {
  it('checks the control letter', () => {
    expect(hasValidControlLetter('12345678Z')).toBe(true);
    expect(hasValidControlLetter('12345678A')).toBe(false);
    expect(hasValidControlLetter('X1234567L')).toBe(true);
  });

  it('finds valid numbers without a label', () => {
    expect(ids('su documento 12345678Z y el de ella X1234567L')).toEqual([
      ['12345678Z', 'dni', '12345678Z'],
      ['X1234567L', 'nie', 'X1234567L'],
    ]);
    expect(values('DNI 12.345.678-Z')).toEqual(['12.345.678-Z']);
  });

  it('takes a failing control letter only with a DNI/NIE label', () => {
    expect(values('DNI 12345678A')).toEqual(['12345678A']);
    expect(values('pedido 12345678A')).toEqual([]);
  });
});

describe('passport and driver licence numbers', () => {
  it('finds numbers right after their label', () => {
    expect(ids("My driver's license number is F162823540116")).toEqual([
      ['F162823540116', 'driver_license', 'F162823540116'],
    ]);
    expect(values('drivers license D412-7781-9903. got it off the insurance form')).toEqual(['D412-7781-9903']);
    expect(values('DL IL D412-7781-9903 exp 2027')).toEqual(['D412-7781-9903']);
    expect(values('licencia de conducir de Texas 12345678')).toEqual(['12345678']);
    expect(ids('passport no. 533380006')).toEqual([['533380006', 'passport', '533380006']]);
    expect(values('su pasaporte mexicano G12345678')).toEqual(['G12345678']);
    expect(values('Driver License Number: SMITHJ482KP, class C')).toEqual(['SMITHJ482KP']);
  });

  it('ignores the label without a number, and other numbers', () => {
    expect(values('checking licenses on Cermak. 10:40pm')).toEqual([]);
    expect(values('my passport expires in 2027')).toEqual([]);
    expect(values('dl the app at 312-555-0194')).toEqual([]);
    expect(values('el licenciado Gálvez 12345678')).toEqual([]);
    expect(values('DL me at 3125550194')).toEqual([]);
  });
});

describe('hard negatives', () => {
  it('ignores ordinary numbers', () => {
    for (const text of [
      'Police report filed, #JB-448190',
      'bike frame # WTU123X',
      'ZIP: 75534-030',
      'Need to see last 10 transaction of card 4351130092557588',
      'GB56HXDO88167774656119 to other bank accounts',
      'PSA: if you see a post with someone’s CURP or SSN, report it',
      'meeting 2024-05-12 at 10',
    ]) {
      expect(values(text)).toEqual([]);
    }
  });
});

describe('end to end through analyze()', () => {
  it('maps spans back to the original text', () => {
    const text = 'Sgt. Amanda Pierce’s SSN 912-44-8810 is out there now.';
    const found = analyze(text).findings.filter((f) => f.type === 'gov_id');
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['912-44-8810']);
  });

  it('finds ids written with number words', () => {
    const text = "deputy J. Friesen's ssn is nine one four - two two - seven seven three one. leaked";
    const found = analyze(text).findings.filter((f) => f.type === 'gov_id');
    expect(found.map((f) => f.canonical)).toEqual(['914227731']);
  });
});
