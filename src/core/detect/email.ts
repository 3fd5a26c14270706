import type { Detector } from './detector.js';

export const emailDetector: Detector = {
  id: 'email',
  types: ['email'],
  detect() {
    return [];
  },
};
