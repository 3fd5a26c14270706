import { loadPolicy, type Policy } from './policy.js';

/**
 * policies/default.yaml, embedded so the built package carries it (dist/ holds no YAML and the
 * core reads no files). A test fails when the two differ: edit the YAML, then paste it here.
 */
export const DEFAULT_POLICY_YAML = `# Bulwark's default policy: POLICY §4 (shared/POLICY.md) written as CEL rules.
# Copy this file to start your own; the facts rules can use are listed in policies/README.md.
# Among the live rules that match a post, the most severe action wins
# (allow < label < review < hide < remove < escalate); no match means allow.
name: default
version: 1
description: POLICY §4 — review partial doxes and lone threats, remove full doxes, escalate bounties and threats that come with a dox or a watchlist hit.
rules:
  - name: dox
    description: Any dox goes at least to review (a partial disclosure — routine, vehicle, workplace — stays there).
    state: live
    when: dox.flagged
    action: review

  - name: dox-full
    description: A dox with a home address, phone, e-mail, family, government id or financial details is removed; the protected person is told when on the watchlist.
    state: live
    when: dox.flagged && dox.disclosed.exists(k, k in ["home_address", "phone", "email", "family", "gov_id", "financial"])
    action: remove
    notify: [protected_person]

  - name: threat
    description: A threat goes to review.
    state: live
    when: threat.flagged
    action: review

  - name: threat-escalation
    description: A threat that comes with a dox or names a protected person is removed and handed to the protective team.
    state: live
    when: threat.flagged && (dox.flagged || watchlist.hits > 0)
    action: escalate
    notify: [protective_team]

  - name: bounty
    description: Every bounty is removed and handed to the protective team.
    state: live
    when: bounty.flagged
    action: escalate
    notify: [protective_team]
`;

/** POLICY §4 as CEL rules; what decides when no policy file is configured. */
export const DEFAULT_POLICY: Policy = loadPolicy(DEFAULT_POLICY_YAML, 'built-in');
