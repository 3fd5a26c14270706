import { describe, expect, it } from 'vitest';
import { findEntities } from '../analyze.js';
import { normalize } from '../normalize/normalize.js';
import { geoCoordinatesDetector } from './geo-coordinates.js';

function coordinates(text: string): string[] {
  return findEntities(text, [geoCoordinatesDetector]).map((f) => text.slice(f.start, f.end));
}

describe('geo coordinates detector', () => {
  it.each([
    ['pin 34.1184, -118.3004 at the trailhead', '34.1184, -118.3004'],
    ['Calle Colón 418 (25.6714, -100.3097)', '25.6714, -100.3097'],
    ['field is at 32.2868,-110.9785.', '32.2868,-110.9785'],
    ['at 43.0731° N, 89.4012° W', '43.0731° N, 89.4012° W'],
    ['N 43.07 W 89.40', 'N 43.07 W 89.40'],
    ['43°04\'23"N 89°24\'04"W', '43°04\'23"N 89°24\'04"W'],
    ['25°40\'N, 100°18\'O', '25°40\'N, 100°18\'O'],
  ])('%s', (text, expected) => {
    expect(coordinates(text)).toEqual([expected]);
  });

  it('gives signed decimal degrees as canonical form', () => {
    const [span] = geoCoordinatesDetector.detect(normalize('43.0731° N, 89.4012° W'));
    expect(span?.canonical).toBe('43.073100,-89.401200');
  });

  describe('obfuscated pairs', () => {
    it.each([
      ['pin 43.0\u200b731, -89.4\u200b012', '43.0\u200b731, -89.4\u200b012'],
      ['pin 20. 7124 , -103. 4098 ya', '20. 7124 , -103. 4098'],
    ])('%s', (text, expected) => {
      expect(coordinates(text)).toEqual([expected]);
    });
  });

  describe('things that are not coordinates', () => {
    it.each([
      ['prices and scores', 'scores 3.5, 4.2 and $12.25, 13.75'],
      ['out of range', '95.1234, 10.1234 and 45.1234, 190.1234'],
      ['numbers without a comma', 'weights 75.500 80.250'],
      ['a number range', '12.500-13.750'],
      ['an IP address', '192.168.1.1'],
      ['bad minutes', '43°75\'N 89°24\'W'],
    ])('%s', (_name, text) => {
      expect(coordinates(text)).toEqual([]);
    });

    it('a pair after a rejected number is still found', () => {
      expect(coordinates('score 3.5, 43.0731, -89.4012')).toEqual(['43.0731, -89.4012']);
    });
  });

  it('stays linear on adversarial input', () => {
    for (const text of ['12.3456, '.repeat(10_000), '1.'.repeat(30_000), '1°1\''.repeat(20_000)]) {
      const started = performance.now();
      geoCoordinatesDetector.detect(normalize(text));
      expect(performance.now() - started).toBeLessThan(1_000);
    }
  });
});
