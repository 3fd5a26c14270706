import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { ACTIONS, type Action } from '../assess/result.js';
import { Condition, type ConditionProblem } from './condition.js';

/** live: decides; shadow: evaluated and recorded, no effect; disabled: skipped. */
export const RULE_STATES = ['live', 'shadow', 'disabled'] as const;
export type RuleState = (typeof RULE_STATES)[number];

/**
 * Who is told when a rule matches. `protected_person`: the persons on the watchlist whose
 * identifiers the post contains (nobody when there is no watchlist hit); `protective_team`: the
 * team that handles escalations; `reviewers`: the review queue's moderators.
 */
export const NOTIFY_TARGETS = ['protected_person', 'protective_team', 'reviewers'] as const;
export type NotifyTarget = (typeof NOTIFY_TARGETS)[number];

/** Where something is in the policy text: 1-based line and column. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface PolicyRule {
  readonly name: string;
  readonly state: RuleState;
  /** The CEL expression as written. */
  readonly when: string;
  readonly action: Action;
  readonly notify: readonly NotifyTarget[];
  readonly description?: string;
  /** Where the rule starts in the policy text. */
  readonly position: SourcePosition;
  /** `when`, compiled at load. */
  readonly condition: Condition;
}

export interface Policy {
  readonly name: string;
  readonly version: string;
  /** `name@version`: recorded with every decision made under this policy. */
  readonly id: string;
  readonly description?: string;
  /** Where the policy was loaded from (a file path, `built-in`, `request` …). */
  readonly origin: string;
  readonly rules: readonly PolicyRule[];
}

/** One reason a policy was refused. */
export interface PolicyProblem {
  readonly code:
    | 'too_large'
    | 'yaml'
    | 'missing_field'
    | 'unknown_field'
    | 'invalid_value'
    | 'duplicate_rule'
    | 'unknown_action'
    | 'unknown_state'
    | 'unknown_notify'
    | ConditionProblem['code'];
  /** The rule it concerns (its name, or `#n` counting from 1 when it has none), when it concerns one. */
  readonly rule?: string;
  readonly line: number;
  readonly column: number;
  /** Offset into the rule's `when` expression, for expression errors. */
  readonly expressionOffset?: number;
  readonly message: string;
}

/** A policy that cannot be loaded; `problems` lists every reason found, in text order. */
export class PolicyLoadError extends Error {
  override readonly name = 'PolicyLoadError';
  readonly code = 'POLICY_INVALID';

  constructor(
    readonly origin: string,
    readonly problems: readonly PolicyProblem[],
  ) {
    super(`invalid policy ${origin}:\n${problems.map((p) => `  ${formatProblem(origin, p)}`).join('\n')}`);
  }
}

/** `origin:line:column: rule "name": message` — the form editors and terminals link to. */
export function formatProblem(origin: string, p: PolicyProblem): string {
  return `${origin}:${p.line}:${p.column}: ${p.rule === undefined ? '' : `rule "${p.rule}": `}${p.message}`;
}

/** Largest policy text accepted, in UTF-16 code units. */
export const MAX_POLICY_LENGTH = 256 * 1024;
export const MAX_RULES = 200;

const NAME = /^[a-z0-9][\w.-]{0,63}$/i;
const VERSION = /^[\w.+-]{1,64}$/;
const POLICY_FIELDS = ['name', 'version', 'description', 'rules'];
const RULE_FIELDS = ['name', 'state', 'when', 'action', 'notify', 'description'];

/**
 * Parses and compiles a policy from YAML text (reading the file is the caller's business).
 * Every rule's expression is compiled and type-checked here, whatever its state; any problem
 * rejects the whole policy with a PolicyLoadError naming the rule, the position and the reason.
 */
export function loadPolicy(text: string, origin: string): Policy {
  if (text.length > MAX_POLICY_LENGTH) {
    throw new PolicyLoadError(origin, [{ code: 'too_large', line: 1, column: 1, message: `policy is ${text.length} characters, over the limit of ${MAX_POLICY_LENGTH}` }]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourcePosition => {
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
  if (doc.errors.length > 0) {
    throw new PolicyLoadError(
      origin,
      doc.errors.map((e) => ({ code: 'yaml', ...at(e.pos[0]), message: e.code === 'MULTIPLE_DOCS' ? 'YAML: a policy file holds one document (remove the second "---")' : `YAML: ${lowerFirst(e.message)}` })),
    );
  }
  const reader = new Reader(text, at);
  const policy = reader.policy(doc.contents, origin);
  if (reader.problems.length > 0 || policy === undefined) {
    throw new PolicyLoadError(origin, reader.problems.toSorted((a, b) => a.line - b.line || a.column - b.column));
  }
  return policy;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

const startOf = (node: Node | null | undefined): number => node?.range?.[0] ?? 0;

/** Walks the YAML tree, collecting every problem rather than stopping at the first. */
class Reader {
  readonly problems: PolicyProblem[] = [];

  constructor(
    private readonly text: string,
    private readonly at: (offset: number) => SourcePosition,
  ) {}

  policy(root: unknown, origin: string): Policy | undefined {
    if (!isMap(root)) {
      this.problem('invalid_value', startOf(root as Node | null), 'a policy is a mapping with name, version and rules');
      return undefined;
    }
    this.unknownFields(root, POLICY_FIELDS, 'policy');
    const name = this.string(root, 'name', 0, NAME, 'letters, digits, ".", "_" or "-", at most 64');
    const version = this.version(root);
    const description = this.optionalString(root, 'description');
    const rulesNode = root.get('rules', true);
    if (rulesNode === undefined) this.problem('missing_field', 0, 'policy has no "rules" (a list of rules)');
    else if (!isSeq(rulesNode)) this.problem('invalid_value', startOf(rulesNode), '"rules" must be a list of rules');
    else if (rulesNode.items.length > MAX_RULES) this.problem('invalid_value', startOf(rulesNode), `a policy has at most ${MAX_RULES} rules, this one has ${rulesNode.items.length}`);
    const rules: PolicyRule[] = [];
    const seen = new Map<string, SourcePosition>();
    if (isSeq(rulesNode)) {
      rulesNode.items.forEach((item, index) => {
        const rule = this.rule(item as Node, index, seen);
        if (rule) rules.push(rule);
      });
    }
    if (name === undefined || version === undefined) return undefined;
    return { name, version, id: `${name}@${version}`, ...(description === undefined ? {} : { description }), origin, rules };
  }

  private rule(node: Node, index: number, seen: Map<string, SourcePosition>): PolicyRule | undefined {
    const start = startOf(node);
    if (!isMap(node)) {
      this.problem('invalid_value', start, 'each rule is a mapping with name, state, when and action', `#${index + 1}`);
      return undefined;
    }
    const name = this.string(node, 'name', start, NAME, 'letters, digits, ".", "_" or "-", at most 64', `#${index + 1}`);
    const label = name ?? `#${index + 1}`;
    if (name !== undefined) {
      const first = seen.get(name);
      if (first) this.problem('duplicate_rule', startOf(node.get('name', true) as Node), `duplicate rule name (first defined at line ${first.line})`, name);
      else seen.set(name, this.at(start));
    }
    this.unknownFields(node, RULE_FIELDS, 'rule', label);
    const state = this.oneOf(node, 'state', RULE_STATES, 'unknown_state', start, label);
    const action = this.oneOf(node, 'action', ACTIONS, 'unknown_action', start, label);
    const notify = this.notify(node, label);
    const description = this.optionalString(node, 'description', label);
    const condition = this.condition(node, start, label);
    if (name === undefined || state === undefined || action === undefined || notify === undefined || condition === undefined) return undefined;
    return { name, state, when: condition.when, action, notify, ...(description === undefined ? {} : { description }), position: this.at(start), condition: condition.compiled };
  }

  private condition(rule: YAMLMap, start: number, ruleName: string): { when: string; compiled: Condition } | undefined {
    const node = rule.get('when', true) as Node | undefined;
    if (node === undefined) {
      this.problem('missing_field', start, 'missing "when" (a CEL condition)', ruleName);
      return undefined;
    }
    if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
      this.problem('invalid_value', startOf(node), '"when" must be a CEL expression written as a string (quote literals: when: "true")', ruleName);
      return undefined;
    }
    const when = node.value;
    const compiled = Condition.compile(when);
    if (compiled instanceof Condition) return { when, compiled };
    const position = this.expressionPosition(node as Scalar<string>, compiled.offset);
    this.problems.push({ code: compiled.code, rule: ruleName, ...position, expressionOffset: compiled.offset, message: `when: ${compiled.message}` });
    return undefined;
  }

  /**
   * Maps an offset in the expression to the policy text. Exact for one-line scalars (plain, or
   * quoted without escapes before the offset) and literal blocks (`|`); for folded and multi-line
   * flow scalars, where YAML joins lines, it points at the scalar's start.
   */
  private expressionPosition(node: Scalar<string>, offset: number): SourcePosition {
    const [start, end] = node.range ?? [0, 0];
    const source = this.text.slice(start, end);
    const value = node.value;
    if (node.type === 'BLOCK_LITERAL') {
      const before = value.slice(0, offset).split('\n');
      const lineIndex = before.length - 1;
      const header = this.at(start).line;
      const contentLines = source.split('\n').slice(1);
      const indent = Math.min(...contentLines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
      return { line: header + 1 + lineIndex, column: indent + (before[lineIndex]?.length ?? 0) + 1 };
    }
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const body = quoted ? source.slice(1) : source;
    if (!source.includes('\n') && body.startsWith(value.slice(0, offset))) {
      const p = this.at(start);
      return { line: p.line, column: p.column + (quoted ? 1 : 0) + offset };
    }
    return this.at(start);
  }

  private version(map: YAMLMap): string | undefined {
    const node = map.get('version', true) as Node | undefined;
    if (node === undefined) {
      this.problem('missing_field', 0, 'policy has no "version" (recorded with every decision)');
      return undefined;
    }
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
    if (typeof value === 'string' && VERSION.test(value)) return value;
    this.problem('invalid_value', startOf(node), '"version" must be a whole number or a string of letters, digits, ".", "_", "+" or "-" (quote "1.10" to keep its zero)');
    return undefined;
  }

  private string(map: YAMLMap, key: string, start: number, pattern: RegExp, shape: string, rule?: string): string | undefined {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined) {
      this.problem('missing_field', start, `missing "${key}"`, rule);
      return undefined;
    }
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === 'string' && pattern.test(value)) return value;
    this.problem('invalid_value', startOf(node), `"${key}" must be ${shape}`, rule);
    return undefined;
  }

  private optionalString(map: YAMLMap, key: string, rule?: string): string | undefined {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined) return undefined;
    if (isScalar(node) && typeof node.value === 'string') return node.value;
    this.problem('invalid_value', startOf(node), `"${key}" must be text`, rule);
    return undefined;
  }

  private oneOf<T extends string>(map: YAMLMap, key: string, allowed: readonly T[], code: PolicyProblem['code'], start: number, rule?: string): T | undefined {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined) {
      this.problem('missing_field', start, `missing "${key}" (one of ${allowed.join(', ')})`, rule);
      return undefined;
    }
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.problem(code, startOf(node), `unknown ${key} ${JSON.stringify(value ?? null)} (one of ${allowed.join(', ')})`, rule);
    return undefined;
  }

  private notify(map: YAMLMap, rule?: string): NotifyTarget[] | undefined {
    const node = map.get('notify', true) as Node | undefined;
    if (node === undefined) return [];
    if (!isSeq(node)) {
      this.problem('invalid_value', startOf(node), `"notify" must be a list (of ${NOTIFY_TARGETS.join(', ')})`, rule);
      return undefined;
    }
    const targets: NotifyTarget[] = [];
    let ok = true;
    for (const item of node.items as Node[]) {
      const value = isScalar(item) ? item.value : undefined;
      if (typeof value === 'string' && (NOTIFY_TARGETS as readonly string[]).includes(value)) {
        if (!targets.includes(value as NotifyTarget)) targets.push(value as NotifyTarget);
      } else {
        this.problem('unknown_notify', startOf(item), `unknown notify target ${JSON.stringify(value ?? null)} (one of ${NOTIFY_TARGETS.join(', ')})`, rule);
        ok = false;
      }
    }
    return ok ? targets : undefined;
  }

  private unknownFields(map: YAMLMap, known: readonly string[], what: string, rule?: string): void {
    for (const pair of map.items as Pair<Node, Node>[]) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key === 'string' && known.includes(key)) continue;
      this.problem('unknown_field', startOf(pair.key), `unknown ${what} field ${JSON.stringify(key ?? null)} (${what} fields: ${known.join(', ')})`, rule);
    }
  }

  private problem(code: PolicyProblem['code'], offset: number, message: string, rule?: string): void {
    this.problems.push({ code, ...(rule === undefined ? {} : { rule }), ...this.at(offset), message });
  }
}
