import type { Detector } from './detector.js';
import { findHandles } from './person/handles.js';
import { findNames } from './person/names.js';
import { tokenize } from './person/tokens.js';

// Every name word starts with a capital letter; a handle starts with @.
const CAPITAL_OR_HANDLE = /[\p{Lu}@]/u;

/**
 * Names of individuals in English and Spanish posts (subtype `name`), from Title-case words scored
 * against given-name and surname lists, titles, roles and relations before them, and place words
 * around them; and @handles (subtype `handle`, low confidence). Titles stay outside the span.
 */
export const personDetector: Detector = {
  id: 'person',
  types: ['person'],
  detect({ text }) {
    if (!CAPITAL_OR_HANDLE.test(text)) return [];
    const tokens = tokenize(text);
    return [...findNames(text, tokens), ...findHandles(tokens)];
  },
};
