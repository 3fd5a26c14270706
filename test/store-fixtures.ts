import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { KeyedHasher } from '../src/core/watchlist/keyed-hash.js';

/** The store suite runs against every dialect; BULWARK_TEST_DIALECTS narrows it (e.g. "sqlite"). */
export const DIALECTS = (process.env.BULWARK_TEST_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim()) as ('sqlite' | 'postgres')[];

export const POSTGRES_ADMIN_URL = process.env.BULWARK_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly url: string;
  readonly dialect: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

/** A new, empty database: a SQLite file in a temp folder, or a fresh PostgreSQL database. */
export async function createTestDatabase(dialect: 'sqlite' | 'postgres'): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const url = join(mkdtempSync(join(tmpdir(), 'bulwark-store-')), 'test.db');
    return { url, dialect, drop: async () => undefined };
  }
  const name = `bulwark_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    dialect,
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export const testHasher = (): KeyedHasher => new KeyedHasher([{ id: 'test', secret: randomBytes(32) }]);
