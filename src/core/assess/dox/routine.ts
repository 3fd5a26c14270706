import { firstPhrase, phrasesOf, sentenceAt, type DoxContext } from './context.js';
import type { Disclosure } from './disclosure.js';
import type { Span } from './tokens.js';

/** Clock times: "5am", "7:30", "~8am", "a las 6", "at 7:50", "6 pm", "around 11" (digits of findings are masked). */
const CLOCK = /(?<![\p{L}\p{N}])(?:\d{1,2}(?::\d{2})?\s?(?:[ap]\.?m\.?|hrs?)(?!\p{L})|\d{1,2}:\d{2}|(?:a las|at|around|como a las|~)\s?\d{1,2}(?!\d))/gu;
const DIGIT = /\d/;
/** What may join two weekdays into a weekly habit: "martes y jueves", "Tue/Thu", "lunes a viernes". */
const DAY_JOINERS: ReadonlySet<string> = new Set(['y', 'and', '&', '/', '-', ',', 'a']);

/**
 * A routine alone is at the decision boundary's edge: opening hours of a shop read the same.
 * Leaving or coming back home ("sale de su casa a las 6") makes it private.
 */
const HOME_ANCHOR = 0.5;
const ROUTINE_BEFORE = 40;
const ROUTINE_AFTER = 70;

/**
 * A daily routine of the person (POLICY §1): a movement (leaves, parks, picks up, sale,
 * recoge, se estaciona) with a clock time or a habit ("every weekday", "todos los días",
 * "martes y jueves"). Only called when the post is about a specific third person; the verbs
 * are third-person forms, so "I leave at 5" or "salimos a las 10" never count.
 */
export function findRoutine(ctx: DoxContext): Disclosure[] {
  const verbs = phrasesOf(ctx, 'routineVerb');
  if (verbs.length === 0) return [];
  const clocks = clockTimes(ctx.masked);
  const habits = [...phrasesOf(ctx, 'habitual'), ...dayPairs(ctx)];
  const out: Disclosure[] = [];
  for (const verb of verbs) {
    const sentence = sentenceAt(ctx, verb.start);
    const from = Math.max(sentence.start, verb.start - ROUTINE_BEFORE);
    const to = Math.min(sentence.end, verb.end + ROUTINE_AFTER);
    const clock = clocks.find((c) => c.start >= from && c.end <= to);
    const habit = habits.find((h) => h.start >= from && h.end <= to);
    if (clock === undefined && habit === undefined) continue;
    const home = firstPhrase(ctx, 'homeNoun', from, to);
    out.push({
      kind: 'routine',
      signal: 'dox.routine',
      weight: (clock !== undefined && habit !== undefined ? 2.5 : 2) + (home !== undefined ? HOME_ANCHOR : 0),
      start: verb.start,
      end: Math.max(verb.end, clock?.end ?? 0, habit?.end ?? 0),
      reason: habit === undefined ? 'when the person comes and goes' : 'daily routine of the person',
    });
  }
  return out;
}

function clockTimes(masked: string): Span[] {
  if (!DIGIT.test(masked)) return [];
  const out: Span[] = [];
  CLOCK.lastIndex = 0;
  for (let m = CLOCK.exec(masked); m !== null; m = CLOCK.exec(masked)) out.push({ start: m.index, end: m.index + m[0].length });
  CLOCK.lastIndex = 0;
  return out;
}

function dayPairs(ctx: DoxContext): Span[] {
  const days = phrasesOf(ctx, 'weekday');
  const out: Span[] = [];
  for (let i = 0; i + 1 < days.length; i++) {
    const a = days[i];
    const b = days[i + 1];
    if (a === undefined || b === undefined || b.first - a.last > 2) continue;
    const between = ctx.tokens.slice(a.last, b.first).filter((t) => t.text !== '.');
    if (between.length === 1 && DAY_JOINERS.has(between[0]?.text ?? '')) out.push({ start: a.start, end: b.end });
  }
  return out;
}

/** Where someone is right now weighs just under a disclosure on its own: an official on duty is public activity. */
const LIVE_WEIGHT = 2.5;

/** Live whereabouts: "RIGHT NOW … is at the Food4Less", "ahorita está en …" in a sentence about a named person. */
export function findWhereabouts(ctx: DoxContext, named: readonly Span[]): Disclosure[] {
  const out: Disclosure[] = [];
  for (const marker of phrasesOf(ctx, 'live')) {
    const sentence = sentenceAt(ctx, marker.start);
    const at = firstPhrase(ctx, 'presence', sentence.start, sentence.end);
    if (at === undefined || !named.some((m) => m.start >= sentence.start && m.start < at.start)) continue;
    out.push({ kind: 'whereabouts', signal: 'dox.live-whereabouts', weight: LIVE_WEIGHT, start: Math.min(marker.start, at.start), end: Math.max(marker.end, at.end), reason: 'where the person is right now' });
  }
  return out;
}
