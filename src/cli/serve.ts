import { isIP } from 'node:net';
import { DEFAULT_POLICY } from '../core/policy/default-policy.js';
import { readPolicyFile } from '../policy-file.js';
import { startServer } from '../start/server.js';
import type { StoreOptions } from './context.js';
import type { Output } from './watchlist.js';
import { DEFAULT_PREFIX, queueSettings, type QueueOptions } from './worker.js';

export interface ServeOptions extends Pick<StoreOptions, 'db' | 'keyFile'>, Partial<QueueOptions> {
  readonly port: string;
  readonly host: string;
  /** Default requests per minute per API key. */
  readonly rateLimit?: string;
  /** A YAML policy file; the built-in policy (POLICY §4) when absent. */
  readonly policy?: string;
  /** Minutes without a request after which a signed-in session ends. */
  readonly sessionIdleMinutes?: string;
  /** Comma-separated addresses or CIDRs of reverse proxies to trust. */
  readonly trustProxy?: string;
}

/** `--trust-proxy 10.0.0.5,10.1.0.0/16`: each entry an IPv4/IPv6 address, optionally with a prefix length. */
function trustedProxies(value: string): string[] {
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !isIP(e.replace(/\/\d{1,3}$/, '')));
  if (bad !== undefined) throw new Error(`--trust-proxy takes IP addresses or CIDRs separated by commas, got "${bad}"`);
  return entries;
}

const wholeNumber = (name: string, value: string, min: number, max: number): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
};

/** `bulwark serve`: runs the HTTP API until SIGTERM or SIGINT, then stops gracefully. */
export async function serve(options: ServeOptions, err: Output): Promise<void> {
  const queue = queueSettings({ queue: options.queue, streamPrefix: options.streamPrefix ?? DEFAULT_PREFIX, duplicateWindow: options.duplicateWindow ?? '2h' });
  const server = await startServer({
    db: options.db,
    keyFile: options.keyFile,
    host: options.host,
    port: wholeNumber('port', options.port, 0, 65535),
    policy: options.policy === undefined ? DEFAULT_POLICY : readPolicyFile(options.policy),
    ...(options.rateLimit === undefined ? {} : { rateLimit: wholeNumber('rate-limit', options.rateLimit, 1, 1_000_000) }),
    ...(options.sessionIdleMinutes === undefined ? {} : { sessionIdleMinutes: wholeNumber('session-idle-minutes', options.sessionIdleMinutes, 1, 720) }),
    ...(options.trustProxy === undefined ? {} : { trustedProxies: trustedProxies(options.trustProxy) }),
    ...(queue === undefined ? {} : { queue }),
    notify: (line) => err(`bulwark serve: ${line}`),
  });
  await server.closed;
}
