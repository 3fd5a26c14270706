import type { DetectedSpan, Detector } from './detector.js';
import type { NormalizedText } from '../normalize/normalize.js';

/**
 * A latitude/longitude pair, in decimal degrees (`43.0731, -89.4012`, `43.0731° N, 89.4012° W`)
 * or degrees-minutes-seconds (`43°04'23"N 89°24'04"W`). The span covers both numbers and the
 * separator between them. Ranges are checked, and bare pairs need three decimals each so that
 * prices and scores (`3.5, 4.2`) are not read as coordinates.
 */
const DECIMAL_PAIR =
  /(?<![\p{L}\p{N}_.])(?:([NS]) ?)?([-+\u2212]?\d{1,2}\. ?\d+)( ?°)?(?: ?([NS]))?( ?[,;] ?| )(?:([EWO]) ?)?([-+\u2212]?\d{1,3}\. ?\d+)( ?°)?(?: ?([EWO])(?!\p{L}))?/gu;
const DMS_PAIR =
  /(?<![\p{L}\p{N}_.])(\d{1,2})° ?(\d{1,2})['′] ?(?:(\d{1,2}(?:\.\d+)?)["″] ?)?([NS])[ ,;]{1,3}(\d{1,3})° ?(\d{1,2})['′] ?(?:(\d{1,2}(?:\.\d+)?)["″] ?)?([EWO])(?!\p{L})/gu;
const HAS_COORDINATE_SHAPE = /\d\. ?\d|\d°/;
const SPACE = / /g;
const MIN_BARE_DECIMALS = 3;

const decimalsOf = (value: string): number => value.replace(SPACE, '').length - value.replace(SPACE, '').indexOf('.') - 1;
const toNumber = (value: string): number => Number(value.replace(SPACE, '').replace('\u2212', '-'));

function decimalPairs(text: string, found: DetectedSpan[]): void {
  DECIMAL_PAIR.lastIndex = 0;
  for (let m = DECIMAL_PAIR.exec(text); m !== null; m = DECIMAL_PAIR.exec(text)) {
    const [whole, latPrefix, latText = '', latDegree, latSuffix, separator = '', lonPrefix, lonText = '', lonDegree, lonSuffix] = m;
    const latHemisphere = latPrefix ?? latSuffix;
    const lonHemisphere = lonPrefix ?? lonSuffix;
    const marked = latHemisphere !== undefined || lonHemisphere !== undefined || latDegree !== undefined || lonDegree !== undefined;
    // A bare pair needs a comma between its numbers and enough precision to be a place.
    const bare = !marked && (separator.trim() === '' || decimalsOf(latText) < MIN_BARE_DECIMALS || decimalsOf(lonText) < MIN_BARE_DECIMALS);
    let lat = toNumber(latText);
    let lon = toNumber(lonText);
    if (latHemisphere === 'S') lat = -Math.abs(lat);
    if (lonHemisphere === 'W' || lonHemisphere === 'O') lon = -Math.abs(lon);
    if (bare || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      // The second number may still open a pair of its own.
      DECIMAL_PAIR.lastIndex = m.index + 1;
      continue;
    }
    found.push(spanOf(m.index, whole, lat, lon, marked ? 'geo-coordinates.decimal-marked' : 'geo-coordinates.decimal'));
  }
}

function dmsPairs(text: string, found: DetectedSpan[]): void {
  DMS_PAIR.lastIndex = 0;
  for (let m = DMS_PAIR.exec(text); m !== null; m = DMS_PAIR.exec(text)) {
    const [whole, latD = '', latM = '', latS = '0', latH, lonD = '', lonM = '', lonS = '0', lonH] = m;
    const latMinutes = Number(latM);
    const lonMinutes = Number(lonM);
    if (latMinutes >= 60 || lonMinutes >= 60 || Number(latS) >= 60 || Number(lonS) >= 60) continue;
    let lat = Number(latD) + latMinutes / 60 + Number(latS) / 3600;
    let lon = Number(lonD) + lonMinutes / 60 + Number(lonS) / 3600;
    if (lat > 90 || lon > 180) continue;
    if (latH === 'S') lat = -lat;
    if (lonH === 'W' || lonH === 'O') lon = -lon;
    found.push(spanOf(m.index, whole, lat, lon, 'geo-coordinates.dms'));
  }
}

function spanOf(start: number, whole: string, lat: number, lon: number, rule: string): DetectedSpan {
  return {
    type: 'geo_coordinates',
    start,
    end: start + whole.length,
    confidence: rule === 'geo-coordinates.decimal' ? 0.85 : 0.9,
    rule,
    canonical: `${lat.toFixed(6)},${lon.toFixed(6)}`,
  };
}

export const geoCoordinatesDetector: Detector = {
  id: 'geo-coordinates',
  types: ['geo_coordinates'],
  detect(input: NormalizedText): DetectedSpan[] {
    const text = input.text;
    if (!HAS_COORDINATE_SHAPE.test(text)) return [];
    const found: DetectedSpan[] = [];
    decimalPairs(text, found);
    if (text.includes('°')) dmsPairs(text, found);
    return found;
  },
};
