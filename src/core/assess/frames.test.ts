import { describe, expect, it } from 'vitest';
import { normalize } from '../normalize/normalize.js';
import type { Language } from '../types.js';
import { createAssessInput } from './input.js';
import type { FrameKind } from './frames.js';

const frames = (text: string, language: Language = 'en') => {
  return createAssessInput(normalize(text), [], language).frames();
};
const kinds = (text: string, language: Language = 'en'): FrameKind[] => [...new Set(frames(text, language).map((f) => f.kind))];

describe('detectFrames', () => {
  it('finds reporting frames in both languages', () => {
    expect(kinds('A man was charged with threatening a judge, prosecutors said.')).toContain('reporting');
    expect(kinds('Detienen a un hombre por amenazas, informó la policía.', 'es')).toContain('reporting');
  });

  it('finds counter-speech', () => {
    expect(kinds('That post is disgusting. Reported.')).toContain('counter_speech');
    expect(kinds('Ya los reporté. Así no.', 'es')).toContain('counter_speech');
  });

  it('finds fiction, games and sports, history and hyperbole', () => {
    expect(kinds('Chapter 12 excerpt from my thriller')).toContain('fiction');
    expect(kinds('INT. WAREHOUSE - NIGHT')).toContain('fiction');
    expect(kinds('Letra de la canción nueva', 'es')).toContain('fiction');
    expect(kinds('1v1 me in Smash, no items')).toContain('game_sport');
    expect(kinds('el árbitro nos robó el partido', 'es')).toContain('game_sport');
    expect(kinds('In 1880 the governor offered a reward')).toContain('history');
    expect(kinds('the gangland killings of the 1920s')).toContain('history');
    expect(kinds('me muero de risa jajaja', 'es')).toContain('hyperbole');
  });

  it('does not take an interior number for a screenplay heading', () => {
    expect(kinds('Calle Colón 418 int 3, Monterrey', 'es')).not.toContain('fiction');
  });

  it('lets a negation undo a game or joke frame', () => {
    expect(kinds("I'm going to hurt you. not in game. IRL.")).not.toContain('game_sport');
    expect(kinds('no es broma, te lo juro', 'es')).not.toContain('hyperbole');
  });

  it('gives quotations as the quoted words, only when the post has words of its own', () => {
    const text = 'Someone wrote "we know where you live" under my post and I reported it.';
    const quoted = frames(text).filter((f) => f.kind === 'quotation');
    expect(quoted.map((q) => text.slice(q.start, q.end))).toEqual(['we know where you live']);
    expect(frames('"we know where you live"').filter((f) => f.kind === 'quotation')).toEqual([]);
  });

  it('takes single quotes but not apostrophes', () => {
    const text = "He told me 'I'm going to find you' and I called 911.";
    const quoted = frames(text).filter((f) => f.kind === 'quotation');
    expect(quoted.map((q) => text.slice(q.start, q.end))).toEqual(["I'm going to find you"]);
    expect(frames("I'm sure it's fine, don't worry about it").filter((f) => f.kind === 'quotation')).toEqual([]);
  });

  it('finds nothing in an everyday post', () => {
    expect(frames('Tacos al pastor 2x1 hoy en la esquina de Hidalgo', 'es')).toEqual([]);
  });
});
