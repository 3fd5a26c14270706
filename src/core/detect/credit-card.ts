import type { Detector } from './detector.js';

export const creditCardDetector: Detector = {
  id: 'credit-card',
  types: ['credit_card'],
  detect() {
    return [];
  },
};
