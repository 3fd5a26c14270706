import type { Detector } from './detector.js';

export const phoneDetector: Detector = {
  id: 'phone',
  types: ['phone'],
  detect() {
    return [];
  },
};
