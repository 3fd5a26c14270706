import goods from '../../lexicon/bounty-goods.json' with { type: 'json' };
import wagers from '../../lexicon/bounty-wager.json' with { type: 'json' };
import hypothetical from '../../lexicon/bounty-hypothetical.json' with { type: 'json' };
import magnitudes from '../../lexicon/bounty-magnitude.json' with { type: 'json' };
import numberWords from '../../lexicon/bounty-number-words.json' with { type: 'json' };
import moneyNouns from '../../lexicon/bounty-money-nouns.json' with { type: 'json' };
import money from '../../lexicon/bounty-money.json' with { type: 'json' };
import notReward from '../../lexicon/bounty-not-reward.json' with { type: 'json' };
import fillers from '../../lexicon/bounty-offer-filler.json' with { type: 'json' };
import subjects from '../../lexicon/bounty-offer-subject.json' with { type: 'json' };
import transparent from '../../lexicon/bounty-offer-transparent.json' with { type: 'json' };
import offers from '../../lexicon/bounty-offer.json' with { type: 'json' };
import payVerbs from '../../lexicon/bounty-pay-verbs.json' with { type: 'json' };
import receiveVerbs from '../../lexicon/bounty-receive-verbs.json' with { type: 'json' };
import recipients from '../../lexicon/bounty-recipient.json' with { type: 'json' };
import prepositions from '../../lexicon/bounty-link-preposition.json' with { type: 'json' };
import reported from '../../lexicon/bounty-reported-offer.json' with { type: 'json' };
import rewardNouns from '../../lexicon/bounty-reward-nouns.json' with { type: 'json' };
import type { Lexicon } from '../../lexicon/lexicon.js';
import { compilePhrases, distance, findPhrases, keyWordAlternation, overlaps, phraseAlternation, WORD_END, type Match, type WordIndex } from './phrases.js';

/**
 * What makes a post an offer of a reward: an amount of money or goods, an offering verb
 * the author speaks in the first person ("pago", "I'll give", "paying $200"), a reward noun
 * ("recompensa", "REWARD:") or a receiving verb on an amount ("… gets 1k").
 */
export type RewardCueKind = 'amount' | 'bare-amount' | 'goods' | 'offer' | 'reward-word';

export interface RewardCue extends Match {
  readonly kind: RewardCueKind;
}

export interface RewardCues {
  readonly cues: readonly RewardCue[];
  /** Offering verbs with a subject other than the author ("the FBI is offering $25,000"). */
  readonly thirdPerson: readonly Match[];
}

export interface OfferContext {
  /** Offers attributed to someone else ("the FBI is offering", "ofrecen", "a post offered"). */
  readonly reported: readonly Match[];
  /** "I'd pay … to see": a wish, not an offer. */
  readonly hypothetical: readonly Match[];
  /** "I bet $20 on …", "apuesto 500": money staked, not offered. */
  readonly wagers: readonly Match[];
}

const NUM = '\\d(?<![a-z0-9_.,]\\d)\\d*(?:[.,]\\d+)*';
const MAG = `(?:${phraseAlternation(magnitudes)})`;
const UNIT = `(?:${phraseAlternation(money)})`;

const NUMBER_WORD = `(?:${phraseAlternation(numberWords)})`;
/** 💰 💵 💸 🤑 as UTF-16 pairs (the pattern runs without the u flag, see phrases.ts). */
const MONEY_EMOJI = '\\uD83D[\\uDCB0\\uDCB5\\uDCB8]|\\uD83E\\uDD11';

/**
 * `$5,000`, `50 mil pesos`, `1k in btc`, `mil dólares`, `five grand` (currency); `50k`, `2 mil`,
 * a number handed to a recipient (`300 for whoever`, `500 al que`), `$$$`, money emoji (bare).
 */
const AMOUNT = new RegExp(
  `(?<currency>\\$\\s?${NUM}(?:\\s?${MAG}${WORD_END})?(?:\\s+${UNIT}${WORD_END})?` +
    `|${NUM}(?:\\s?${MAG})?\\s?(?:de\\s+)?${UNIT}${WORD_END}` +
    `|\\b(?:${NUMBER_WORD}\\s+)?${MAG}\\s+(?:de\\s+)?${UNIT}${WORD_END}` +
    `|\\b${NUMBER_WORD}\\s+${UNIT}${WORD_END})` +
    `|(?<bare>${NUM}\\s?${MAG}${WORD_END}|(?:${NUM}|\\b${MAG})(?=\\s+(?:(?:to|for|para|pa)\\s+)?(?:${phraseAlternation(recipients)})${WORD_END})|\\$\\$+|${MONEY_EMOJI})`,
  'g',
);

const GOODS = compilePhrases(goods);
const GOODS_AT_START = new RegExp(`^(?:${phraseAlternation(goods)})${WORD_END}`);
const OFFERS = compilePhrases(offers);
const REWARD_NOUNS = compilePhrases(rewardNouns);
const NOT_REWARD = compilePhrases(notReward);
const REPORTED = compilePhrases(reported);
const HYPOTHETICAL = compilePhrases(hypothetical);
const WAGERS = compilePhrases(wagers);
/** English offering verbs: first person only when the author is the subject (see `spokenByAuthor`). */
const PAY_VERBS_NEEDING_SUBJECT = compilePhrases({ en: payVerbs.en, es: [] });
/** Spanish first-person forms: the ending names the speaker. */
const PAY_VERBS_FIRST_PERSON = compilePhrases({ en: [], es: payVerbs.es });
const RECEIVE_VERBS = compilePhrases(receiveVerbs);

const FILLERS = new RegExp(`^(?:\\s+(?:${phraseAlternation(fillers)})${WORD_END}){0,2}\\s+`);
/** What an offering verb must be followed by to be an offer: money, goods or who/what it pays for. */
const PAID_OBJECT = new RegExp(
  `^(?:[$\\d]|(?:${phraseAlternation(magnitudes)}|${phraseAlternation(moneyNouns)}|${phraseAlternation(goods)}|${phraseAlternation(recipients)}|${phraseAlternation(prepositions)}|bien|well)${WORD_END})`,
);
/** An offering verb that ends its clause offers too ("who has his plate? paying"). */
const CLAUSE_END = /^\s*(?:[.!?]|$)/;
const bareWords = (list: readonly string[]): Set<string> => new Set(list.map((w) => w.replace(/['’]/g, '')));
const SUBJECTS = bareWords([...subjects.en, ...subjects.es]);
/** Modals, auxiliaries and adverbs that may stand between the subject and the verb. */
const TRANSPARENT = bareWords([...transparent.en, ...transparent.es]);
/** A reward cue this close to a third-person offering verb makes that verb a reported offer. */
const REPORTED_REACH = 30;
const MONEY_NOUNS = compilePhrases(moneyNouns);

const merge = (...lexicons: readonly Lexicon[]): Lexicon => ({ en: lexicons.flatMap((l) => l.en), es: lexicons.flatMap((l) => l.es) });

/** A word every worded cue contains ("pago", "reward", "venmo", "mil" …). */
const CUE_WORD = new RegExp(`\\b(?:${keyWordAlternation(merge(offers, goods, rewardNouns, payVerbs, magnitudes, money))})${WORD_END}`);
/** AMOUNT without the global flag, for a plain test. */
const ANY_AMOUNT = new RegExp(AMOUNT.source);

const NO_REWARD: RewardCues = { cues: [], thirdPerson: [] };

/** Cheap first test: false means the post holds no reward cue at all (most posts). */
export const mayOfferReward = (folded: string): boolean => CUE_WORD.test(folded) || ANY_AMOUNT.test(folded);

/** The reward cues of a post, and offering verbs it attributes to someone else. */
export function findRewardCues(folded: string, words: WordIndex): RewardCues {
  const amounts = findAmounts(folded);
  const rewardWords = findPhrases(REWARD_NOUNS, folded, words);
  const excluded = rewardWords.length > 0 ? findPhrases(NOT_REWARD, folded, words) : [];
  const cues: RewardCue[] = [
    ...amounts,
    ...findPhrases(GOODS, folded, words).map((m) => ({ ...m, kind: 'goods' as const })),
    ...findPhrases(OFFERS, folded, words).map((m) => ({ ...m, kind: 'offer' as const })),
    ...rewardWords.filter((m) => !excluded.some((x) => overlaps(x, m))).map((m) => ({ ...m, kind: 'reward-word' as const })),
  ];
  const thirdPerson: Match[] = [];
  const outsideAmounts = (m: Match): boolean => !amounts.some((a) => overlaps(a, m));
  for (const verb of findPhrases(PAY_VERBS_NEEDING_SUBJECT, folded, words).filter(outsideAmounts)) {
    if (!paysForSomething(folded, verb.end)) continue;
    if (spokenByAuthor(folded, verb.start)) cues.push({ ...verb, kind: 'offer' });
    else thirdPerson.push(verb);
  }
  for (const verb of findPhrases(PAY_VERBS_FIRST_PERSON, folded, words).filter(outsideAmounts)) {
    if (paysForSomething(folded, verb.end)) cues.push({ ...verb, kind: 'offer' });
  }
  for (const verb of findPhrases(RECEIVE_VERBS, folded, words)) {
    const object = afterFillers(folded, verb.end);
    if (amounts.some((a) => a.start === object) || startsWithGoods(folded, object)) cues.push({ ...verb, kind: 'offer' });
  }
  return cues.length === 0 ? NO_REWARD : { cues, thirdPerson };
}

/** Who makes the offer, and whether it is one: run only once a reward has a purpose. */
export function findOfferContext(folded: string, words: WordIndex, found: RewardCues): OfferContext {
  const offers = found.cues.filter((c) => c.kind === 'offer');
  const rewardEvidence = [...found.cues, ...findPhrases(MONEY_NOUNS, folded, words)];
  const reported = [...findPhrases(REPORTED, folded, words), ...found.thirdPerson].filter(
    (r) => !offers.some((o) => overlaps(o, r)) && rewardEvidence.some((c) => distance(c, r) <= REPORTED_REACH),
  );
  return { reported, hypothetical: findPhrases(HYPOTHETICAL, folded, words), wagers: findPhrases(WAGERS, folded, words) };
}

function findAmounts(folded: string): RewardCue[] {
  const out: RewardCue[] = [];
  AMOUNT.lastIndex = 0;
  for (let m = AMOUNT.exec(folded); m !== null; m = AMOUNT.exec(folded)) {
    const kind = m.groups?.['currency'] === undefined ? 'bare-amount' : 'amount';
    out.push({ start: m.index, end: m.index + m[0].length, kind });
  }
  AMOUNT.lastIndex = 0;
  return out;
}

/** Offset where the object of a verb ending at `end` starts, after up to two filler words. */
function afterFillers(folded: string, end: number): number {
  const rest = folded.slice(end, end + 40);
  const skipped = FILLERS.exec(rest);
  return end + (skipped?.[0].length ?? 0);
}

function paysForSomething(folded: string, verbEnd: number): boolean {
  if (CLAUSE_END.test(folded.slice(verbEnd, verbEnd + 4))) return true;
  const object = afterFillers(folded, verbEnd);
  return object > verbEnd && PAID_OBJECT.test(folded.slice(object, object + 40));
}

function startsWithGoods(folded: string, at: number): boolean {
  return GOODS_AT_START.test(folded.slice(at, at + 40));
}

/**
 * An English offering verb is the author's own offer when nothing but a first-person subject,
 * a modal or an adverb stands before it in its clause ("Paying $200 …", "I'll give …",
 * "now offering …"); with any other subject ("the FBI is offering", "people offer money") it
 * reports someone else's offer.
 */
function spokenByAuthor(folded: string, verbStart: number): boolean {
  let i = verbStart;
  for (let words = 0; words < 4; words++) {
    while (i > 0 && /\s/.test(folded.charAt(i - 1))) i--;
    if (i === 0 || !WORD_CHAR.test(folded.charAt(i - 1))) return true;
    const end = i;
    while (i > 0 && WORD_CHAR.test(folded.charAt(i - 1))) i--;
    const word = folded.slice(i, end).replace(/['’]/g, '');
    if (SUBJECTS.has(word)) return true;
    if (!TRANSPARENT.has(word)) return false;
  }
  return false;
}

const WORD_CHAR = /[a-z0-9'’]/;
