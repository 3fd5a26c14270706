import type { NormalizedText } from '../normalize/normalize.js';
import type { Finding, Language } from '../types.js';
import { foldForMatching } from './fold.js';
import { detectFrames, type Frame } from './frames.js';
import type { AssessInput } from './signals.js';
import { tokenize, type Token } from './threat/tokens.js';

/** The input every label module reads; words and frames are found once, when a module first asks. */
export function createAssessInput(normalized: NormalizedText, findings: readonly Finding[], language: Language): AssessInput {
  const folded = foldForMatching(normalized.text);
  let tokens: readonly Token[] | undefined;
  let frames: readonly Frame[] | undefined;
  const input: AssessInput = {
    normalized,
    folded,
    findings,
    language,
    tokens: () => (tokens ??= tokenize(folded, normalized.text)),
    frames: () => (frames ??= detectFrames(input)),
  };
  return input;
}
