import type { Detector } from './detector.js';

export const geoCoordinatesDetector: Detector = {
  id: 'geo-coordinates',
  types: ['geo_coordinates'],
  detect() {
    return [];
  },
};
