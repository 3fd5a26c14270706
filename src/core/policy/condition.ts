import { Environment, ParseError, type ASTNode, type ParseResult } from '@marcbachmann/cel-js';
import { ELEMENT_DOMAINS, FACT_TYPES, FACT_VARIABLES, VALUE_DOMAINS } from './facts.js';

/** Longest `when` expression accepted; rules are conditions, not programs. */
export const MAX_EXPRESSION_LENGTH = 4096;

/** Built once: creating a CEL environment is the expensive part, parsing and evaluating are cheap. */
const ENVIRONMENT = createEnvironment();

function createEnvironment(): Environment {
  const env = new Environment({ limits: { maxAstNodes: 2000, maxDepth: 32, maxListElements: 256, maxMapEntries: 64, maxCallArguments: 8 } });
  for (const type of FACT_TYPES) env.registerType(type.name, { ctor: type.ctor, fields: type.fields });
  for (const [name, type] of Object.entries(FACT_VARIABLES)) env.registerVariable(name, type);
  return env;
}

/** Why an expression was refused, and where in it (UTF-16 offset). */
export interface ConditionProblem {
  readonly code: 'too_large' | 'syntax' | 'unknown_variable' | 'unknown_field' | 'type' | 'unknown_value';
  readonly offset: number;
  readonly message: string;
}

/** A rule's `when` expression, parsed and type-checked once. */
export class Condition {
  readonly #evaluate: ParseResult;

  private constructor(evaluate: ParseResult) {
    this.#evaluate = evaluate;
  }

  /** Compiles an expression, or says why it cannot be a condition. */
  static compile(expression: string): Condition | ConditionProblem {
    if (expression.length > MAX_EXPRESSION_LENGTH) {
      return { code: 'too_large', offset: 0, message: `expression is ${expression.length} characters, over the limit of ${MAX_EXPRESSION_LENGTH}` };
    }
    let parsed: ParseResult;
    try {
      parsed = ENVIRONMENT.parse(expression);
    } catch (error) {
      if (error instanceof ParseError) return { code: 'syntax', offset: error.range?.start ?? 0, message: `syntax error: ${lowerFirst(error.summary)}` };
      throw error;
    }
    const checked = parsed.check();
    if (!checked.valid) return typeProblem(checked.error, parsed.ast);
    if (checked.type !== 'bool') {
      return { code: 'type', offset: 0, message: `must be a condition (bool), but this expression gives ${checked.type ?? 'an unknown type'}` };
    }
    return unknownValue(parsed.ast) ?? new Condition(parsed);
  }

  /** Runs the condition on CEL values (see celValues); throws on an evaluation error (e.g. division by zero). */
  test(values: Readonly<Record<string, unknown>>): boolean {
    return this.#evaluate(values) === true;
  }

  /** Compiled code has no JSON form; the rule's `when` text stands for it. */
  toJSON(): undefined {
    return undefined;
  }
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function typeProblem(error: { code?: string; summary?: string; range?: { start: number } } | undefined, ast: ASTNode): ConditionProblem {
  const offset = error?.range?.start ?? 0;
  const summary = error?.summary ?? 'type error';
  if (error?.code === 'unknown_variable') {
    return { code: 'unknown_variable', offset, message: `${lowerFirst(summary)} (facts: ${Object.keys(FACT_VARIABLES).join(', ')})` };
  }
  if (error?.code === 'no_such_key') {
    const field = /No such key: (\S+)/.exec(summary)?.[1] ?? '';
    const owner = variableSelecting(ast, field);
    const type = owner === undefined ? undefined : FACT_TYPES.find((t) => t.name === FACT_VARIABLES[owner]);
    const known = type ? ` (${owner} has ${Object.keys(type.fields).join(', ')})` : '';
    return { code: 'unknown_field', offset, message: `unknown field ${field}${known}` };
  }
  return { code: 'type', offset, message: `type error: ${lowerFirst(summary)}` };
}

/** The fact variable `v` of the first `v.field` selection in the expression. */
function variableSelecting(ast: ASTNode, field: string): string | undefined {
  let found: string | undefined;
  visit(ast, (node) => {
    if (found === undefined && node.op === '.' && node.args[1] === field && node.args[0].op === 'id') found = node.args[0].args;
  });
  return found;
}

function visit(node: ASTNode, fn: (node: ASTNode) => void): void {
  fn(node);
  for (const child of children(node)) visit(child, fn);
}

function children(node: ASTNode): ASTNode[] {
  switch (node.op) {
    case 'value':
    case 'id':
      return [];
    case '.':
    case '.?':
      return [node.args[0]];
    case 'call':
      return node.args[1];
    case 'rcall':
      return [node.args[1], ...node.args[2]];
    case 'list':
      return node.args;
    case 'map':
      return node.args.flat();
    case '!_':
    case '-_':
      return [node.args];
    default:
      return [...node.args];
  }
}

/** A closed set of string values, named for messages. */
interface Domain {
  readonly name: string;
  readonly values: readonly string[];
}

/**
 * A string literal compared with a fact of a closed set (`severity == "hgih"`,
 * `"home_adress" in dox.disclosed`) can never match: almost certainly a typo.
 * Follows comprehension variables over list facts (`dox.disclosed.exists(k, k == "…")`).
 */
function unknownValue(ast: ASTNode): ConditionProblem | undefined {
  let problem: ConditionProblem | undefined;
  /** Records a problem when `literal` is a string outside `domain`; true if it did. */
  const compare = (domain: Domain | undefined, literal: ASTNode): boolean => {
    if (domain === undefined || literal.op !== 'value' || typeof literal.args !== 'string' || domain.values.includes(literal.args)) return false;
    problem = { code: 'unknown_value', offset: literal.range.start, message: `${JSON.stringify(literal.args)} is never a value of ${domain.name} (${domain.values.map((v) => JSON.stringify(v)).join(', ')})` };
    return true;
  };
  const check = (node: ASTNode, scope: Scope): void => {
    if (problem) return;
    if (node.op === 'rcall' && MACROS.has(node.args[0])) {
      const [, receiver, args] = node.args;
      const [iteration, ...body] = args;
      check(receiver, scope);
      const inner = new Map(scope);
      if (iteration?.op === 'id') inner.set(iteration.args, elementDomain(receiver, scope));
      for (const b of body) check(b, inner);
      return;
    }
    if (node.op === '==' || node.op === '!=') {
      const [left, right] = node.args;
      if (!compare(valueDomain(left, scope), right)) compare(valueDomain(right, scope), left);
    } else if (node.op === 'in') {
      const [element, collection] = node.args;
      if (collection.op === 'list') for (const item of collection.args) compare(valueDomain(element, scope), item);
      else compare(elementDomain(collection, scope), element);
    }
    for (const child of children(node)) check(child, scope);
  };
  check(ast, new Map());
  return problem;
}

const MACROS: ReadonlySet<string> = new Set(['exists', 'all', 'exists_one', 'filter', 'map']);

/** Comprehension variables in reach, with the domain of the list they range over (if closed). */
type Scope = ReadonlyMap<string, Domain | undefined>;

/** The fact a node names (`severity`, `bounty.kind`), unless a comprehension variable shadows it. */
function factPath(node: ASTNode, scope: Scope): string | undefined {
  if (node.op === 'id' && !scope.has(node.args)) return node.args;
  if (node.op === '.' && node.args[0].op === 'id' && !scope.has(node.args[0].args)) return `${node.args[0].args}.${node.args[1]}`;
  return undefined;
}

/** The closed set a string-valued node takes its value from: a fact or a comprehension variable. */
function valueDomain(node: ASTNode, scope: Scope): Domain | undefined {
  if (node.op === 'id' && scope.has(node.args)) return scope.get(node.args);
  const path = factPath(node, scope);
  const values = path === undefined ? undefined : VALUE_DOMAINS.get(path);
  return path === undefined || values === undefined ? undefined : { name: path, values };
}

/** The closed set the elements of a list fact come from. */
function elementDomain(node: ASTNode, scope: Scope): Domain | undefined {
  const path = factPath(node, scope);
  const values = path === undefined ? undefined : ELEMENT_DOMAINS.get(path);
  return path === undefined || values === undefined ? undefined : { name: path, values };
}
