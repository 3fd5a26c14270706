import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ingestor } from '../src/ingest/ingest.js';
import { verifyAudit } from '../src/store/audit.js';
import { decideCase, listCases } from '../src/store/cases.js';
import { SchemaTooNewError, StoreUnavailableError } from '../src/store/database.js';
import { parseDuration, purgePostText } from '../src/store/retention.js';
import { Store } from '../src/store/store.js';
import { addProtectedPerson, listProtectedPersons, removeProtectedPerson } from '../src/store/watchlist.js';
import { createTestDatabase, DIALECTS, testHasher, type TestDatabase } from './store-fixtures.js';

const DOX = 'Officer Dana Whitfield lives at 1187 N Maplewood Ave, Chicago, IL 60622. her cell 312-555-0172. go pay her a visit';
const BENIGN = 'Tacos al pastor 2x1 this Friday, open 11am to 9pm 🌮';
const T0 = Date.UTC(2026, 10, 1);

describe.each(DIALECTS)('store on %s', (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let now = T0;
  const hasher = testHasher();
  const clock = () => now;
  let ingestor: Ingestor;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await Store.open(database.url);
    ingestor = new Ingestor({ store, hasher, clock });
  });

  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  const count = async (table: 'posts' | 'cases' | 'assessments' | 'campaigns' | 'rejected_posts' | 'audit_log' | 'findings') =>
    Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('migrates once and reopens without migrating again', async () => {
    const again = await Store.open(database.url);
    await again.close();
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(store.db);
    expect(rows.rows.map((r) => r.name)).toEqual(['0001-initial', '0002-api-keys', '0003-webhooks', '0004-users-sessions', '0005-case-locks']);
  });

  it('stores a post, its assessment and a case for a flagged post, and nothing twice', async () => {
    const batch = [
      { source: 'forum', id: 'p1', text: DOX, author: 'u1', channel: 'c1' },
      { source: 'forum', id: 'p2', text: BENIGN, author: 'u2' },
    ];
    const first = await ingestor.ingest(batch);
    expect(first.map((o) => o.status)).toEqual(['stored', 'stored']);
    expect(first[0]?.caseId).toBeDefined();
    expect(first[0]?.action).not.toBe('allow');
    expect(first[1]?.caseId).toBeUndefined();
    const counts = [await count('posts'), await count('assessments'), await count('cases'), await count('audit_log')];

    const again = await ingestor.ingest(batch);
    expect(again.map((o) => o.status)).toEqual(['duplicate', 'duplicate']);
    expect(again[0]?.caseId).toBe(first[0]?.caseId);
    expect([await count('posts'), await count('assessments'), await count('cases'), await count('audit_log')]).toEqual(counts);
  });

  it('stores a post repeated within one batch once, and reports the repeats as duplicates of it', async () => {
    const before = [await count('posts'), await count('assessments'), await count('cases')];
    const out = await ingestor.ingest([
      { source: 'repeat', id: 'r1', text: DOX, author: 'u1' },
      { source: 'repeat', id: 'r2', text: BENIGN },
      { source: 'repeat', id: 'r1', text: DOX, author: 'u1' },
      { source: 'forum', id: 'p1', text: DOX, author: 'u1', channel: 'c1' },
    ]);
    expect(out.map((o) => o.status)).toEqual(['stored', 'stored', 'duplicate', 'duplicate']);
    expect(out[2]).toMatchObject({ postId: out[0]!.postId, caseId: out[0]!.caseId, campaignId: out[0]!.campaignId });
    expect(out[0]!.caseId).toBeDefined();
    expect([await count('posts'), await count('assessments'), await count('cases')]).toEqual([before[0]! + 2, before[1]! + 2, before[2]! + 1]);
  });

  it('records malformed and oversized posts as rejected, in input order, and stores the rest', async () => {
    const out = await ingestor.ingest([{ source: 'forum', text: 'no id' }, { source: 'forum', id: 'big', text: 'x'.repeat(200_000) }, { source: 'forum', id: 'p3', text: BENIGN }, 'not an object']);
    expect(out.map((o) => o.status)).toEqual(['rejected', 'rejected', 'stored', 'rejected']);
    expect(out[0]?.reason).toMatch(/"id"/);
    expect(out[1]?.reason).toMatch(/over the limit/);
    expect(await count('rejected_posts')).toBe(3);
  });

  it('leaves no partial rows when a batch fails halfway', async () => {
    const before = [await count('posts'), await count('assessments'), await count('findings')];
    const good = (await ingestor.ingest([{ source: 'atomic', id: 'probe', text: DOX }]))[0];
    expect(good?.status).toBe('stored');
    const { prepared } = await ingestor.prepare([{ source: 'atomic-2', id: 'a', text: DOX }, { source: 'atomic-2', id: 'b', text: DOX }]);
    const broken = { ...prepared[1]!, post: { ...prepared[1]!.post, source: null as unknown as string } };
    await expect(store.saveBatch([prepared[0]!, broken], [], now)).rejects.toThrow();
    expect(await store.db.selectFrom('posts').select('id').where('source', '=', 'atomic-2').execute()).toEqual([]);
    expect([await count('posts'), await count('assessments')]).toEqual([before[0]! + 1, before[1]! + 1]);
  });

  it('groups reposts of one dox by different accounts into one campaign', async () => {
    now = T0 + 3_600_000;
    const reposts = [
      { source: 'forum', id: 'r1', text: DOX, author: 'a1', channel: 'ch1' },
      { source: 'chat', id: 'r2', text: `RT ${DOX} !!`, author: 'a2', channel: 'ch2' },
      { source: 'chat', id: 'r3', text: 'her cell is 312-555-0172, Officer Whitfield, you know what to do', author: 'a3', channel: 'ch2' },
    ];
    const out = await ingestor.ingest(reposts);
    const campaigns = new Set(out.map((o) => o.campaignId));
    expect(campaigns.size).toBe(1);
    const [campaignId] = [...campaigns];
    const campaign = await store.db.selectFrom('campaigns').selectAll().where('id', '=', campaignId!).executeTakeFirstOrThrow();
    expect(campaign.post_count).toBeGreaterThanOrEqual(3);
    expect(campaign.author_count).toBeGreaterThanOrEqual(3);
    expect(campaign.channel_count).toBeGreaterThanOrEqual(2);
    const unrelated = await ingestor.ingest([{ source: 'forum', id: 'r4', text: 'el juez Ramírez vive en Calle Fresno 42, Col. Santa María la Ribera, CDMX. cel 55 3301 0198', author: 'a9' }]);
    expect(unrelated[0]?.campaignId).toBeDefined();
    expect(unrelated[0]?.campaignId).not.toBe(campaignId);
  });

  it('keeps only keyed hashes of protected identifiers, and matches them', async () => {
    const identifiers = [
      { field: 'name' as const, value: 'Lucía Arredondo Vega' },
      { field: 'phone' as const, value: '+1 (773) 555-0133' },
      { field: 'email' as const, value: 'lucia.arredondo@example.org' },
      { field: 'address' as const, value: '6012 S Kolin Ave, Chicago, IL 60629' },
      { field: 'plate' as const, value: 'ZRX-4471' },
    ];
    const id = await addProtectedPerson(store, hasher, 'protected person A', identifiers, now, 'admin:test');
    const listed = await listProtectedPersons(store);
    expect(listed.find((p) => p.id === id)?.label).toBe('protected person A');
    expect(JSON.stringify(listed)).not.toMatch(/Arredondo|0133|lucia|Kolin|4471/i);

    const out = await ingestor.ingest([{ source: 'forum', id: 'w1', text: 'that judge Lucía Arredondo lives at 6012 S Kolin Ave. call her 773-555-0133' }]);
    const hits = await store.db.selectFrom('watchlist_hits').selectAll().where('post_id', '=', out[0]!.postId!).execute();
    expect(new Set(hits.map((h) => h.field))).toEqual(new Set(['name', 'address', 'phone']));
    expect(hits.every((h) => h.person_id === id)).toBe(true);

    const dump = await dumpDatabase(store, database);
    for (const { value } of identifiers.filter((i) => i.field !== 'address' && i.field !== 'name')) expect(dump).not.toContain(value);
    expect(dump).not.toContain('ZRX4471');
    expect(dump).not.toContain('+17735550133');
    expect(dump).not.toContain('lucia.arredondo@example.org');

    expect(await removeProtectedPerson(store, id, now, 'admin:test')).toBe(true);
    const after = await ingestor.ingest([{ source: 'forum', id: 'w2', text: 'call Lucía Arredondo at 773-555-0133' }]);
    expect(await store.db.selectFrom('watchlist_hits').selectAll().where('post_id', '=', after[0]!.postId!).execute()).toEqual([]);
  });

  it('lists the queue by severity then age, and records decisions', async () => {
    const open = await listCases(store, { status: 'open', limit: 500 });
    expect(open.length).toBeGreaterThan(0);
    for (let i = 1; i < open.length; i++) {
      const [a, b] = [open[i - 1]!, open[i]!];
      expect(a.severityRank > b.severityRank || (a.severityRank === b.severityRank && a.createdAt <= b.createdAt)).toBe(true);
    }
    const page1 = await listCases(store, { status: 'open', limit: 2 });
    const last = page1.at(-1)!;
    const page2 = await listCases(store, { status: 'open', limit: 2, after: { severityRank: last.severityRank, createdAt: last.createdAt, id: last.id } });
    expect(page2.map((c) => c.id)).toEqual(open.slice(2, 4).map((c) => c.id));

    await decideCase(store, open[0]!.id, { actor: 'reviewer:1', action: 'remove', reason: 'home address', policyVersion: 'default@1' }, now);
    await expect(decideCase(store, open[0]!.id, { actor: 'reviewer:1', action: 'remove', reason: '', policyVersion: 'default@1' }, now)).rejects.toThrow(/already decided/);
    await expect(decideCase(store, 999_999, { actor: 'r', action: 'remove', reason: '', policyVersion: 'p' }, now)).rejects.toThrow(/does not exist/);
  });

  it('purges post text past retention but keeps decisions, hashes and the audit trail', async () => {
    now = T0 + 100 * 86_400_000;
    const decisions = await store.db.selectFrom('decisions').selectAll().execute();
    const hashes = await store.db.selectFrom('findings').select('value_hash').where('value_hash', 'is not', null).execute();
    const purged = await purgePostText(store, parseDuration('90d'), now, 'admin:test');
    expect(purged).toBeGreaterThan(0);
    expect(await store.db.selectFrom('posts').select('id').where('text', 'is not', null).execute()).toEqual([]);
    expect(await store.db.selectFrom('decisions').selectAll().execute()).toEqual(decisions);
    expect(await store.db.selectFrom('findings').select('value_hash').where('value_hash', 'is not', null).execute()).toEqual(hashes);
  });

  it('keeps a hash-chained audit log that detects tampering at the first broken entry', async () => {
    const verified = await verifyAudit(store.db);
    expect(verified).toMatchObject({ ok: true });
    expect(verified.entries).toBeGreaterThan(3);
    await expect(sql`update audit_log set actor = 'someone else' where seq = 2`.execute(store.db)).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') await sql`alter table audit_log disable trigger audit_log_append_only`.execute(store.db);
    else await sql`drop trigger audit_log_no_update`.execute(store.db);
    await sql`update audit_log set actor = 'someone else' where seq = 2`.execute(store.db);
    expect(await verifyAudit(store.db)).toMatchObject({ ok: false, brokenAt: { seq: 2 } });
  });

  it('refuses to run against a newer schema', async () => {
    await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01')`.execute(store.db);
    await expect(Store.open(database.url)).rejects.toThrow(SchemaTooNewError);
    await expect(Store.open(database.url)).rejects.toThrow(/newer than this Bulwark.*9999-from-the-future/);
  });
});

async function dumpDatabase(store: Store, database: TestDatabase): Promise<string> {
  if (database.dialect === 'postgres') return execFileSync('pg_dump', ['--data-only', database.url], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  await sql`pragma wal_checkpoint(TRUNCATE)`.execute(store.db);
  const files = [database.url, `${database.url}-wal`].filter((f) => existsSync(f));
  return files.map((f) => readFileSync(f).toString('latin1')).join('\n');
}

describe('store faults', () => {
  it('says clearly when PostgreSQL cannot be reached', async () => {
    await expect(Store.open('postgres://postgres@127.0.0.1:1/none')).rejects.toThrow(StoreUnavailableError);
    const error = (await Store.open('postgres://postgres:secret@127.0.0.1:1/none').then(
      () => new Error('opened'),
      (e: unknown) => e as Error,
    ));
    expect(error.message).toMatch(/opening the database at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none failed after \d+ attempts.*unavailable/);
    expect(error.message).not.toContain('secret');
  }, 60_000);

  it.runIf(DIALECTS.includes('sqlite'))('waits for a SQLite writer lock held by another process, then writes', async () => {
    const database = await createTestDatabase('sqlite');
    const store = await Store.open(database.url);
    // Another process takes the write lock and keeps it for a moment.
    const holder = spawn(process.execPath, ['-e', `const D=require('better-sqlite3');const d=new D(${JSON.stringify(database.url)});d.exec('BEGIN EXCLUSIVE');console.log('locked');setTimeout(()=>{d.exec('COMMIT');d.close()},1500)`], { cwd: process.cwd() });
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    const started = Date.now();
    const out = await new Ingestor({ store, hasher: testHasher() }).ingest([{ source: 's', id: '1', text: 'hello' }]);
    expect(out[0]?.status).toBe('stored');
    expect(Date.now() - started).toBeGreaterThan(500);
    await store.close();
  });

  it('parses retention periods and explains bad ones', () => {
    expect(parseDuration('90d')).toBe(90 * 86_400_000);
    expect(() => parseDuration('3 months')).toThrow(/use a number followed by d/);
  });
});
