import type { Action } from '../api/types.js';

/** One key per decision in the case view. */
export const DECISION_KEYS: Record<Action, string> = {
  allow: 'a',
  label: 'l',
  review: 'r',
  hide: 'h',
  remove: 'x',
  escalate: 'e',
};

/** The actions of the default policy (POLICY §4); `label` and `hide` appear when a custom policy uses them. */
export const CORE_ACTIONS: readonly Action[] = ['allow', 'review', 'remove', 'escalate'];

export const ACTION_COLORS: Record<Action, string> = {
  allow: 'teal.9',
  label: 'gray.7',
  review: 'indigo.9',
  hide: 'gray.7',
  remove: 'red.9',
  escalate: 'grape.9',
};
