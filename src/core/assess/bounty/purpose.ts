import conjunctions from '../../lexicon/bounty-conjunction.json' with { type: 'json' };
import harm from '../../lexicon/bounty-harm.json' with { type: 'json' };
import heads from '../../lexicon/bounty-head.json' with { type: 'json' };
import inanimate from '../../lexicon/bounty-inanimate-object.json' with { type: 'json' };
import person from '../../lexicon/bounty-person.json' with { type: 'json' };
import possessed from '../../lexicon/bounty-info-possessed.json' with { type: 'json' };
import infoOf from '../../lexicon/bounty-info-of.json' with { type: 'json' };
import info from '../../lexicon/bounty-info.json' with { type: 'json' };
import prepositions from '../../lexicon/bounty-link-preposition.json' with { type: 'json' };
import proVerbs from '../../lexicon/bounty-pro-verb.json' with { type: 'json' };
import recipients from '../../lexicon/bounty-recipient.json' with { type: 'json' };
import type { RewardCue } from './reward.js';
import { compilePhrases, distance, findPhrases, matchAll, phraseAlternation, WORD_END, type Match, type WordIndex } from './phrases.js';

/** What a reward is offered for: harm to a person, or a person's private information. */
export type PurposeKind = 'harm' | 'info';

export interface Purpose extends Match {
  readonly kind: PurposeKind;
  /**
   * True when the purpose is tied to a reward by the offer's own grammar: a recipient clause
   * ("to whoever …", "al que …", "who has …?") or "for/por" right before it, with a reward
   * next to that clause; a price on someone's head is tied by itself.
   */
  readonly linked: boolean;
  /** The whole offer: from the reward or the recipient clause, whichever comes first, to the end of its sentence. */
  readonly offer: Match;
}

const HARM = compilePhrases(harm);
const HEADS = compilePhrases(heads);
const INFO = compilePhrases(info);
/** "the address of …", "el número de …": information, when a person follows ("the address of the new store" is not). */
const INFO_OF = compilePhrases(infoOf);
/** How far after "the address of" its person may be named. */
const OWNER_REACH = 30;
/** A harm verb whose object is a thing ("takes out the trash", "shoots the best video") harms no one. */
const INANIMATE_OBJECT = new RegExp(`^\\s+(?:${phraseAlternation(inanimate)})${WORD_END}`);
/** The same object inside a verb with a gap ("takes the trash out"). */
const INANIMATE_INSIDE = new RegExp(`\\s(?:${phraseAlternation(inanimate)})${WORD_END}`);
/** "the agent's address", "Kohl's personal cell": a person's information named by the possessive. */
const POSSESSED_INFO = new RegExp(`['’](?<=[a-z]['’])s\\s+(?:${phraseAlternation(possessed)})${WORD_END}`, 'g');
/** "someone's number": nobody in particular. */
const ANYONE_BEFORE = /\b(?:some|any|every|no)(?:one|body)$/;
const RECIPIENTS = compilePhrases(recipients);
const PREPOSITIONS = compilePhrases(prepositions);
/** "… al que lo haga", "… to whoever does it": the clause points back at a purpose said before it. */
const PRO_VERBS = compilePhrases(proVerbs);
/** "denle piso y les doy 20 mil", "find his address and I'll pay": a command, then the reward. */
const CONJUNCTIONS = compilePhrases(conjunctions);
/** Most a conjunction may stand after its purpose (the purpose's object lies between), and a reward after it. */
const CONJUNCTION_REACH = 40;
const AFTER_CONJUNCTION = 15;
/** Most a purpose may stand before the recipient clause that points back at it. */
const ANTECEDENT_REACH = 80;

/** "the killing of", "a shooting": a harm named as an event, not an act asked for. */
const EVENT_NOUN = /\b(?:the|a|an)\s+$/;
/** "$2,000 on the guy who filmed us", "a bounty on that agent": a price put on a person. */
const ON_TARGET = /^\s+(?:bounty\s+)?on\s+(?:(?:the|that|this|those|these)\s+)?/;
const ON_TARGET_REACH = 20;
/** Words that make the object of a harm verb a person ("him", "the agent", "al vecino"). */
const PERSON = compilePhrases(person);
/** Spanish clitics that put a person before or onto the verb ("le rompa", "lo mate", "matarlo"). */
const CLITIC_BEFORE = /(?:^|\s)(?:le|les|lo|la|los|las|se)\s+$/;
const CLITIC_LEADING = /^(?:le|les|lo|la|los|las|se)\s/;
const CLITIC_ATTACHED = /[a-z]{4}(?:le|les|lo|la|los|las)$/;
/** The Spanish personal "a" right after the verb ("atropelle a uno", "se eche al juez"). */
const PERSONAL_A = /^\s+al?\s+\S/;
/** How far around a harm verb its object may be looked for. */
const OBJECT_BEFORE = 30;
const OBJECT_AFTER = 50;
/** Most a recipient clause may stand before its purpose ("whoever puts that agent from the video in the hospital"). */
const RECIPIENT_REACH = 60;
/** "for/por" must stand right before the purpose ("for the home address", "for the name of his kids' school"). */
const PREPOSITION_REACH = 20;
/** Most a reward may stand from the clause it pays for ("$500 to whoever …", "… gets 1k", "…? paying"). */
const LINK_REACH = 40;
/** "for $300, pickup at my home address": an amount or a pause ends the preposition's object. */
const NOT_A_NOUN_PHRASE = /[,;:.!?$\d]/;
/** "my home address", "mi número": the author's own details, not someone else's. */
const OWN_BEFORE = /\b(?:my|our|mi|mis|nuestra|nuestro)\s+(?:\S+\s+)?$/;
/** A recipient clause and its purpose belong to one sentence. */
const SENTENCE_END = /[!?\n]|\.(?:\s|$)/;
/** A purpose farther than this from every reward is not about the reward at all. */
const NEAR_REACH = 120;

/** Harm and information purposes within reach of the reward cues, each marked linked or merely near. */
export function findPurposes(text: string, folded: string, words: WordIndex, rewards: readonly RewardCue[], spanish: boolean): Purpose[] {
  if (rewards.length === 0) return [];
  const people = findPhrases(PERSON, folded, words);
  const aimsAtPerson = (p: Match, from: number): boolean => harmsPerson(text, folded, p, from, people, spanish);
  const links: Link[] = [
    ...findPhrases(RECIPIENTS, folded, words).map((m) => ({ ...m, reach: RECIPIENT_REACH })),
    ...findPhrases(PREPOSITIONS, folded, words).map((m) => ({ ...m, reach: PREPOSITION_REACH, between: NOT_A_NOUN_PHRASE })),
  ];
  const out: Purpose[] = [];
  const add = (p: Match, kind: PurposeKind, clause: Match, linked: boolean): void => {
    const reward = closest(rewards, clause);
    const start = Math.min(clause.start, reward.start);
    out.push({ start: p.start, end: p.end, kind, linked, offer: { start, end: sentenceEnd(folded, Math.max(p.end, reward.end)) } });
  };
  for (const m of findPhrases(HEADS, folded, words)) {
    const gap = distance(closest(rewards, m), m);
    if (gap <= NEAR_REACH) add(m, 'harm', m, gap <= LINK_REACH);
  }
  for (const r of rewards) {
    if (r.kind === 'offer') continue;
    const on = ON_TARGET.exec(folded.slice(r.end, r.end + 20));
    const at = r.end + (on?.[0].length ?? 0);
    const target = on === null ? undefined : people.find((m) => m.start >= at && m.start - at <= ON_TARGET_REACH);
    if (target !== undefined) add({ start: r.start, end: target.end }, 'harm', { start: r.start, end: target.end }, true);
  }
  const candidates = [
    ...findPhrases(HARM, folded, words)
      .filter((m) => !harmsThing(folded, m) && !EVENT_NOUN.test(folded.slice(Math.max(0, m.start - 5), m.start)))
      .map((m) => ({ ...m, kind: 'harm' as const })),
    ...[
      ...findPhrases(INFO, folded, words),
      ...findPhrases(INFO_OF, folded, words).filter((m) => namesOwner(text, folded, m, people)),
      ...matchAll(POSSESSED_INFO, folded).filter((m) => !ANYONE_BEFORE.test(folded.slice(Math.max(0, m.start - 9), m.start))),
    ]
      .filter((m) => !OWN_BEFORE.test(folded.slice(Math.max(0, m.start - 20), m.start)))
      .map((m) => ({ ...m, kind: 'info' as const })),
  ].sort((a, b) => a.start - b.start);
  const joins = findPhrases(CONJUNCTIONS, folded, words);
  for (const p of candidates) {
    const link = nearestLink(links, p, folded);
    const clause = { start: link?.start ?? p.start, end: p.end };
    const gap = distance(closest(rewards, clause), clause);
    if (gap > NEAR_REACH) continue;
    const person = p.kind === 'info' || aimsAtPerson(p, link?.end ?? p.start - OBJECT_BEFORE);
    const joined = link === undefined ? rewardJoinedAfter(folded, p, joins, rewards) : undefined;
    if (joined !== undefined) add(p, p.kind, { start: p.start, end: joined.end }, person);
    else add(p, p.kind, clause, person && link !== undefined && gap <= LINK_REACH);
  }
  for (const pro of findPhrases(PRO_VERBS, folded, words)) {
    const link = nearestLink(links, pro, folded);
    if (link === undefined) continue;
    const clause = { start: link.start, end: pro.end };
    const antecedent = candidates.filter((p) => p.end <= link.start && link.start - p.end <= ANTECEDENT_REACH).at(-1);
    const person = antecedent !== undefined && (antecedent.kind === 'info' || aimsAtPerson(antecedent, antecedent.start - OBJECT_BEFORE));
    if (antecedent !== undefined && person && distance(closest(rewards, clause), clause) <= LINK_REACH) {
      add(antecedent, antecedent.kind, { start: antecedent.start, end: pro.end }, true);
    }
  }
  return out;
}

/** The recipient clause or preposition closest before `p`, within its reach and sentence. */
function nearestLink(links: readonly Link[], p: Match, folded: string): Match | undefined {
  return links
    .filter((l) => l.end <= p.start && p.start - l.end <= l.reach && !(l.between ?? SENTENCE_END).test(folded.slice(l.end, p.start)))
    .reduce<Match | undefined>((best, l) => (best === undefined || l.start > best.start ? l : best), undefined);
}

/** A recipient clause or preposition, how far its purpose may follow, and what may not stand between. */
interface Link extends Match {
  readonly reach: number;
  readonly between?: RegExp;
}

function harmsThing(folded: string, m: Match): boolean {
  return INANIMATE_OBJECT.test(folded.slice(m.end, m.end + 40)) || INANIMATE_INSIDE.test(folded.slice(m.start, m.end));
}

/**
 * True when the object of the harm verb `p` is a person: a person word, a Spanish clitic or
 * personal "a", a capitalized name or an @handle between `from` and a little after `p`, in its
 * sentence. "Take out the old carpet", "matar las cucarachas" harm no one.
 */
function harmsPerson(text: string, folded: string, p: Match, from: number, people: readonly Match[], spanish: boolean): boolean {
  const start = Math.max(0, from);
  const end = Math.min(p.end + OBJECT_AFTER, sentenceEnd(folded, p.end));
  if (people.some((m) => m.start >= start && m.end <= end)) return true;
  const verb = folded.slice(p.start, p.end);
  if (CLITIC_BEFORE.test(folded.slice(Math.max(0, p.start - 6), p.start)) || CLITIC_LEADING.test(verb)) return true;
  if (spanish && (CLITIC_ATTACHED.test(verb) || PERSONAL_A.test(folded.slice(p.end, p.end + 8)))) return true;
  return namesSomeone(text, start, end);
}

/** A person named right after "the address of" / "el número de", in the same sentence. */
function namesOwner(text: string, folded: string, m: Match, people: readonly Match[]): boolean {
  const end = Math.min(m.end + OWNER_REACH, sentenceEnd(folded, m.end));
  return people.some((p) => p.start >= m.end && p.start < end) || namesSomeone(text, m.end, end);
}

/** A capitalized word (not an acronym, not "I") that does not open a sentence, or an @handle, in text[start, end). */
function namesSomeone(text: string, start: number, end: number): boolean {
  NAME.lastIndex = start;
  for (let m = NAME.exec(text); m !== null && m.index < end; m = NAME.exec(text)) {
    if (m[0].startsWith('@')) return true;
    const acronym = m[0] === m[0].toUpperCase();
    if (!acronym && !opensSentence(text, m.index)) return true;
  }
  return false;
}

const NAME = /@\w|\b[A-Z][A-Za-z]*/g;

function opensSentence(text: string, at: number): boolean {
  let i = at;
  while (i > 0 && /\s/.test(text.charAt(i - 1))) i--;
  return i === 0 || '.!?:\n'.includes(text.charAt(i - 1));
}

/** A reward right after a conjunction that follows `p` in its sentence ("rómpanle la cara y les doy 5 mil"). */
function rewardJoinedAfter(folded: string, p: Match, joins: readonly Match[], rewards: readonly Match[]): Match | undefined {
  for (const j of joins) {
    if (j.start < p.end || j.start - p.end > CONJUNCTION_REACH || SENTENCE_END.test(folded.slice(p.end, j.start))) continue;
    const reward = rewards.find((r) => r.start >= j.end && r.start - j.end <= AFTER_CONJUNCTION);
    if (reward !== undefined) return reward;
  }
  return undefined;
}

/** The reward closest to `m` (rewards is never empty here). */
function closest(rewards: readonly Match[], m: Match): Match {
  return rewards.reduce((best, r) => (distance(r, m) < distance(best, m) ? r : best));
}

/** Offset where the sentence holding `at` ends. */
function sentenceEnd(folded: string, at: number): number {
  const rest = folded.slice(at);
  const m = SENTENCE_END.exec(rest);
  return m === null ? folded.length : at + m.index;
}
