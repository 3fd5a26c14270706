import { randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** Long enough to resist guessing; the upper bound keeps hashing cost bounded. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** `Algorithm.Argon2id`: the library's enum is a const enum, which isolated modules cannot read. */
const ARGON2ID = 2 as Algorithm.Argon2id;

/** argon2id with the library's defaults (19 MiB, 2 passes: OWASP's recommended minimum). */
export const hashPassword = (password: string): Promise<string> => hash(password, { algorithm: ARGON2ID });

/** A hash of a throwaway password, made once, so checking an unknown username costs one argon2 verification too. */
let decoy: Promise<string> | undefined;

/**
 * True when `password` matches `stored`. With no stored hash (unknown or unusable account) it
 * still verifies against a decoy, so the time taken does not tell whether the username exists.
 */
export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  decoy ??= hashPassword(randomBytes(32).toString('base64url'));
  const target = stored ?? (await decoy);
  const matches = await verify(target, password).catch(() => false);
  return stored !== undefined && matches;
}

/** 144 random bits, URL-safe: for accounts created without a chosen password. */
export const generatePassword = (): string => randomBytes(18).toString('base64url');
