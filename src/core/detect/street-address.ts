import type { Detector } from './detector.js';

export const streetAddressDetector: Detector = {
  id: 'street-address',
  types: ['street_address', 'location'],
  detect() {
    return [];
  },
};
