import { ACTIONS, type Action } from '../assess/result.js';
import { celValues, type PolicyFacts } from './facts.js';
import type { NotifyTarget, Policy, RuleState } from './policy.js';

/** A rule whose condition held, and what it asks for. */
export interface RuleOutcome {
  readonly rule: string;
  readonly action: Action;
  readonly notify: readonly NotifyTarget[];
}

/** Who to tell, on behalf of which rules; `personIds` names the protected persons (only for `protected_person`). */
export interface Notification {
  readonly target: NotifyTarget;
  readonly rules: readonly string[];
  readonly personIds: readonly number[];
}

/** A rule whose condition failed to evaluate (e.g. division by zero); it counts as not matching. */
export interface RuleError {
  readonly rule: string;
  readonly state: RuleState;
  readonly message: string;
}

export interface PolicyDecision {
  /** `name@version` of the policy that decided. */
  readonly policyVersion: string;
  /** The most severe action among the live rules that matched; `allow` when none did. */
  readonly action: Action;
  /** The live rules that asked for `action` (empty when no live rule matched). */
  readonly decidedBy: readonly string[];
  /** Every live rule that matched, in policy order. */
  readonly matched: readonly RuleOutcome[];
  /** Shadow rules that matched: what they would have done. They change nothing. */
  readonly shadow: readonly RuleOutcome[];
  /** The action had the shadow rules been live too. */
  readonly shadowAction: Action;
  /** From every live rule that matched (not only the deciding ones). */
  readonly notifications: readonly Notification[];
  readonly errors: readonly RuleError[];
}

const NONE: readonly never[] = [];

/** allow < label < review < hide < remove < escalate. */
export const actionRank = (action: Action): number => ACTIONS.indexOf(action);

const moreSevere = (a: Action, b: Action): Action => (actionRank(b) > actionRank(a) ? b : a);

/**
 * Evaluates the rules in order. Disabled rules are skipped; shadow rules are evaluated and
 * recorded with no effect; among the live rules that match, the most severe action wins, so
 * rule order never changes the action and an `allow` rule cannot lower another rule's action.
 */
export function evaluatePolicy(policy: Policy, facts: PolicyFacts): PolicyDecision {
  const values = celValues(facts);
  let action: Action = 'allow';
  let shadowAction: Action = 'allow';
  let matched: RuleOutcome[] | undefined;
  let shadow: RuleOutcome[] | undefined;
  let errors: RuleError[] | undefined;
  for (const rule of policy.rules) {
    if (rule.state === 'disabled') continue;
    let holds: boolean;
    try {
      holds = rule.condition.test(values);
    } catch (error) {
      (errors ??= []).push({ rule: rule.name, state: rule.state, message: evaluationMessage(error) });
      continue;
    }
    if (!holds) continue;
    const outcome: RuleOutcome = { rule: rule.name, action: rule.action, notify: rule.notify };
    shadowAction = moreSevere(shadowAction, rule.action);
    if (rule.state === 'shadow') {
      (shadow ??= []).push(outcome);
    } else {
      (matched ??= []).push(outcome);
      action = moreSevere(action, rule.action);
    }
  }
  return {
    policyVersion: policy.id,
    action,
    decidedBy: matched?.filter((m) => m.action === action).map((m) => m.rule) ?? NONE,
    matched: matched ?? NONE,
    shadow: shadow ?? NONE,
    shadowAction,
    notifications: matched ? notificationsOf(matched, facts) : NONE,
    errors: errors ?? NONE,
  };
}

function notificationsOf(matched: readonly RuleOutcome[], facts: PolicyFacts): Notification[] {
  const rulesByTarget = new Map<NotifyTarget, string[]>();
  for (const m of matched) {
    for (const target of m.notify) {
      if (target === 'protected_person' && facts.watchlist.personIds.length === 0) continue;
      const rules = rulesByTarget.get(target) ?? [];
      rules.push(m.rule);
      rulesByTarget.set(target, rules);
    }
  }
  return [...rulesByTarget].map(([target, rules]) => ({ target, rules, personIds: target === 'protected_person' ? facts.watchlist.personIds : NONE }));
}

/** The library's summary without its source excerpt (one line for logs and reports). */
function evaluationMessage(error: unknown): string {
  if (error instanceof Error) return (error as Error & { summary?: string }).summary ?? error.message;
  return String(error);
}
