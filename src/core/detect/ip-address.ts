import type { Detector } from './detector.js';

export const ipAddressDetector: Detector = {
  id: 'ip-address',
  types: ['ip_address'],
  detect() {
    return [];
  },
};
