import type { Detector } from './detector.js';
import { creditCardDetector } from './credit-card.js';
import { dateOfBirthDetector } from './date-of-birth.js';
import { emailDetector } from './email.js';
import { geoCoordinatesDetector } from './geo-coordinates.js';
import { govIdDetector } from './gov-id.js';
import { ipAddressDetector } from './ip-address.js';
import { licensePlateDetector } from './license-plate.js';
import { personDetector } from './person.js';
import { phoneDetector } from './phone.js';
import { streetAddressDetector } from './street-address.js';

/** Every detector the engine runs, in one place. */
export const DETECTORS: readonly Detector[] = [
  phoneDetector,
  emailDetector,
  streetAddressDetector,
  licensePlateDetector,
  govIdDetector,
  dateOfBirthDetector,
  geoCoordinatesDetector,
  creditCardDetector,
  ipAddressDetector,
  personDetector,
];
