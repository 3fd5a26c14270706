import type { DetectedSpan } from '../detector.js';
import { isPersonNoun } from './context.js';
import type { Token } from './tokens.js';

const HANDLE = 0.35;
// "reporter @jtran", "su hija @cami_22": the words before say the account is a person.
const HANDLE_AFTER_PERSON_NOUN = 0.5;

/**
 * @mentions, as references to a person. The labelled data does not annotate handles as `person`,
 * so they carry their own subtype and a low confidence.
 */
export function findHandles(tokens: readonly Token[]): DetectedSpan[] {
  const found: DetectedSpan[] = [];
  tokens.forEach((t, i) => {
    if (!t.handle) return;
    const prev = tokens[i - 1];
    const confidence = prev !== undefined && isPersonNoun(prev) ? HANDLE_AFTER_PERSON_NOUN : HANDLE;
    found.push({ type: 'person', start: t.start, end: t.end, confidence, rule: 'person.handle', subtype: 'handle' });
  });
  return found;
}
