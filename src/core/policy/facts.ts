import { SEVERITIES, type BountyKind, type DisclosureKind, type Severity } from '../assess/result.js';
import { ENTITY_TYPES, type AnalysisResult, type EntityType, type Language } from '../types.js';
import { WATCHLIST_FIELDS, type WatchlistField } from '../watchlist/fields.js';

/**
 * What a policy rule can see about one post: the assessment plus what the caller knows about
 * where the post came from and the campaign it joined. Never the text or any personal data.
 * Documented for policy authors in policies/README.md (a test keeps the two in sync).
 */
export interface PolicyFacts {
  readonly dox: LabelFacts & { readonly disclosed: readonly DisclosureKind[] };
  readonly threat: LabelFacts;
  readonly bounty: LabelFacts & { readonly kind?: BountyKind };
  readonly severity: Severity;
  /** Number of findings per entity type; absent types count 0. */
  readonly findings: Readonly<Partial<Record<EntityType, number>>>;
  readonly watchlist: {
    readonly hits: number;
    /** Kinds of registered identifier that matched, each once. */
    readonly fields: readonly WatchlistField[];
    /** Protected persons hit, each once (for notifications; rules see their number). */
    readonly personIds: readonly number[];
  };
  /** Size of the campaign the post joined; 0 when unknown or none. */
  readonly campaign: { readonly posts: number; readonly authors: number };
  readonly language: Language;
  readonly mixedLanguage: boolean;
  /** Where the post came from; '' when unknown. */
  readonly source: string;
  readonly channel: string;
}

export interface LabelFacts {
  readonly flagged: boolean;
  readonly score: number;
  readonly threshold: number;
}

/** What the caller knows beyond the analysis (ingest, HTTP): absent parts count as unknown. */
export interface FactsContext {
  readonly source?: string;
  readonly channel?: string;
  readonly campaign?: { readonly posts: number; readonly authors: number };
}

export type AnalysisFacts = Pick<AnalysisResult, 'labels' | 'severity' | 'findings' | 'watchlist' | 'language' | 'mixedLanguage'>;

export function factsFrom(result: AnalysisFacts, context: FactsContext = {}): PolicyFacts {
  const { dox, threat, bounty } = result.labels;
  const findings: Partial<Record<EntityType, number>> = {};
  for (const f of result.findings) findings[f.type] = (findings[f.type] ?? 0) + 1;
  return {
    dox: { flagged: dox.flagged, score: dox.score, threshold: dox.threshold, disclosed: dox.disclosed },
    threat: { flagged: threat.flagged, score: threat.score, threshold: threat.threshold },
    bounty: { flagged: bounty.flagged, score: bounty.score, threshold: bounty.threshold, ...(bounty.kind === undefined ? {} : { kind: bounty.kind }) },
    severity: result.severity,
    findings,
    watchlist: {
      hits: result.watchlist.length,
      fields: [...new Set(result.watchlist.map((h) => h.field))],
      personIds: [...new Set(result.watchlist.map((h) => h.personId))],
    },
    campaign: { posts: context.campaign?.posts ?? 0, authors: context.campaign?.authors ?? 0 },
    language: result.language,
    mixedLanguage: result.mixedLanguage,
    source: context.source ?? '',
    channel: context.channel ?? '',
  };
}

/** Every kind of disclosure, for checking the values a rule compares `dox.disclosed` with. */
export const DISCLOSURE_KINDS = [
  'home_address',
  'phone',
  'email',
  'gov_id',
  'date_of_birth',
  'financial',
  'family',
  'vehicle',
  'routine',
  'whereabouts',
  'workplace',
] as const satisfies readonly DisclosureKind[];

// Fails to compile when dox.ts gains a kind this list lacks.
const everyDisclosureKind: Record<Exclude<DisclosureKind, (typeof DISCLOSURE_KINDS)[number]>, never> = {};
void everyDisclosureKind;

const BOUNTY_KINDS = ['harm', 'info'] as const satisfies readonly BountyKind[];

// CEL values: integers are BigInt, and a field of a registered type is read from a class instance.
class LabelValue {
  constructor(
    readonly flagged: boolean,
    readonly score: number,
    readonly threshold: number,
  ) {}
}
class DoxValue extends LabelValue {
  constructor(
    facts: PolicyFacts['dox'],
    readonly disclosed: readonly string[],
  ) {
    super(facts.flagged, facts.score, facts.threshold);
  }
}
class BountyValue extends LabelValue {
  constructor(
    facts: PolicyFacts['bounty'],
    readonly kind: string,
  ) {
    super(facts.flagged, facts.score, facts.threshold);
  }
}
class FindingsValue {
  [type: string]: bigint;
}
class WatchlistValue {
  constructor(
    readonly hits: bigint,
    readonly persons: bigint,
    readonly fields: readonly string[],
  ) {}
}
class CampaignValue {
  constructor(
    readonly posts: bigint,
    readonly authors: bigint,
  ) {}
}

type CelType = 'bool' | 'int' | 'double' | 'string' | 'list<string>';

export interface FactType {
  readonly name: string;
  readonly ctor: new (...args: never[]) => object;
  readonly fields: Readonly<Record<string, CelType>>;
}

const LABEL_FIELDS = { flagged: 'bool', score: 'double', threshold: 'double' } as const;

/** Structured facts, registered as CEL types so a misspelt field is refused at load. */
export const FACT_TYPES: readonly FactType[] = [
  { name: 'Label', ctor: LabelValue, fields: LABEL_FIELDS },
  { name: 'Dox', ctor: DoxValue, fields: { ...LABEL_FIELDS, disclosed: 'list<string>' } },
  { name: 'Bounty', ctor: BountyValue, fields: { ...LABEL_FIELDS, kind: 'string' } },
  { name: 'Findings', ctor: FindingsValue, fields: Object.fromEntries([...ENTITY_TYPES, 'total'].map((t) => [t, 'int'])) },
  { name: 'Watchlist', ctor: WatchlistValue, fields: { hits: 'int', persons: 'int', fields: 'list<string>' } },
  { name: 'Campaign', ctor: CampaignValue, fields: { posts: 'int', authors: 'int' } },
];

/** The variables a rule's `when` expression can use, with their CEL types. */
export const FACT_VARIABLES: Readonly<Record<string, string>> = {
  dox: 'Dox',
  threat: 'Label',
  bounty: 'Bounty',
  severity: 'string',
  severityLevel: 'int',
  findings: 'Findings',
  watchlist: 'Watchlist',
  campaign: 'Campaign',
  language: 'string',
  mixedLanguage: 'bool',
  source: 'string',
  channel: 'string',
};

/**
 * The closed sets some string facts take their values from. A rule comparing one of them with
 * any other literal could never match, so it is refused at load.
 */
export const VALUE_DOMAINS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['severity', SEVERITIES],
  ['language', ['en', 'es']],
  ['bounty.kind', [...BOUNTY_KINDS, '']],
]);

/** The same for the elements of list facts. */
export const ELEMENT_DOMAINS: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['dox.disclosed', DISCLOSURE_KINDS],
  ['watchlist.fields', WATCHLIST_FIELDS],
]);

/** The facts as CEL values (the activation one evaluation reads). */
export function celValues(facts: PolicyFacts): Record<string, unknown> {
  const findings = new FindingsValue();
  let total = 0;
  for (const type of ENTITY_TYPES) {
    const n = facts.findings[type] ?? 0;
    findings[type] = BigInt(n);
    total += n;
  }
  findings.total = BigInt(total);
  const { dox, threat, bounty, watchlist, campaign } = facts;
  return {
    dox: new DoxValue(dox, dox.disclosed),
    threat: new LabelValue(threat.flagged, threat.score, threat.threshold),
    bounty: new BountyValue(bounty, bounty.kind ?? ''),
    severity: facts.severity,
    severityLevel: BigInt(SEVERITIES.indexOf(facts.severity)),
    findings,
    watchlist: new WatchlistValue(BigInt(watchlist.hits), BigInt(watchlist.personIds.length), watchlist.fields),
    campaign: new CampaignValue(BigInt(campaign.posts), BigInt(campaign.authors)),
    language: facts.language,
    mixedLanguage: facts.mixedLanguage,
    source: facts.source,
    channel: facts.channel,
  };
}
