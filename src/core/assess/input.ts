import type { NormalizedText } from '../normalize/normalize.js';
import type { Finding, Language } from '../types.js';
import { foldForMatching } from './fold.js';
import { detectFrames, type Frame } from './frames.js';
import type { AssessInput } from './signals.js';

/** The input every label module reads; frames are found once, when a module first asks. */
export function createAssessInput(normalized: NormalizedText, findings: readonly Finding[], language: Language): AssessInput {
  let frames: readonly Frame[] | undefined;
  const input: AssessInput = { normalized, folded: foldForMatching(normalized.text), findings, language, frames: () => (frames ??= detectFrames(input)) };
  return input;
}
