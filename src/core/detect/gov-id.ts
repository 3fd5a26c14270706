import type { Detector } from './detector.js';

export const govIdDetector: Detector = {
  id: 'gov-id',
  types: ['gov_id'],
  detect() {
    return [];
  },
};
