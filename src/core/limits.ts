/**
 * Largest post the engine accepts, in UTF-16 code units. Posts and chat messages are far
 * shorter; the bound keeps worst-case work per post predictable.
 */
export const MAX_TEXT_LENGTH = 131_072;

export class InputTooLargeError extends Error {
  override readonly name = 'InputTooLargeError';
  readonly code = 'INPUT_TOO_LARGE';
  constructor(readonly length: number, readonly limit: number = MAX_TEXT_LENGTH) {
    super(`text is ${length} UTF-16 code units, over the limit of ${limit}`);
  }
}

export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  readonly code = 'INVALID_INPUT';
}
