import { lastPhrase, phrasesOf, sentenceAt, wordsIn, type DoxContext, type Item } from './context.js';
import { isEntry } from './lexicons.js';
import type { Span } from './tokens.js';

/**
 * A reference to a specific third person the post is about: a name, a description
 * ("the lady who …", "ese juez", "the family next door") or an @handle. Who the person is
 * (role, side, group) is never looked at, only that the words point at one individual.
 */
export interface Mention extends Span {
  readonly kind: 'person' | 'description' | 'handle';
  /** Named or tagged (a name or @handle), not only described. */
  readonly named: boolean;
}

export type AuthorSide = 'self' | 'circle' | 'contact';

export interface Targets {
  readonly mentions: readonly Mention[];
  /**
   * Persons who are not targets, by index into input.findings: the author ('self'), the
   * author's own circle ("my sister Jasmine") or a contact person ("ask for Manny", "contact Detective Reyes").
   */
  readonly authorSide: ReadonlyMap<number, AuthorSide>;
  /** The author introduces themself ("I'm Maria …", "soy Daniela"): the post is about the author. */
  readonly selfIntroduced: boolean;
}

const HANDLE = /(?<![\p{L}\p{N}_@])@[\p{L}\p{N}_]{2,30}/gu;
const NUMBER = /^\d+$/;
const CLAUSE_BREAK = /[:;,(—–]|\s-\s/;
const SIGNATURE_TAIL_CHAR = /[\s\p{P}\p{S}]/u;

/** Nothing but spaces, punctuation and symbols from `pos` to the end (a sign-off); stops at the first letter. */
function onlySymbolsAfter(text: string, pos: number): boolean {
  for (let i = pos; i < text.length; i++) if (!SIGNATURE_TAIL_CHAR.test(text.charAt(i))) return false;
  return true;
}
const SIGNATURE_DASH = /[-—–]\s*$/;

const CAPITALISED = /^\p{Lu}\p{Ll}/u;
const MAX_NAME_WORDS = 3;

/** Words that may stand between a cue and the name it governs ("soy la Lic. Gabriela …"). */
const MAX_WORDS_BETWEEN = 3;

export function findTargets(ctx: DoxContext): Targets {
  const mentions: Mention[] = [];
  const authorSide = new Map<number, AuthorSide>();
  let selfIntroduced = false;
  for (const item of ctx.items) {
    if (item.type !== 'person' || namesAVenue(ctx, item) || namesAPet(ctx, item)) continue;
    const side = authorSideOf(ctx, item);
    if (side === undefined) {
      mentions.push({ start: item.start, end: item.end, kind: 'person', named: true });
      continue;
    }
    authorSide.set(item.index, side);
    if (side === 'self') selfIntroduced = true;
  }
  if (ctx.text.includes('@')) {
    HANDLE.lastIndex = 0;
    for (let m = HANDLE.exec(ctx.masked); m !== null; m = HANDLE.exec(ctx.masked)) {
      mentions.push({ start: m.index, end: m.index + m[0].length, kind: 'handle', named: true });
    }
    HANDLE.lastIndex = 0;
  }
  mentions.push(...descriptions(ctx), ...titledNames(ctx));
  mentions.sort((a, b) => a.start - b.start);
  return { mentions, authorSide, selfIntroduced };
}

function nearestOf(a: Span | undefined, b: Span | undefined): Span | undefined {
  if (a === undefined) return b;
  return b === undefined || a.end >= b.end ? a : b;
}

/** "Taquería La Chiva", "Salón Las Palmas": a place whose name a name detector may take for a person. */
function namesAVenue(ctx: DoxContext, item: Item): boolean {
  const prefix = lastPhrase(ctx, 'venuePrefix', Math.max(0, item.start - 16), item.start);
  return prefix !== undefined && ctx.masked.slice(prefix.end, item.start).trim().length === 0;
}

/** "gray tabby named Milo", "mi perrito Chispa": an animal, not a person. */
function namesAPet(ctx: DoxContext, item: Item): boolean {
  return wordsIn(ctx, sentenceAt(ctx, item.start).start, item.start, { last: MAX_WORDS_BETWEEN }).some((w) => isEntry('petNoun', w.text));
}

/** Whether a named person is the author, the author's circle or a contact person; undefined for a third person. */
function authorSideOf(ctx: DoxContext, item: Span): AuthorSide | undefined {
  const sentence = sentenceAt(ctx, item.start);
  const lead = wordsIn(ctx, sentence.start, item.start, { last: MAX_WORDS_BETWEEN });
  const mine = lead.findIndex((w) => isEntry('firstPerson', w.text));
  // "my cousin Daniela", "mi tío Beto" name the author's circle; "my neighbor Harlan" or
  // "arrested my cousin: Sgt. Paul Weber" name a third person.
  const relation = lead.slice(mine + 1);
  const close = relation.some((w) => isEntry('kin', w.text) || isEntry('friend', w.text));
  if (mine >= 0 && close && !CLAUSE_BREAK.test(ctx.masked.slice(lead[mine]?.end ?? 0, item.start))) return 'circle';
  const from = lead[0]?.start ?? item.start;
  const cueFrom = Math.max(sentence.start, from - 14);
  const self = nearestOf(lastPhrase(ctx, 'selfIntro', cueFrom, item.start), lastPhrase(ctx, 'farewell', cueFrom, item.start));
  const contact = lastPhrase(ctx, 'contactPerson', cueFrom, item.start);
  if (self !== undefined && (contact === undefined || self.end >= contact.end)) return 'self';
  if (contact !== undefined) return 'contact';
  const signed = onlySymbolsAfter(ctx.masked, item.end) && SIGNATURE_DASH.test(ctx.masked.slice(Math.max(0, item.start - 4), item.start));
  return signed ? 'self' : undefined;
}

/**
 * "Judge Harold Beck", "regidor Armando Leyva", "reporter Noah Fischer": capitalised words right
 * after a person noun or title name someone even where the name detector found nothing (a rare
 * name, look-alike letters). Names the detector did find are masked and need no second look.
 */
function titledNames(ctx: DoxContext): Mention[] {
  const out: Mention[] = [];
  for (const noun of phrasesOf(ctx, 'personNoun')) {
    let end = -1;
    for (let i = noun.last; i < ctx.tokens.length && i < noun.last + MAX_NAME_WORDS; i++) {
      const t = ctx.tokens[i];
      if (t === undefined) break;
      if (t.text === '.' && i === noun.last) continue;
      if (!t.word || !CAPITALISED.test(ctx.text.slice(t.start, t.end)) || /^x+$/.test(t.text)) break;
      end = t.end;
    }
    if (end > 0 && authorSideOf(ctx, noun) === undefined) out.push({ start: noun.start, end, kind: 'person', named: true });
  }
  return out;
}

/** A person noun with a determiner among the three words before it, and no count ("8 agents"). */
function descriptions(ctx: DoxContext): Mention[] {
  const out: Mention[] = [];
  for (const noun of phrasesOf(ctx, 'personNoun')) {
    const sentence = sentenceAt(ctx, noun.start);
    const lead = wordsIn(ctx, sentence.start, noun.start, { last: MAX_WORDS_BETWEEN });
    if (lead.some((w) => NUMBER.test(w.text) || isEntry('count', w.text) || isEntry('firstPerson', w.text))) continue;
    const det = lead.findIndex((w) => isEntry('determiner', w.text));
    if (det < 0) continue;
    // Nouns that also qualify another noun ("la línea oficial") count only right after the determiner.
    if (det !== lead.length - 1 && isEntry('adjectiveNoun', ctx.masked.slice(noun.start, noun.end))) continue;
    out.push({ start: lead[det]?.start ?? noun.start, end: noun.end, kind: 'description', named: false });
  }
  return out;
}
