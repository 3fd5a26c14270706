import type { AssessInput } from './signals.js';

/**
 * Framings under which violent or reward language is not itself a threat or a bounty
 * (POLICY §2–3): reporting, quotation, counter-speech, fiction, games and sports, history,
 * hyperbole.
 */
export type FrameKind = 'reporting' | 'quotation' | 'counter_speech' | 'fiction' | 'game_sport' | 'history' | 'hyperbole';

export interface Frame {
  readonly kind: FrameKind;
  /** NORMALIZED offsets of the words that mark the frame. */
  readonly start: number;
  readonly end: number;
  readonly reason: string;
}

export function detectFrames(_input: AssessInput): Frame[] {
  return [];
}
