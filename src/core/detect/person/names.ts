import type { DetectedSpan } from '../detector.js';
import {
  cueBefore,
  guessLanguage,
  is,
  isGivenName,
  isKnownName,
  isPersonNoun,
  isStopword,
  isWordLikeName,
  joinedBySpaces,
  type Cue,
  type PostLanguage,
} from './context.js';
import { hasSurnameEnding, W } from './lexicons.js';
import type { Token } from './tokens.js';

/** What a token can be inside a name. */
type Role = 'name' | 'initial' | 'particle' | 'noun' | 'stop' | 'place' | 'other';

/** A Title-case sequence that may be a name: token indices, particles included. */
interface Run {
  readonly tokens: number[];
  /** The next word is a place word (`Franklin Elementary`, `Grant Park`). */
  placeAfter: boolean;
}

interface Candidate {
  readonly run: Run;
  readonly start: number;
  end: number;
  confidence: number;
  rule: string;
}

const MIN_CONFIDENCE = 0.5;
const MAX_NAME_WORDS = 5;
const AGE_AFTER = /^(?:,\s?\d{1,2},|\s?\(\d{1,2}\))/;
const SIGNATURE_GAP = /[-—–~]\s*$/u;
// `Ashley & Brian`, `Mason (8) and Ella (6)`, `Ana y Luis`.
const COORDINATION_GAP = /^(?:\s?\(\d{1,3}\))?(?:\s*[&+/]\s*|\s+(?:and|y|e)\s+)$/u;
const LIST_GAP = /^(?:\s?\(\d{1,3}\))?,\s*$/;
const DIGIT = /\d/;
const PLACE_PREFIX_GAP = /^[./:]{0,2}[ \t]+$/;
const STATE_ZIP = /^,?\s+\p{Lu}{2}\s+\d{5}/u;

/** Names of individuals in the normalized text. */
export function findNames(text: string, tokens: readonly Token[]): DetectedSpan[] {
  const lang = guessLanguage(tokens);
  const roles = tokens.map((t) => roleOf(t, lang));
  const runs = buildRuns(text, tokens, roles);
  const candidates = runs.map((run) => score(text, tokens, run, lang));
  linkCoordinated(text, tokens, candidates);
  acceptRepeated(tokens, candidates);
  return candidates
    .filter((c) => c.confidence >= MIN_CONFIDENCE)
    .map((c) => ({ type: 'person', start: c.start, end: c.end, confidence: c.confidence, rule: `person.${c.rule}`, subtype: 'name' }));
}

function roleOf(t: Token, lang: PostLanguage): Role {
  switch (t.shape) {
    case 'initial':
      return 'initial';
    case 'lower':
      if (is(t, W.PARTICLE)) return 'particle';
      if (isPersonNoun(t)) return 'noun';
      return is(t, W.PLACE_PREFIX) ? 'place' : 'other';
    case 'cap':
      if (isPersonNoun(t)) return 'noun';
      if (isStopword(t, lang) || is(t, W.GREETING | W.CUE)) return 'stop';
      if (is(t, W.PLACE_PREFIX | W.PLACE_SUFFIX)) return 'place';
      if (is(t, W.PLACE) && !isKnownName(t)) return 'stop';
      return 'name';
    default:
      return 'other';
  }
}

function buildRuns(text: string, tokens: readonly Token[], roles: readonly Role[]): Run[] {
  const runs: Run[] = [];
  let current: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const role = roles[i];
    const prevIndex = current[current.length - 1];
    if (prevIndex !== undefined) {
      const prev = tokens[prevIndex] as Token;
      const joined = prev.nameEnd === prev.end && joinedBySpaces(text, prev, t);
      const next = tokens[i + 1];
      const nameFollows = next !== undefined && roles[i + 1] === 'name' && joinedBySpaces(text, t, next);
      const continues =
        joined &&
        (role === 'name' ||
          role === 'initial' ||
          role === 'particle' ||
          (t.shape === 'cap' &&
            // `De La Cruz`; `del Río`, `de la Torre`; `Daniel Pastor Zuazaga`, `Jimmy Dean`.
            (is(t, W.PARTICLE) ||
              (role === 'place' && isParticleAt(tokens, prevIndex) && isKnownName(t)) ||
              (role === 'noun' && ((nameFollows && isKnownName(prev)) || isKnownName(t))))));
      if (continues) {
        current.push(i);
        continue;
      }
      closeRun(tokens, current, joined && role === 'place' && t.shape === 'cap', runs);
      current = [];
    }
    if (role === 'name' || role === 'initial') current.push(i);
  }
  closeRun(tokens, current, false, runs);
  return runs;
}

function isParticleAt(tokens: readonly Token[], i: number | undefined): boolean {
  return is(tokens[i ?? -1], W.PARTICLE);
}

/** Ends the run being built: the name part of it, without trailing particles, if any is left. */
function closeRun(tokens: readonly Token[], current: readonly number[], placeAfter: boolean, runs: Run[]): void {
  const run = current.slice(0, endOfName(tokens, current));
  while (run.length > 0 && isParticleAt(tokens, run[run.length - 1])) run.pop();
  if (run.length > 0) runs.push({ tokens: run, placeAfter: placeAfter && run.length === current.length });
}

/**
 * How many tokens of a run belong to the name: it stops before an undotted single letter at the end
 * (`… Barrientos C/ …`) and before lower-case particles followed by a word that is no name (`… Servei de Patologia`).
 */
function endOfName(tokens: readonly Token[], run: readonly number[]): number {
  let end = run.length;
  const lastToken = tokens[run[end - 1] ?? -1];
  // An initial's token holds its dot, so a one-unit initial has none.
  if (end > 1 && lastToken?.shape === 'initial' && lastToken.end === lastToken.start + 1) end--;
  for (let k = 1; k < end; k++) {
    const t = tokens[run[k] as number] as Token;
    const before = tokens[run[k - 1] as number] as Token;
    const afterParticle = before.shape === 'lower' && is(before, W.PARTICLE) && !is(t, W.PARTICLE);
    if (afterParticle && !isKnownName(t) && !hasSurnameEnding(t.key)) {
      end = k - 1;
      while (end > 0 && is(tokens[run[end - 1] as number], W.PARTICLE)) end--;
      break;
    }
  }
  return end;
}

function score(text: string, tokens: readonly Token[], run: Run, lang: PostLanguage): Candidate {
  const firstIndex = run.tokens[0] as number;
  const lastIndex = run.tokens[run.tokens.length - 1] as number;
  const first = tokens[firstIndex] as Token;
  const last = tokens[lastIndex] as Token;
  const names = run.tokens.filter((i) => tokens[i]?.shape !== 'lower');
  const candidate: Candidate = { run, start: first.start, end: last.nameEnd, confidence: 0, rule: 'given-name' };
  if (afterPlacePrefix(text, tokens, firstIndex) || inAddress(text, tokens, firstIndex, last)) return candidate;

  const cue = cueBefore(text, tokens, firstIndex, lang);
  let confidence = names.length === 1 ? singleWordScore(first, lang) : fullNameScore(text, tokens, names, lang);
  let rule = candidate.rule;
  if (names.length === 1 && first.shape === 'initial') confidence = 0;
  else if (cue.strength === 'strong') {
    // After a label (`Paciente: Varón de 69 años`) a lone unknown word is as likely a common word.
    const labelled =
      cue.rule !== 'cue' && names.length === 1 && !isKnownName(first) && afterColon(text, first.start);
    confidence = labelled ? 0.45 : Math.max(confidence + 0.1, 0.9);
    rule = cue.rule;
  } else {
    confidence += weakEvidence(text, tokens, run, cue);
    // `from Aurora`, `en Pilsen`; but `at Jessica's house`: places seldom take a possessive.
    const locative = is(tokens[firstIndex - 1], W.LOCATIVE) && last.nameEnd === last.end;
    if (locative && (names.length === 1 || !isGivenName(first))) confidence -= 0.25;
  }
  if (names.length > MAX_NAME_WORDS) confidence = Math.min(confidence, 0.4);
  if (run.placeAfter) {
    // `real name Olivia Park`, `Francisco Villa` are people; `Grant Park`, `Franklin Elementary` are places.
    const next = tokens[lastIndex + 1] as Token;
    const surnameTail = is(next, W.SURNAME) && isGivenName(first) && !isWordLikeName(first, lang);
    // A word that starts another place (`… García Hospital Universitario`) is not part of the name.
    const afterNext = tokens[lastIndex + 2];
    const startsPlace =
      is(next, W.PLACE_PREFIX) && afterNext !== undefined && PLACE_PREFIX_GAP.test(text.slice(next.end, afterNext.start));
    if (!startsPlace && (cue.strength === 'strong' || surnameTail)) candidate.end = next.nameEnd;
    else if (!startsPlace) confidence = 0;
  }
  candidate.confidence = Math.min(confidence, 0.95);
  candidate.rule = confidence > 0 && rule === 'given-name' && !isGivenName(first) ? 'shape' : rule;
  return candidate;
}

/** The last character before `start`, spaces aside, is a colon. */
function afterColon(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return text[i] === ':';
}

function singleWordScore(t: Token, lang: PostLanguage): number {
  if (isGivenName(t)) return isWordLikeName(t, lang) ? 0.35 : 0.6;
  return is(t, W.SURNAME) ? 0.35 : 0.25;
}

function fullNameScore(text: string, tokens: readonly Token[], names: readonly number[], lang: PostLanguage): number {
  const first = tokens[names[0] as number] as Token;
  const last = tokens[names[names.length - 1] as number] as Token;
  const lastLooksLikeSurname = (is(last, W.SURNAME) || hasSurnameEnding(last.key)) && !is(last, W.PLACE);
  if (isGivenName(first)) {
    if (!isWordLikeName(first, lang) || !first.sentenceStart) return 0.85;
    return lastLooksLikeSurname || isGivenName(last) ? 0.8 : 0.6;
  }
  // `B. Harlan`, `J. Friesen`; not `vitamina D. Niega …`.
  if (first.shape === 'initial') return isKnownName(last) ? 0.75 : 0.3;
  const middleInitial = names.slice(1, -1).some((i) => tokens[i]?.shape === 'initial' && text[(tokens[i] as Token).end - 1] === '.');
  if (middleInitial) return 0.7;
  // `Sölvi Salómonsson`; but not `Altos de Nava`, `Valle de Bravo`.
  const particle = (names[names.length - 1] as number) - (names[0] as number) + 1 > names.length;
  if (lastLooksLikeSurname) return is(first, W.SURNAME) || particle ? 0.45 : 0.6;
  return 0.3;
}

/** Evidence short of a cue: a greeting, an age, a possessive relation, a sign-off. */
function weakEvidence(text: string, tokens: readonly Token[], run: Run, cue: Cue): number {
  const firstIndex = run.tokens[0] as number;
  const lastIndex = run.tokens[run.tokens.length - 1] as number;
  const last = tokens[lastIndex] as Token;
  const next = tokens[lastIndex + 1];
  let evidence = cue.strength === 'weak' ? 0.15 : 0;
  if (AGE_AFTER.test(text.slice(last.nameEnd, last.nameEnd + 6))) evidence += 0.15;
  if (is(next, W.RELATION)) {
    // "the Salazar kids", "Craig Dunn's wife".
    const determiner = is(tokens[firstIndex - 1], W.DETERMINER);
    if (determiner || last.nameEnd < last.end) evidence += determiner ? 0.4 : 0.15;
  }
  if (next === undefined && SIGNATURE_GAP.test(text.slice(tokens[firstIndex - 1]?.end ?? 0, tokens[firstIndex]?.start ?? 0))) {
    evidence += 0.2;
  }
  return evidence;
}

/** A street after its house number, or a city after the street or before its state and ZIP code. */
function inAddress(text: string, tokens: readonly Token[], firstIndex: number, last: Token): boolean {
  const prev = tokens[firstIndex - 1];
  const first = tokens[firstIndex] as Token;
  if (prev !== undefined) {
    const gap = text.slice(prev.end, first.start);
    if (DIGIT.test(prev.lower) && joinedBySpaces(text, prev, first)) return true;
    const street = tokens[firstIndex - 2];
    const afterStreet = joinedBySpaces(text, street, prev) && street.shape !== 'lower';
    if (is(prev, W.PLACE_SUFFIX) && afterStreet && gap.startsWith(',')) return true;
  }
  return STATE_ZIP.test(text.slice(last.nameEnd, last.nameEnd + 12));
}

/**
 * `Calle Hidalgo`, `colonia Juárez`, `Av. Juárez`, `C/ Alcalá`, `Calle de Pablo Picasso`,
 * `Avda. Doctor Olóriz`, `Domicilio: Ronda …`: part of a place name or an address.
 */
function afterPlacePrefix(text: string, tokens: readonly Token[], firstIndex: number): boolean {
  let j = firstIndex - 1;
  for (;;) {
    const prev = tokens[j];
    const after = tokens[j + 1] as Token;
    if (prev === undefined || !PLACE_PREFIX_GAP.test(text.slice(prev.end, after.start))) return false;
    if (is(prev, W.PLACE_PREFIX)) return true;
    // Particles, titles and place words inside the place name: `Hospital Universitario Doctor Peset`.
    const insideName = is(prev, W.PARTICLE) || (prev.shape === 'cap' && is(prev, W.TITLE | W.PLACE_SUFFIX));
    if (!insideName) return false;
    j--;
  }
}

/** A name joined to an accepted one (`the kids Ashley & Brian`) shares its evidence. */
function linkCoordinated(text: string, tokens: readonly Token[], candidates: Candidate[]): void {
  for (let k = 1; k < candidates.length; k++) {
    const prev = candidates[k - 1] as Candidate;
    const c = candidates[k] as Candidate;
    if (prev.confidence < MIN_CONFIDENCE || c.confidence === 0) continue;
    const gap = text.slice(prev.end, c.start);
    const first = tokens[c.run.tokens[0] as number] as Token;
    // `at Cesar Chavez & Soto`, `en Insurgentes y Sonora`: a street corner, not two people.
    const corner = is(tokens[(prev.run.tokens[0] as number) - 1], W.CORNER);
    if (corner && COORDINATION_GAP.test(gap)) {
      prev.confidence = 0;
      c.confidence = 0;
    } else if (c.confidence < MIN_CONFIDENCE && (COORDINATION_GAP.test(gap) || (LIST_GAP.test(gap) && isGivenName(first)))) {
      c.confidence = Math.min(prev.confidence, 0.8);
      c.rule = 'coordinated';
    }
  }
}

/** A word of a confidently found name, met again on its own (`… Brian Hollis … coming for you Brian`). */
function acceptRepeated(tokens: readonly Token[], candidates: Candidate[]): void {
  const known = new Set<string>();
  for (const c of candidates) {
    if (c.confidence < 0.75) continue;
    for (const i of c.run.tokens) {
      const t = tokens[i];
      if (t?.shape === 'cap' && !is(t, W.PLACE)) known.add(t.key);
    }
  }
  if (known.size === 0) return;
  for (const c of candidates) {
    if (c.confidence >= MIN_CONFIDENCE || c.confidence === 0) continue;
    if (c.run.tokens.every((i) => tokens[i]?.shape !== 'cap' || known.has(tokens[i]?.key ?? ''))) {
      // Only a word already seen as a name: `Brian` after `Brian Hollis`.
      c.confidence = 0.8;
      c.rule = 'repeated';
    }
  }
}
