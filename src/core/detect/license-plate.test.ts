import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import { normalize } from '../normalize/normalize.js';
import { licensePlateDetector } from './license-plate.js';

function plates(text: string): string[] {
  return licensePlateDetector
    .detect(normalize(text))
    .sort((a, b) => a.start - b.start)
    .map((s) => text.slice(s.start, s.end));
}

describe('license plates', () => {
  it('finds US styles after a plate word', () => {
    for (const [text, plate] of [
      ['white Ford Ranger, TX plate KLM-4821. the kids go to', 'KLM-4821'],
      ['silver Lexus, plate 7XKT392. her daughter', '7XKT392'],
      ['black F-150, Illinois plate DS 44712 (the one w the sticker)', 'DS 44712'],
      ['blue Kia Soul, IL plate 3V 88172', '3V 88172'],
      ['gray Silverado, IL plate 2684 RF, leaves at 6:30', '2684 RF'],
      ['blue Honda CR-V, IL plate AR 50219', 'AR 50219'],
      ['her bf’s car is a red Civic, plate FHT 2210', 'FHT 2210'],
      ['license plate number is CRT4471', 'CRT4471'],
      ['tag # WC 1958 on the Audi', 'WC 1958'],
      ["the plates read 'BRT 5521' on a red Camaro", 'BRT 5521'],
    ]) {
      expect(plates(text ?? '')).toEqual([plate]);
    }
  });

  it('finds Mexican plates after placas/matrícula', () => {
    expect(plates('se va en un Aveo gris placas MXK-902-C')).toEqual(['MXK-902-C']);
    expect(plates('Jetta blanco placas NLP-337-C, y sale a las 6')).toEqual(['NLP-337-C']);
    expect(plates('Mazda 3 rojo placas JHX-480-D')).toEqual(['JHX-480-D']);
    expect(plates('matrícula: PUE-663-A afuera de la casa')).toEqual(['PUE-663-A']);
    expect(plates('una Tacoma con placas del Edomex MRL 215 E')).toEqual(['MRL 215 E']);
  });

  it('leaves the state out of the span', () => {
    expect(plates('una Ram roja placas TX HGT-7710')).toEqual(['HGT-7710']);
    expect(plates('maneja una Explorer negra placas IL JN 70331')).toEqual(['JN 70331']);
    expect(plates('white Tahoe, plate AZ CRT4471. coaches')).toEqual(['CRT4471']);
  });

  it('finds a plate named after it, or next to the vehicle', () => {
    expect(plates('KLM-4821 is his plate')).toEqual(['KLM-4821']);
    expect(plates('at the Food4Less, maroon minivan 7HJK221. she goes there')).toEqual(['7HJK221']);
    expect(plates('sale en una Tacoma blanca JKT-482-B a las 6')).toEqual(['JKT-482-B']);
  });

  it('reports a plate once, whatever follows it', () => {
    expect(plates('placas KLM 4821 X9abc')).toEqual(['KLM 4821']);
  });

  it('gives the canonical form without separators', () => {
    const [span] = licensePlateDetector.detect(normalize('placas MXK-902-C'));
    expect(span?.canonical).toBe('MXK902C');
  });

  it('needs plate or vehicle context', () => {
    expect(plates('KLM-4821')).toEqual([]);
    expect(plates('Police report filed, #JB-448190.')).toEqual([]);
    expect(plates('bike frame # WTU123X')).toEqual([]);
    expect(plates('flight UA 1234 lands at 5')).toEqual([]);
  });

  it('ignores model names, years, phones, ZIP codes and street numbers', () => {
    expect(plates('drives a 2019 RAV4 and a Ford F-150')).toEqual([]);
    expect(plates('his Honda CR-V, her Mazda 3 and a Silverado 1500 LT')).toEqual([]);
    expect(plates('truck for sale, call 312-555-0194')).toEqual([]);
    expect(plates('lives at 6613 Dusty Trail Rd, Tucson AZ 85730')).toEqual([]);
    expect(plates('parks his truck at 4412 NW Adams St')).toEqual([]);
    expect(plates('plates of tacos for 12 people at 7PM')).toEqual([]);
    expect(plates('vive en Durango, CP 34000')).toEqual([]);
    expect(plates('license plate readers on 26th and Kedzie')).toEqual([]);
    expect(plates('his Civic 2018 EX, a Tacoma 2015 TRD')).toEqual([]);
    expect(plates('use tag SUMMER24 at checkout')).toEqual([]);
    expect(plates('RAM 16GB DDR4 for sale')).toEqual([]);
    expect(plates('los camiones van a la marcha CDMX 2024')).toEqual([]);
  });
});

describe('end to end through analyze()', () => {
  it('finds a plate with zero-width and look-alike letters', () => {
    const text = 'gray Subaru, plate В\u200BN 71642';
    const found = analyze(text).findings.filter((f) => f.type === 'license_plate');
    expect(found.map((f) => f.canonical)).toEqual(['BN71642']);
  });

  it('finds a plate with spaced digits', () => {
    const text = 'IL plate 3V 8 8 1 7 2';
    const found = analyze(text).findings.filter((f) => f.type === 'license_plate');
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['3V 8 8 1 7 2']);
  });
});
