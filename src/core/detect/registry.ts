import type { Detector } from './detector.js';

/** Every detector the engine runs, in one place. */
export const DETECTORS: readonly Detector[] = [];
