import firstPersonGovernors from '../../lexicon/threat-first-person-governors.json' with { type: 'json' };
import likeObjects from '../../lexicon/threat-like-objects.json' with { type: 'json' };
import nonTargets from '../../lexicon/threat-non-targets.json' with { type: 'json' };
import passiveSubjects from '../../lexicon/threat-passive-subjects.json' with { type: 'json' };
import self from '../../lexicon/threat-self.json' with { type: 'json' };
import spanishAuxiliaries from '../../lexicon/threat-spanish-auxiliaries.json' with { type: 'json' };
import { wordSet } from './token-patterns.js';
import type { Token } from './tokens.js';
import type { HarmMention } from './harm.js';
import { BODY_PARTS, CLITICS, TARGET_WORDS } from './vocabulary.js';

/**
 * Who the violence is aimed at, read from grammar only — pronouns, Spanish clitics and personal
 * `a`, body parts, names (capitalized words, @handles) and general words for people — never
 * from who the person is: a role or a group never counts for or against.
 */
export type Target = 'person' | 'self' | 'none';

const NON_TARGETS = wordSet(nonTargets);
const SELF = wordSet(self);
/** Spanish auxiliaries between a proclitic and its verb: te VOY A matar, lo QUIERO matar. */
const SPANISH_AUXILIARIES = wordSet(spanishAuxiliaries);
const PERSONAL_A = new Set(['a', 'al']);
/** English subjects of a passive (they should be shot) — the target stands before the verb. */
const PASSIVE_SUBJECTS = wordSet(passiveSubjects);
const LIKE = new Set(['like', 'como']);
const LIKE_OBJECTS = wordSet(likeObjects);
const AFTER_REACH = 5;
const PASSIVE_REACH = 8;

export function targetOf(m: HarmMention, tokens: readonly Token[]): Target {
  const head = tokens[m.head];
  if (head === undefined) return 'none';
  const spanish = m.forms.some((f) => f.lang === 'es');
  // me / nos as the object (ME va a matar) makes the author the one harmed; with a governing verb
  // in the same person (deberíamos deshacerNOS de) it is reflexive instead. A person named after wins.
  let selfObject = false;
  if (spanish) {
    const attached = cliticTarget(m.forms.map((f) => f.enclitic).filter((c) => c !== ''));
    if (attached === 'person') return attached;
    const before = proclitic(tokens, m.head);
    if (before === 'person') return before;
    selfObject = (attached === 'self' || before === 'self') && !agreesWithSubject(tokens, m.head);
  }

  const sentence = head.sentence;
  const lastClause = tokens[m.last - 1]?.clause;
  for (let k = m.head + 1; k < Math.min(tokens.length, m.last + AFTER_REACH); k++) {
    const t = tokens[k];
    if (t === undefined || (k >= m.last && t.clause !== lastClause)) break;
    if (k === m.head + 1 && NON_TARGETS.has(t.text)) return SELF.has(t.text) ? 'self' : 'none';
    if (TARGET_WORDS.has(t.text) || BODY_PARTS.has(t.text) || t.text.startsWith('@')) return 'person';
    if (t.capitalized && t.text !== 'i' && k <= m.last + 2) return 'person';
    if (spanish && PERSONAL_A.has(t.text) && k <= m.last + 3 && !isVerbLike(tokens[k + 1])) return 'person';
    if (LIKE.has(t.text) && LIKE_OBJECTS.has(tokens[k + 1]?.text ?? '')) return 'person';
  }

  if (m.forms.some((f) => f.mood === 'part')) {
    for (let k = m.first - 1; k >= Math.max(0, m.first - PASSIVE_REACH); k--) {
      const t = tokens[k];
      if (t === undefined || t.sentence !== sentence) break;
      if (PASSIVE_SUBJECTS.has(t.text) || TARGET_WORDS.has(t.text) || (t.capitalized && k > 0 && tokens[k - 1]?.sentence === sentence)) return 'person';
    }
  }
  return selfObject ? 'self' : 'none';
}

/** Target told by pronouns attached to the verb: matarLO → person, matarME → self. */
function cliticTarget(enclitics: readonly string[]): Target {
  if (enclitics.length === 0) return 'none';
  if (enclitics.some((c) => [...CLITICS].some((p) => c.endsWith(p)) && !c.endsWith('nos'))) return 'person';
  if (enclitics.some((c) => c === 'me' || c === 'nos')) return 'self';
  return 'none';
}

/** A pronoun before the verb or its auxiliaries: TE voy a matar, LO sacamos, ME va a matar. */
function proclitic(tokens: readonly Token[], head: number): Target {
  const clause = tokens[head]?.clause;
  for (let k = head - 1; k >= Math.max(0, head - 4); k--) {
    const t = tokens[k];
    if (t === undefined || t.clause !== clause) return 'none';
    if (CLITICS.has(t.text)) return 'person';
    if (t.text === 'me' || t.text === 'nos') return 'self';
    if (!SPANISH_AUXILIARIES.has(t.text)) return 'none';
  }
  return 'none';
}

/** Spanish verbs before the clitic that have the clitic's own person (DEBERÍAMOS deshacerNOS, VOY a matarME). */
const FIRST_PERSON_GOVERNORS = wordSet(firstPersonGovernors);

/**
 * me / nos naming the subject's own self (a reflexive verb: deshacerse de, echarse a) rather
 * than a victim: the governing verb before it is in the first person too.
 */
function agreesWithSubject(tokens: readonly Token[], head: number): boolean {
  const clause = tokens[head]?.clause;
  for (let k = head - 1; k >= Math.max(0, head - 4); k--) {
    const t = tokens[k];
    if (t === undefined || t.clause !== clause) return false;
    if (FIRST_PERSON_GOVERNORS.has(t.text)) return true;
  }
  return false;
}

/** `a` before an infinitive is a preposition of purpose, not the personal `a`. */
const isVerbLike = (t: Token | undefined): boolean => t !== undefined && (t.text.endsWith('ar') || t.text.endsWith('er') || t.text.endsWith('ir'));
