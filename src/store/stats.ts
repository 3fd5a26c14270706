import { sql } from 'kysely';
import { ACTIONS, LABELS, type Label } from '../core/assess/result.js';
import type { Store } from './store.js';

export const STATS_BUCKETS = ['hour', 'day'] as const;
export type StatsBucket = (typeof STATS_BUCKETS)[number];
export const BUCKET_MS: Readonly<Record<StatsBucket, number>> = { hour: 3_600_000, day: 86_400_000 };
/** Most buckets one request may span (a month of hours, a year of days). */
export const MAX_BUCKETS = 800;

export interface VolumeBucket {
  /** Start of the bucket, epoch ms (UTC). */
  readonly at: number;
  readonly total: number;
  readonly byLabel: Readonly<Record<Label, number>>;
  readonly byLanguage: Readonly<Record<string, number>>;
  readonly byAction: Readonly<Record<string, number>>;
}

export interface DashboardStats {
  /** Posts received per bucket in [from, to), every bucket listed (zeros included). */
  readonly volume: readonly VolumeBucket[];
  /** The open queue now: ages are disjoint bands by time since the case was opened. */
  readonly queue: {
    readonly open: number;
    readonly oldestCreatedAt: number | null;
    readonly ages: { readonly under1h: number; readonly under4h: number; readonly under24h: number; readonly over24h: number };
    /** Open cases past their due time. */
    readonly overdue: number;
  };
  /**
   * Cases decided in [from, to): a reviewer action other than `allow` confirms the engine's flagged
   * labels. `agreed` counts cases where reviewer and engine agree (flagged and acted on, or nothing
   * flagged and allowed); precision per label is confirmed / decided with that label (null: none).
   */
  readonly agreement: { readonly decided: number; readonly agreed: number; readonly precision: Readonly<Record<Label, number | null>> };
}

const HOUR = 3_600_000;

/** 1 when `flagged` (a comma-separated list of label names, none containing another) includes `label`. */
const flaggedAs = (label: Label) => sql<number>`case when assessments.flagged like ${`%${label}%`} then 1 else 0 end`;

/** Joins the post's latest assessment (one per post unless it was assessed again). */
const latestAssessment = (postId: 'posts.id' | 'cases.post_id') => sql<boolean>`assessments.id = (select max(latest.id) from assessments as latest where latest.post_id = ${sql.ref(postId)})`;

/** The dashboard's numbers, each computed by the database with aggregates over indexed ranges. */
export async function dashboardStats(store: Store, range: { from: number; to: number; bucket: StatsBucket }, now: number): Promise<DashboardStats> {
  const size = BUCKET_MS[range.bucket];
  const first = Math.floor(range.from / size) * size;
  if (range.to <= range.from || (range.to - first) / size > MAX_BUCKETS) throw new RangeError(`the range must end after it starts and span at most ${MAX_BUCKETS} ${range.bucket}s`);
  const db = store.db;
  const bucketOf = sql<number>`posts.received_at / ${sql.lit(size)}`;
  const [volumeRows, queue, agreementRows] = await Promise.all([
    db
      .selectFrom('posts')
      .innerJoin('assessments', (join) => join.onRef('assessments.post_id', '=', 'posts.id').on(latestAssessment('posts.id')))
      .select((eb) => [
        bucketOf.as('bucket'),
        'assessments.language',
        'assessments.action',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(flaggedAs('dox')).as('dox'),
        eb.fn.sum<number>(flaggedAs('threat')).as('threat'),
        eb.fn.sum<number>(flaggedAs('bounty')).as('bounty'),
      ])
      .where('posts.received_at', '>=', range.from)
      .where('posts.received_at', '<', range.to)
      .groupBy([bucketOf, 'assessments.language', 'assessments.action'])
      .execute(),
    db
      .selectFrom('cases')
      .select((eb) => [
        eb.fn.countAll<number>().as('open'),
        eb.fn.min('created_at').as('oldest'),
        eb.fn.sum<number>(sql`case when created_at > ${now - HOUR} then 1 else 0 end`).as('under1h'),
        eb.fn.sum<number>(sql`case when created_at <= ${now - HOUR} and created_at > ${now - 4 * HOUR} then 1 else 0 end`).as('under4h'),
        eb.fn.sum<number>(sql`case when created_at <= ${now - 4 * HOUR} and created_at > ${now - 24 * HOUR} then 1 else 0 end`).as('under24h'),
        eb.fn.sum<number>(sql`case when created_at <= ${now - 24 * HOUR} then 1 else 0 end`).as('over24h'),
        eb.fn.sum<number>(sql`case when due_at < ${now} then 1 else 0 end`).as('overdue'),
      ])
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('cases')
      .innerJoin('decisions', 'decisions.case_id', 'cases.id')
      .innerJoin('assessments', (join) => join.onRef('assessments.post_id', '=', 'cases.post_id').on(latestAssessment('cases.post_id')))
      .select((eb) => ['assessments.flagged', 'decisions.action', eb.fn.countAll<number>().as('n')])
      .where('cases.status', '=', 'decided')
      .where('cases.decided_at', '>=', range.from)
      .where('cases.decided_at', '<', range.to)
      .groupBy(['assessments.flagged', 'decisions.action'])
      .execute(),
  ]);

  const buckets = new Map<number, { total: number; byLabel: Record<Label, number>; byLanguage: Record<string, number>; byAction: Record<string, number> }>();
  for (let at = first; at < range.to; at += size) {
    buckets.set(at, { total: 0, byLabel: { dox: 0, threat: 0, bounty: 0 }, byLanguage: { en: 0, es: 0 }, byAction: Object.fromEntries(ACTIONS.map((a) => [a, 0])) });
  }
  for (const r of volumeRows) {
    const b = buckets.get(Number(r.bucket) * size);
    if (b === undefined) continue;
    const n = Number(r.n);
    b.total += n;
    for (const label of LABELS) b.byLabel[label] += Number(r[label] ?? 0);
    b.byLanguage[r.language] = (b.byLanguage[r.language] ?? 0) + n;
    b.byAction[r.action] = (b.byAction[r.action] ?? 0) + n;
  }

  let decided = 0;
  let agreed = 0;
  const withLabel: Record<Label, number> = { dox: 0, threat: 0, bounty: 0 };
  const confirmed: Record<Label, number> = { dox: 0, threat: 0, bounty: 0 };
  for (const r of agreementRows) {
    const n = Number(r.n);
    const labels = LABELS.filter((l) => r.flagged.split(',').includes(l));
    const actedOn = r.action !== 'allow';
    decided += n;
    if (actedOn === labels.length > 0) agreed += n;
    for (const l of labels) {
      withLabel[l] += n;
      if (actedOn) confirmed[l] += n;
    }
  }
  const precision = Object.fromEntries(LABELS.map((l) => [l, withLabel[l] === 0 ? null : confirmed[l] / withLabel[l]])) as Record<Label, number | null>;

  return {
    volume: [...buckets].map(([at, b]) => ({ at, ...b })),
    queue: {
      open: Number(queue.open),
      oldestCreatedAt: queue.oldest === null ? null : Number(queue.oldest),
      ages: { under1h: Number(queue.under1h ?? 0), under4h: Number(queue.under4h ?? 0), under24h: Number(queue.under24h ?? 0), over24h: Number(queue.over24h ?? 0) },
      overdue: Number(queue.overdue ?? 0),
    },
    agreement: { decided, agreed, precision },
  };
}
