import { readFileSync, statSync } from 'node:fs';
import { loadPolicy, MAX_POLICY_LENGTH, PolicyLoadError, type Policy } from './core/policy/policy.js';

/** UTF-8 takes at most 3 bytes per UTF-16 code unit. */
const MAX_POLICY_BYTES = MAX_POLICY_LENGTH * 3;

/**
 * Reads and loads a policy file (the edge of the pure loader). Throws PolicyLoadError for a bad
 * policy, and the file system's error (ENOENT …) when the file cannot be read.
 */
export function readPolicyFile(path: string): Policy {
  const size = statSync(path).size;
  if (size > MAX_POLICY_BYTES) {
    throw new PolicyLoadError(path, [{ code: 'too_large', line: 1, column: 1, message: `policy file is ${size} bytes, over the limit of ${MAX_POLICY_BYTES}` }]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch (error) {
    if (error instanceof TypeError) throw new PolicyLoadError(path, [{ code: 'yaml', line: 1, column: 1, message: 'policy file is not valid UTF-8' }]);
    throw error;
  }
  return loadPolicy(text.replace(/^\uFEFF/, ''), path);
}
