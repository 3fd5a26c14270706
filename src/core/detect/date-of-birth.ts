import type { Detector } from './detector.js';

export const dateOfBirthDetector: Detector = {
  id: 'date-of-birth',
  types: ['date_of_birth'],
  detect() {
    return [];
  },
};
