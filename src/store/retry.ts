import { StoreUnavailableError } from './database.js';

/** Errors after which the same idempotent operation may simply be tried again. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin shutdown (server restart)
  '57P02', // crash shutdown
  '57P03', // cannot connect now (starting up)
  '08000',
  '08003',
  '08006', // connection failure
  '40001', // serialization failure
  '40P01', // deadlock detected
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

export function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|database is locked|is not queryable/i.test(message);
}

export interface RetryOptions {
  readonly attempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** What is being done, for the final error message. */
  readonly operation: string;
}

/**
 * Runs an idempotent operation, retrying transient database errors with exponential backoff.
 * Gives up with a StoreUnavailableError that names the operation and the cause.
 */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = options.attempts ?? 6;
  const base = options.baseDelayMs ?? 100;
  const max = options.maxDelayMs ?? 5000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isTransient(error)) throw error;
      if (attempt >= attempts) {
        throw new StoreUnavailableError(`${options.operation} failed after ${attempts} attempts: the database is unavailable or locked (${(error as Error).message})`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(max, base * 2 ** (attempt - 1))));
    }
  }
}
