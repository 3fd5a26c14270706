import type { Detector } from './detector.js';

export const personDetector: Detector = {
  id: 'person',
  types: ['person'],
  detect() {
    return [];
  },
};
