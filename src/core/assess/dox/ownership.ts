import roleAccounts from '../../lexicon/dox-role-accounts.json' with { type: 'json' };
import { firstPhrase, lastPhrase, phrasesIn, phrasesOf, sentenceAt, wordsIn, type DoxContext, type Item } from './context.js';
import type { Owner } from './dox.js';
import { isEntry, type LexiconId, type PhraseMatch } from './lexicons.js';
import type { Mention, Targets } from './target.js';
import type { Span } from './tokens.js';

/** How a finding was tied to a targeted person; the weaker the tie, the less it weighs. */
export type Tie =
  /** A word that makes it private ("lives at", "home:", "her cell", "personal", "vive en"). */
  | 'cue'
  /** Set right beside a name ("Judge X, 47 Orchard Hill Rd", "X: 55 2318 0144"). */
  | 'apposition'
  /** Only near a mention of the person. */
  | 'proximity'
  | 'none';

export interface OwnerLink {
  readonly item: Item;
  readonly owner: Owner;
  readonly tie: Tie;
  /** The person it is tied to is named or tagged, not only described. */
  readonly named: boolean;
  /** Words that decided the owner (normalized offsets), when there are some. */
  readonly cue?: Span;
}

const TOLL_FREE = /^(?:\+?1|\+?52|01)?8(?:00|88|77|66|55|44|33)\d{7}$/;
const PUBLIC_DOMAIN = /\.(?:gov|gob|mil)(?:\.[a-z]{2})?$/;
/** Shared mailboxes of an office or business ("prensa@", "info@", "business@"). */
const ROLE_ACCOUNTS: ReadonlySet<string> = new Set([...roleAccounts.en, ...roleAccounts.es]);
const PRIVATE_IP = /^(?:10\.|127\.|192\.168\.|172\.(?:1[6-9]|2\d|3[01])\.)/;
const EXAMPLE_VALUE = /(?:^|[^a-z])(?:anytown|example\.(?:com|org|net))(?:[^a-z]|$)/;
const HAS_WORD = /[\p{L}\p{N}]/u;

/** How far before a finding its own cues are looked for, and how close a public label must sit to win. */
const CUE_WINDOW = 80;
const ATTACHED = 12;
/** How far back a mention of the person may sit (across sentences). */
const MENTION_WINDOW = 120;
/** Longest gap between a name and the data set beside it. */
const APPOSITION_GAP = 30;
const AFTER_WINDOW = 40;
const INVITE_REACH = 20;
const LIST_GAP = 14;

/** Whose data each non-person finding is (POLICY §1): the author's, public, example, a target's, or unknown. */
export function linkOwners(ctx: DoxContext, targets: Targets): OwnerLink[] {
  const links: OwnerLink[] = [];
  if (!ctx.items.some((i) => i.type !== 'person')) return links;
  const possessives = {
    author: possessivesOf(ctx, 'firstPerson', ['contactNoun', 'premiseNoun']),
    target: [...possessivesOf(ctx, 'thirdPerson', ['contactNoun']), ...possessivesOf(ctx, 'secondPerson', ['contactNoun']), ...qualifiedNouns(ctx)].sort(
      (a, b) => a.end - b.end,
    ),
  };
  for (const item of ctx.items) {
    if (item.type === 'person') continue;
    links.push(ownerOf(ctx, targets, possessives, item, links[links.length - 1]));
  }
  return links;
}

interface Possessives {
  readonly author: readonly Span[];
  readonly target: readonly Span[];
}

/**
 * The first rule that applies decides, strongest evidence first:
 * 1. example or test data;
 * 2. the author's own ("text me", "my number"), unless a private cue sits closer;
 * 3. a private cue before ("lives at", "his cell", "personal email", "home:") or after
 *    ("ahí viven"), unless an office word labels the finding itself ("Office: …");
 * 4. toll-free numbers, government and shared mailboxes;
 * 5. the next item of a list ("…, ph …") takes the owner of the one before;
 * 6. the nearest of a public word ("church", "district office"), an invitation to call, the
 *    author or a contact person, and a mention of the target (beside it or only near it);
 * 7. a post where the author introduces themself; otherwise unknown.
 */
function ownerOf(ctx: DoxContext, targets: Targets, possessives: Possessives, item: Item, previous: OwnerLink | undefined): OwnerLink {
  const link = (owner: Owner, tie: Tie, cue?: Span, named = true): OwnerLink =>
    cue === undefined ? { item, owner, tie, named } : { item, owner, tie, named, cue };
  const sentence = sentenceAt(ctx, item.start);
  const from = Math.max(sentence.start, item.start - CUE_WINDOW);
  const afterEnd = Math.min(sentence.end, item.end + AFTER_WINDOW);
  const value = ctx.input.folded.slice(item.start, item.end);

  const example = lastPhrase(ctx, 'example', from, item.start) ?? firstPhrase(ctx, 'example', item.end, Math.min(afterEnd, item.end + 30));
  if (example !== undefined || EXAMPLE_VALUE.test(value)) return link('example', 'none', example);
  if (item.type === 'ip_address' && PRIVATE_IP.test(value)) return link('example', 'none');

  const author = nearest([lastPhrase(ctx, 'author', from, item.start), lastSpan(possessives.author, from, item.start)]);
  const home = nearest([lastPhrase(ctx, 'home', from, item.start), lastSpan(possessives.target, from, item.start), homeLabel(ctx, item)]);
  // A plate belongs to a vehicle; the place it was seen ("parks at Plaza Fiesta") does not make it public.
  const publicCue = item.type === 'license_plate' ? undefined : lastPhrase(ctx, 'public', from, item.start);
  if (author !== undefined && (home === undefined || author.end >= home.end)) return link('author', 'cue', author);
  if (home !== undefined) {
    const attachedPublic = publicCue !== undefined && publicCue.end >= home.end && item.start - publicCue.end <= ATTACHED;
    if (!attachedPublic) return link('target', 'cue', home);
  }
  const after = firstPhrase(ctx, 'homeAfter', item.end, afterEnd);
  if (after !== undefined) return publicNext(ctx, after) ? link('public', 'none', after) : link('target', 'cue', after);

  if (intrinsicallyPublic(item, value)) return link('public', 'none');

  if (previous !== undefined && continuesList(ctx, previous.item, item)) return { ...previous, item };

  const mention = nearestMention(targets.mentions, item, Math.max(0, item.start - MENTION_WINDOW)) ?? pronounMention(ctx, targets.mentions, item);
  const mentionEnd = mention === undefined || mention.end < sentence.start - 1 ? -1 : mention.end;
  if (publicCue !== undefined && publicCue.end > mentionEnd) return link('public', 'none', publicCue);
  // "call 773-555-0158 if you see him": readers are asked to use the number, so it is the author's,
  // or, in a post about someone, at least not shown to be that person's.
  const invite = lastPhrase(ctx, 'contactInvite', Math.max(from, item.start - INVITE_REACH), item.start);
  if (invite !== undefined && !wordsIn(ctx, invite.end, item.start).some((w) => isEntry('objectPronoun', w.text))) {
    return targets.mentions.length === 0 ? link('author', 'cue', invite) : link('unknown', 'none', invite);
  }
  const side = nearestAuthorSide(ctx, targets, item, Math.max(from, mentionEnd));
  if (side !== undefined) return link(side.owner, 'none', side.item);

  const following = followingMention(ctx, targets.mentions, item);
  if (following !== undefined) return link('target', 'apposition', following, following.named);
  const later = laterNamedMention(targets.mentions, item, sentence.end);
  if (mention !== undefined && (mention.named || later === undefined)) {
    return link('target', besideName(ctx, mention, item) ? 'apposition' : 'proximity', mention, mention.named);
  }
  if (later !== undefined) return link('target', 'proximity', later);
  if (targets.selfIntroduced) return link('author', 'none');
  return link('unknown', 'none');
}

/**
 * "my new number", "our taco truck", "mi nuevo correo" (first person); "his cell", "su correo",
 * "Kohl's home", "Haines' card" (third person) or "your house", "tu casa" said to the person the
 * post addresses: a possessive and, at most one word on, a contact noun. Spans run from the
 * possessive to the noun.
 */
function possessivesOf(ctx: DoxContext, owner: 'firstPerson' | 'secondPerson' | 'thirdPerson', nouns: readonly LexiconId[]): Span[] {
  const heads: { start: number; next: number }[] = phrasesOf(ctx, owner).map((p) => ({ start: p.start, next: p.last }));
  if (owner === 'thirdPerson') {
    const t = ctx.tokens;
    for (let i = 1; i < t.length; i++) {
      const apostrophe = t[i];
      const before = t[i - 1];
      if (apostrophe?.text !== "'" || before === undefined || !before.word || before.end !== apostrophe.start) continue;
      const s = t[i + 1];
      const next = s !== undefined && s.text === 's' && s.start === apostrophe.end ? i + 2 : i + 1;
      heads.push({ start: apostrophe.start, next });
    }
  }
  const out: Span[] = [];
  for (const head of heads) {
    const after = qualifiesPrivately(ctx, head.next) ? skipPossessiveS(ctx, head.next + 1) : -1;
    for (const id of nouns) {
      const noun = phrasesOf(ctx, id).find((n) => n.first === head.next || n.first === after);
      if (noun !== undefined) out.push({ start: head.start, end: noun.end });
    }
  }
  return out.sort((a, b) => a.end - b.end);
}

/**
 * "personal email", "home phone", "real cell", "cel personal", "domicilio particular": a contact
 * noun said to be private, the qualifier before it (at most one word between) or right after it.
 */
function qualifiedNouns(ctx: DoxContext): Span[] {
  const nouns = phrasesOf(ctx, 'contactNoun');
  if (nouns.length === 0) return [];
  const out: Span[] = [];
  for (const q of phrasesOf(ctx, 'privateQualifier')) {
    const before = nouns.find((n) => n.first === q.last || (n.first === q.last + 1 && ctx.tokens[q.last]?.word === true));
    if (before !== undefined) out.push({ start: q.start, end: before.end });
    const after = nouns.find((n) => n.last === q.first);
    if (after !== undefined) out.push({ start: after.start, end: q.end });
  }
  return out;
}

/** Index after "'s" when it follows ("my driver's license"), else `index`. */
function skipPossessiveS(ctx: DoxContext, index: number): number {
  if (ctx.tokens[index]?.text !== "'") return index;
  return ctx.tokens[index + 1]?.text === 's' ? index + 2 : index + 1;
}

/** The word between a possessive and its noun ("her real cell", "his actual house"), unless it makes it public ("the mayor's office line"). */
function qualifiesPrivately(ctx: DoxContext, index: number): boolean {
  const word = ctx.tokens[index];
  return word !== undefined && word.word && !isEntry('public', word.text);
}

/** "home 1203 Pine St", "casa: Calle Olmo 45": a home word set as a label right before the finding. */
function homeLabel(ctx: DoxContext, item: Item): Span | undefined {
  const label = lastPhrase(ctx, 'homeNoun', Math.max(0, item.start - 16), item.start);
  if (label === undefined || HAS_WORD.test(ctx.masked.slice(label.end, item.start))) return undefined;
  return label;
}

function lastSpan(spans: readonly Span[], from: number, to: number): Span | undefined {
  let best: Span | undefined;
  for (const s of spans) if (s.start >= from && s.end <= to) best = s;
  return best;
}

function nearest(spans: readonly (Span | undefined)[]): Span | undefined {
  let best: Span | undefined;
  for (const s of spans) if (s !== undefined && (best === undefined || s.end > best.end)) best = s;
  return best;
}

/** "… is her office", "… es su oficina": the word after a cue ending in a possessive makes it public. */
function publicNext(ctx: DoxContext, cue: PhraseMatch): boolean {
  const next = ctx.tokens[cue.last];
  return next !== undefined && isEntry('thirdPerson', ctx.tokens[cue.last - 1]?.text ?? '') && isEntry('public', next.text);
}

/** Toll-free numbers, government and role e-mail addresses (prensa@, info@ …). */
function intrinsicallyPublic(item: Item, value: string): boolean {
  if (item.type === 'phone') return TOLL_FREE.test((item.finding.canonical ?? value).replace(/[^\d+]/g, ''));
  if (item.type !== 'email') return false;
  const email = (item.finding.canonical ?? value).toLowerCase();
  const at = email.indexOf('@');
  if (at < 0) return false;
  return PUBLIC_DOMAIN.test(email.slice(at + 1)) || ROLE_ACCOUNTS.has(email.slice(0, at).split(/[._-]/)[0] ?? '');
}

/** The next finding of a list: only punctuation, "and"/"y" and contact labels ("ph", "cel") in between. */
function continuesList(ctx: DoxContext, previous: Item, item: Item): boolean {
  if (item.start - previous.end > LIST_GAP) return false;
  const labels = phrasesIn(ctx, 'contactLabel', previous.end, item.start);
  return wordsIn(ctx, previous.end, item.start).every((w) => labels.some((l) => l.start <= w.start && w.end <= l.end));
}

function nearestMention(mentions: readonly Mention[], item: Item, from: number): Mention | undefined {
  let best: Mention | undefined;
  for (const m of mentions) if (m.end <= item.start && m.start >= from && (best === undefined || m.end > best.end)) best = m;
  return best;
}

/**
 * "she's at the Planet Fitness … plate 3V 88172": a third-person pronoun before the finding
 * carries the tie back to the person the post named earlier.
 */
function pronounMention(ctx: DoxContext, mentions: readonly Mention[], item: Item): Mention | undefined {
  const pronoun = lastPhrase(ctx, 'thirdPronoun', Math.max(0, item.start - MENTION_WINDOW), item.start);
  if (pronoun === undefined) return undefined;
  const earlier = nearestMention(mentions, item, 0);
  return earlier === undefined ? undefined : { ...earlier, end: pronoun.end };
}

/** The author, the author's circle or a contact person named after `from` and before the finding. */
function nearestAuthorSide(ctx: DoxContext, targets: Targets, item: Item, from: number): { owner: Owner; item: Item } | undefined {
  let best: Item | undefined;
  for (const p of ctx.items) if (p.end <= item.start && p.start >= from && targets.authorSide.has(p.index)) best = p;
  if (best === undefined) return undefined;
  return { owner: targets.authorSide.get(best.index) === 'contact' ? 'public' : 'author', item: best };
}

/** "the family in 3B at <address> is undocumented, the husband is Wilmer Castro": a name later in the sentence. */
function laterNamedMention(mentions: readonly Mention[], item: Item, sentenceEnd: number): Mention | undefined {
  return mentions.find((m) => m.named && m.start >= item.end && m.end <= sentenceEnd);
}

/** A name right after the data ("7810 Bellfort Ave Apt 12 — Luis Ocampo and family"). */
function followingMention(ctx: DoxContext, mentions: readonly Mention[], item: Item): Mention | undefined {
  const m = mentions.find((x) => x.start >= item.end && x.start - item.end <= 6);
  if (m === undefined || m.kind === 'description') return undefined;
  return HAS_WORD.test(ctx.masked.slice(item.end, m.start)) ? undefined : m;
}

/** "Judge X, 47 Orchard …", "X: 55 2318 …", "X. number is …": at most three short words between. */
function besideName(ctx: DoxContext, mention: Mention, item: Item): boolean {
  if (item.start - mention.end > APPOSITION_GAP) return false;
  const between = wordsIn(ctx, mention.end, item.start);
  if (between.length > 3) return false;
  // "the agent at 3145 S Ashland Ave" places a described person at an address; only a name is an apposition.
  return mention.kind !== 'description' || between.length === 0;
}
