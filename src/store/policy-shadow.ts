import { sql } from 'kysely';
import { actionRank } from '../core/policy/evaluate.js';
import { ACTIONS, type Action } from '../core/assess/result.js';
import type { Store } from './store.js';

export interface ShadowCount {
  readonly rule: string;
  /** Stored assessments in which the shadow rule matched. */
  readonly matched: number;
  /** Of those, how many would have got a more severe action had the rule been live. */
  readonly wouldChange: number;
}

const isAction = (a: string): a is Action => (ACTIONS as readonly string[]).includes(a);

/**
 * How often each shadow rule matched among the assessments made under `policyVersion`, read from
 * the shadow results stored with each assessment. The database unpacks the JSON and counts.
 */
export async function shadowCounts(store: Store, policyVersion: string): Promise<Map<string, ShadowCount>> {
  const query =
    store.dialect === 'postgres'
      ? sql<{ rule: string; shadow_action: string; action: string; n: number }>`
          select s->>'rule' as rule, s->>'action' as shadow_action, a.action as action, count(*) as n
          from assessments a cross join lateral jsonb_array_elements(coalesce(a.result_json::jsonb #> '{policy,shadow}', '[]'::jsonb)) as s
          where a.policy_version = ${policyVersion}
          group by 1, 2, 3`
      : sql<{ rule: string; shadow_action: string; action: string; n: number }>`
          select json_extract(s.value, '$.rule') as rule, json_extract(s.value, '$.action') as shadow_action, a.action as action, count(*) as n
          from assessments a, json_each(a.result_json, '$.policy.shadow') as s
          where a.policy_version = ${policyVersion}
          group by 1, 2, 3`;
  const { rows } = await query.execute(store.db);
  const counts = new Map<string, { rule: string; matched: number; wouldChange: number }>();
  for (const r of rows) {
    const c = counts.get(r.rule) ?? { rule: r.rule, matched: 0, wouldChange: 0 };
    const n = Number(r.n);
    c.matched += n;
    if (isAction(r.shadow_action) && isAction(r.action) && actionRank(r.shadow_action) > actionRank(r.action)) c.wouldChange += n;
    counts.set(r.rule, c);
  }
  return counts;
}
