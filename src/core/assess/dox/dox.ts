import { logistic, type AssessInput, type LabelScore, type SignalHit } from '../signals.js';
import type { EntityType } from '../../types.js';
import { buildContext, lastPhrase, phrasesOf, wordsIn, type DoxContext } from './context.js';
import type { Disclosure } from './disclosure.js';
import { findFamily } from './family.js';
import { linkOwners, type OwnerLink, type Tie } from './ownership.js';
import { findHomeArea, findWorkplace } from './place.js';
import { findRoutine, findWhereabouts } from './routine.js';
import { findTargets } from './target.js';
import { isEntry } from './lexicons.js';
import { tokenize } from './tokens.js';
import { findVehicleDescription } from './vehicle.js';

/** Whose data a personal-data finding is (POLICY §1): only data of a targeted private person is dox. */
export type Owner = 'target' | 'author' | 'public' | 'example' | 'unknown';

/** Kinds of disclosure POLICY §1 lists; severity and the default action depend on them. */
export type DisclosureKind =
  | 'home_address'
  | 'phone'
  | 'email'
  | 'gov_id'
  | 'date_of_birth'
  | 'financial'
  | 'family'
  | 'vehicle'
  | 'routine'
  | 'whereabouts'
  | 'workplace';

/** Owner of input.findings[finding]. */
export interface FindingLink {
  readonly finding: number;
  readonly owner: Owner;
}

export interface DoxScore extends LabelScore {
  /** Kinds of information disclosed about a targeted person (empty when none). */
  readonly disclosed: readonly DisclosureKind[];
  /** One entry per personal-data finding (not person names). */
  readonly links: readonly FindingLink[];
}

/**
 * Nothing disclosed → well below the 0.5 boundary; one private item tied to a person (3.5 and
 * up) crosses it, while weaker pieces (2–3) need another piece beside them.
 */
const BIAS = -3.25;

/**
 * Weight of a finding of a targeted person by how it is tied to them: a private cue, set beside
 * the name, merely near a mention, or an unknown owner in a post about someone (`loose`); and
 * `alone` when the post names no one. Government ids, card numbers and dates of birth are
 * private whoever they belong to, so they weigh nearly as much however they are tied.
 */
interface FindingWeights {
  readonly kind: DisclosureKind;
  readonly cue: number;
  readonly apposition: number;
  readonly proximity: number;
  readonly loose: number;
  readonly alone: number;
  readonly reason: string;
}

const FINDING_WEIGHTS: Partial<Record<EntityType, FindingWeights>> = {
  street_address: { kind: 'home_address', cue: 4.5, apposition: 3.5, proximity: 2.5, loose: 1, alone: 0, reason: "the person's home address" },
  phone: { kind: 'phone', cue: 4.5, apposition: 3.5, proximity: 2.5, loose: 1, alone: 0, reason: "the person's phone number" },
  email: { kind: 'email', cue: 4.5, apposition: 3.5, proximity: 2.5, loose: 1, alone: 0, reason: "the person's e-mail address" },
  gov_id: { kind: 'gov_id', cue: 4.5, apposition: 4.5, proximity: 4.5, loose: 4, alone: 2.5, reason: 'a government identifier' },
  date_of_birth: { kind: 'date_of_birth', cue: 4, apposition: 4, proximity: 4, loose: 4, alone: 1, reason: 'date of birth of a named person' },
  credit_card: { kind: 'financial', cue: 4.5, apposition: 4.5, proximity: 4.5, loose: 4, alone: 2.5, reason: 'a payment card number' },
  license_plate: { kind: 'vehicle', cue: 3.5, apposition: 3.5, proximity: 3, loose: 1.5, alone: 0, reason: "the person's licence plate" },
  geo_coordinates: { kind: 'whereabouts', cue: 3.5, apposition: 3, proximity: 2.5, loose: 1, alone: 0, reason: 'coordinates of a place of the person' },
  ip_address: { kind: 'whereabouts', cue: 3, apposition: 3, proximity: 2, loose: 0.5, alone: 0, reason: "the person's IP address" },
  location: { kind: 'whereabouts', cue: 2, apposition: 1.5, proximity: 1, loose: 0, alone: 0, reason: 'a place tied to the person' },
};

/** A tie only to a description ("the agent", "la vecina") weighs this much less than one to a name. */
const UNNAMED_DISCOUNT = 1;
/** A private cue ("personal", "ahí viven") in a post that names or describes nobody may be about anyone. */
const NOBODY_DISCOUNT = 2;
/** An address with a unit or apartment is a home, not a shop or an office. */
const RESIDENTIAL_BONUS = 1;
/** "3B", "12a", "#4": a unit number. */
const UNIT = /^\d{1,4}[a-z]$/;
const UNIT_REACH = 14;
const EXPOSURE_WEIGHT = 1;
const NOT_TARGET_WEIGHT = -0.5;
const NOT_TARGET_FLOOR = -1.5;
/**
 * News or court reporting ("prosecutors said", "según la denuncia") that mentions where someone
 * lived tells a story; it does not undo a plain disclosure (policy: only news that does not
 * repeat the data is outside), so it weighs against less than one private cue weighs for.
 */
const REPORTING_WEIGHT = -1.5;


export function scoreDox(input: AssessInput): DoxScore {
  const ctx = buildContext(input);
  const targets = findTargets(ctx);
  const ownerLinks = linkOwners(ctx, targets);
  const hasTarget = targets.mentions.length > 0;

  const disclosures: Disclosure[] = ownerLinks.flatMap((l) => findingDisclosure(ctx, l, hasTarget));
  if (hasTarget) {
    const named = targets.mentions.filter((m) => m.named);
    disclosures.push(
      ...strongest(findFamily(ctx)),
      ...strongest(findRoutine(ctx)),
      ...strongest(findWhereabouts(ctx, named)),
      ...strongest(findWorkplace(ctx)),
      ...strongest(findHomeArea(ctx)),
      ...findVehicleDescription(ctx),
    );
  }
  const hits: SignalHit[] = strongestPerKind(disclosures).map(({ signal, weight, start, end, reason }) => ({ signal, weight, start, end, reason }));
  // Sharing words ("pásenlo", "spread it") also close public alerts; they count only about a named person.
  if (hits.length > 0 && targets.mentions.some((m) => m.named)) hits.push(...exposureHits(ctx));
  hits.push(...notTargetHits(ownerLinks));
  let total = hits.reduce((sum, h) => sum + h.weight, BIAS);
  // Frames cost more than the rest of the module; look for one only where it can change the decision.
  if (total >= 0 && total + REPORTING_WEIGHT < 0) {
    const reporting = reportingHits(input);
    hits.push(...reporting);
    total += reporting.reduce((sum, h) => sum + h.weight, 0);
  }

  const disclosed = [...new Set(disclosures.flatMap((d) => (d.weight > 0 && d.kind !== undefined && d.tentative !== true ? [d.kind] : [])))];
  const links = ownerLinks.map((l) => ({ finding: l.item.index, owner: l.owner })).sort((a, b) => a.finding - b.finding);
  return { score: logistic(total), hits, disclosed, links };
}

function findingDisclosure(ctx: DoxContext, link: OwnerLink, hasTarget: boolean): Disclosure[] {
  const weights = FINDING_WEIGHTS[link.item.type];
  if (weights === undefined) return [];
  if (link.owner !== 'target' && link.owner !== 'unknown') return [];
  let weight = link.owner === 'unknown' ? (hasTarget ? weights.loose : weights.alone) : tieWeight(weights, link.tie);
  if (link.owner === 'target' && !link.named && link.tie !== 'cue') weight -= UNNAMED_DISCOUNT;
  if (link.owner === 'target' && !hasTarget) weight -= NOBODY_DISCOUNT;
  if (link.item.type === 'street_address' && link.tie !== 'cue' && weight > 0 && isResidential(ctx, link)) weight += RESIDENTIAL_BONUS;
  if (weight <= 0) return [];
  const disclosure = { kind: weights.kind, signal: `dox.${link.item.type}`, weight, start: link.item.start, end: link.item.end, reason: weights.reason };
  return [link.owner === 'unknown' ? { ...disclosure, tentative: true } : disclosure];
}

function tieWeight(weights: FindingWeights, tie: Tie): number {
  switch (tie) {
    case 'cue':
      return weights.cue;
    case 'apposition':
      return weights.apposition;
    case 'proximity':
      return weights.proximity;
    case 'none':
      return weights.loose;
  }
}

/** A unit or apartment in the address, or just before it ("the family in 3B at …"). */
function isResidential(ctx: DoxContext, link: OwnerLink): boolean {
  if (tokenize(ctx.input.folded.slice(link.item.start, link.item.end)).some((t) => isEntry('residential', t.text))) return true;
  return wordsIn(ctx, Math.max(0, link.item.start - UNIT_REACH), link.item.start).some((w) => UNIT.test(w.text) || isEntry('residential', w.text));
}

/** The heaviest disclosure of a list (one routine counts once however often it is described). */
function strongest(list: readonly Disclosure[]): Disclosure[] {
  let best: Disclosure | undefined;
  for (const d of list) if (best === undefined || d.weight > best.weight) best = d;
  return best === undefined ? [] : [best];
}

/** Two addresses of the same person do not make a post twice as much a dox: one per kind. */
function strongestPerKind(list: readonly Disclosure[]): Disclosure[] {
  const best = new Map<string, Disclosure>();
  for (const d of list) {
    const key = d.kind ?? d.signal;
    const current = best.get(key);
    if (current === undefined || d.weight > current.weight) best.set(key, d);
  }
  return [...best.values()].sort((a, b) => a.start - b.start);
}

/** "para que sepan", "spread it", "go say hi": the post means to expose; not when negated ("no compartan"). */
function exposureHits(ctx: DoxContext): SignalHit[] {
  for (const m of phrasesOf(ctx, 'exposure')) {
    if (lastPhrase(ctx, 'negator', Math.max(0, m.start - 8), m.start) !== undefined) continue;
    return [{ signal: 'dox.exposing-intent', weight: EXPOSURE_WEIGHT, start: m.start, end: m.end, reason: 'wording that spreads the information' }];
  }
  return [];
}

/** The author's own, public or example data speaks against a dox. */
function notTargetHits(links: readonly OwnerLink[]): SignalHit[] {
  const hits: SignalHit[] = [];
  let total = 0;
  for (const l of links) {
    if (l.owner !== 'author' && l.owner !== 'public' && l.owner !== 'example') continue;
    if (total + NOT_TARGET_WEIGHT < NOT_TARGET_FLOOR) break;
    total += NOT_TARGET_WEIGHT;
    const reason = l.owner === 'author' ? "the author's own contact details" : l.owner === 'public' ? 'a public or official contact point' : 'example data';
    hits.push({ signal: `dox.${l.owner}-data`, weight: NOT_TARGET_WEIGHT, start: l.item.start, end: l.item.end, reason });
  }
  return hits;
}

function reportingHits(input: AssessInput): SignalHit[] {
  const frame = input.frames().find((f) => f.kind === 'reporting');
  return frame === undefined ? [] : [{ signal: 'dox.news-reporting', weight: REPORTING_WEIGHT, start: frame.start, end: frame.end, reason: frame.reason }];
}
