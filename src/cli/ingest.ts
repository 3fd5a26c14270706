import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { Ingestor, MAX_BATCH } from '../ingest/ingest.js';
import { readPolicyFile } from '../policy-file.js';
import { verifyAudit } from '../store/audit.js';
import { purgePostText } from '../store/retention.js';
import { byteLines, decodeUtf8 } from './input/byte-lines.js';
import { actorOf, withStore, type StoreOptions } from './context.js';
import type { Output } from './watchlist.js';

export interface IngestCliOptions extends StoreOptions {
  /** Source name for lines that carry none. */
  readonly source?: string;
  /** A policy file to decide actions with; the built-in policy otherwise. */
  readonly policy?: string;
}

/**
 * Stores JSONL posts (`{"source","id","text","channel"?,"author"?}`) through the ingest pipeline,
 * in batches; prints one outcome per post. Lines that cannot be read are reported and counted.
 */
export async function ingestFile(options: IngestCliOptions, file: string, stdin: Readable, out: Output, err: Output): Promise<{ stored: number; duplicate: number; rejected: number; unreadable: number }> {
  const counts = { stored: 0, duplicate: 0, rejected: 0, unreadable: 0 };
  await withStore(options, async (store, hasher) => {
    const ingestor = new Ingestor({ store, hasher, ...(options.policy === undefined ? {} : { policy: readPolicyFile(options.policy) }) });
    let batch: unknown[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      for (const o of await ingestor.ingest(batch)) {
        counts[o.status]++;
        out(JSON.stringify(o));
      }
      batch = [];
    };
    const stream = file === '-' ? stdin : createReadStream(file);
    for await (const { line, bytes, truncated } of byteLines(stream, 1 << 20)) {
      const text = truncated ? undefined : decodeUtf8(bytes);
      if (text === undefined) {
        counts.unreadable++;
        err(`bulwark ingest: ${file}:${line}: ${truncated ? 'line over 1 MiB' : 'invalid UTF-8'}; line skipped`);
        continue;
      }
      if (text.trim() === '') continue;
      try {
        const value = JSON.parse(text) as Record<string, unknown>;
        batch.push(options.source !== undefined && typeof value === 'object' && value !== null && value.source === undefined ? { ...value, source: options.source } : value);
      } catch {
        counts.unreadable++;
        err(`bulwark ingest: ${file}:${line}: invalid JSON; line skipped`);
        continue;
      }
      if (batch.length >= MAX_BATCH) await flush();
    }
    await flush();
  });
  return counts;
}

export async function auditVerify(options: StoreOptions, out: Output): Promise<boolean> {
  return withStore(options, async (store) => {
    const result = await verifyAudit(store.db);
    if (result.ok) {
      const head = await store.db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
      out(`audit log intact: ${result.entries} entries${head ? `, head #${head.seq} ${head.hash}` : ''}`);
      return true;
    }
    out(`audit log BROKEN at entry #${result.brokenAt?.seq}: ${result.brokenAt?.reason} (${result.entries} entries checked)`);
    return false;
  });
}

export async function purge(options: StoreOptions, olderThanMs: number, out: Output): Promise<void> {
  await withStore(options, async (store) => {
    const purged = await purgePostText(store, olderThanMs, Date.now(), actorOf(options));
    out(`purged the text of ${purged} post(s); decisions, hashes and the audit trail are kept`);
  });
}
