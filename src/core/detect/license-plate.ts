import type { Detector } from './detector.js';

export const licensePlateDetector: Detector = {
  id: 'license-plate',
  types: ['license_plate'],
  detect() {
    return [];
  },
};
