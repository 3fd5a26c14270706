import { describe, expect, it } from 'vitest';
import { normalize } from '../../normalize/normalize.js';
import type { Language } from '../../types.js';
import { createAssessInput } from '../input.js';
import type { AssessInput } from '../signals.js';
import { scoreThreat } from './threat.js';

const input = (text: string, language: Language): AssessInput => {
  return createAssessInput(normalize(text), [], language);
};
const score = (text: string, language: Language = 'en'): number => scoreThreat(input(text, language)).score;
const signals = (text: string, language: Language = 'en'): string[] => scoreThreat(input(text, language)).hits.map((h) => h.signal);

const expectThreat = (texts: readonly string[], language: Language): void => {
  for (const text of texts) expect(score(text, language), text).toBeGreaterThanOrEqual(0.5);
};
const expectNoThreat = (texts: readonly string[], language: Language): void => {
  for (const text of texts) expect(score(text, language), text).toBeLessThan(0.5);
};

describe('threat: direct', () => {
  it('first-person intent in English', () => {
    expectThreat(
      [
        "I'm going to shoot you",
        'im gonna stab you next time I see you',
        'I will break every bone in your hands',
        "we're coming to burn you out tonight",
        'I really am just going to murder that man',
        'I want to kill all of them',
        "Don't think I won't hurt you",
        "I'm running you over next time, that's a promise",
      ],
      'en',
    );
  });

  it('first-person intent in Spanish, with clitics and future tense', () => {
    expectThreat(
      [
        'te voy a matar',
        'lo vamos a quebrar en cuanto salga',
        'le voy a romper la madre afuera del juzgado',
        'te voy a dar un balazo',
        'Masacraré a cualquiera como tú',
        'Les cortaré el cuello a todos',
        'aquí te quiebro si te vuelvo a ver',
        'si siguen aquí los sacamos a golpes',
      ],
      'es',
    );
  });
});

describe('threat: conditional and veiled', () => {
  it('foretold outcomes and warnings', () => {
    expectThreat(
      [
        "show up at the march again and you won't walk home",
        'we know where your kids go to school. Would be a shame if something happened to them',
        'count your days',
        'keep writing, and see what happens. accidents happen to nosy people',
        "you're dead, snitch",
      ],
      'en',
    );
    expectThreat(['sabemos dónde vives', 'sigue publicando y vas a aparecer en una bolsa', 'si vuelve al barrio lo sacamos en ambulancia'], 'es');
  });
});

describe('threat: incitement, wishes and rewards', () => {
  it('calls on others in English', () => {
    expectThreat(
      [
        'someone should put a bullet in him',
        'those lawyers should be lined up and shot',
        'Just floor it, folks. Run them down.',
        'Those kinds of people deserve to die',
        'I wish all of them would be shot in the street',
        'Death to all landlords',
        '50k to whoever takes out Judge Moreland',
        '$1000 to whoever jumps him and puts him in the ER',
      ],
      'en',
    );
  });

  it('calls on others in Spanish: hay que, que alguien, imperatives, al que', () => {
    expectThreat(
      [
        'hay que darle piso a ese juez',
        'que alguien le meta un balazo',
        'denles una madriza entre todos',
        'rómpanle la madre a ese soplón',
        'échenselo, ya saben dónde vive',
        'Eliminemos a los de enfrente de una vez',
        'pago 20 mil al que le rompa las piernas',
        'Deberían quemarlos a todos en la hoguera',
      ],
      'es',
    );
  });
});

describe('threat: obfuscated', () => {
  it('reads through invisible characters, look-alikes and digits for letters', () => {
    expectThreat(['I will ki\u200Bll you', 'I will sh\u043E\u043Et you tomorrow', 'i w1ll k1ll you'], 'en');
    expectThreat(['te voy a m4tar'], 'es');
  });
});

describe('threat: hard negatives', () => {
  it('news and court reporting', () => {
    expectNoThreat(
      [
        'A man was charged Tuesday with threatening to kill a local journalist, prosecutors said. The messages included "I will find you and I will end you."',
        'Court records show the defendant texted "ur dead" to the attorney 47 times.',
        'Police say a man threatened to shoot his neighbor; he was arrested Sunday.',
      ],
      'en',
    );
    expectNoThreat(['Detienen a un hombre por amenazar de muerte a un agente, informó la policía.', 'Según la denuncia, el mensaje decía: "sabemos dónde vives".'], 'es');
  });

  it('counter-speech quoting a threat', () => {
    expectNoThreat(
      [
        'Someone just posted "someone should shoot that lawyer" and it has 2k likes. Reported.',
        'Threatening to kill all immigrants will get you thrown in jail.',
        "He told me 'I'm going to kill you' and I called 911.",
      ],
      'en',
    );
    expectNoThreat(['A los que escriben "hay que colgar al regidor": así no.', 'Qué asco los que andan pidiendo "darle piso" a la periodista.'], 'es');
  });

  it('hyperbole and idioms', () => {
    expectNoThreat(
      ['this exam is killing me', 'My mom is going to kill me when she sees my report card', "I'd kill for a taco", "I'm gonna kill it at my audition", 'Going to shoot some hoops at 5'],
      'en',
    );
    expectNoThreat(['me muero de risa', 'mi mamá me va a matar cuando vea el recibo', 'hay que matar el tiempo'], 'es');
  });

  it('games, sports, fiction and history', () => {
    expectNoThreat(
      [
        'bro I will END you in Smash. final destination, no items',
        "I'm going to kill you in Warzone tonight",
        'Chapter 12 excerpt: "I know where you sleep."',
        'In 1865 John Wilkes Booth shot Lincoln at the theatre.',
      ],
      'en',
    );
    expectNoThreat(['te voy a matar en el FIFA, prepárate', 'Letra de la canción: "te voy a matar de amor"'], 'es');
  });

  it('negated violence and violence against things', () => {
    expectNoThreat(['I would never hurt anyone', 'No one deserves to die like that', 'We should hang the new curtains', 'We need to eliminate the backlog'], 'en');
    expectNoThreat(['Ningún periodista merece morir', 'Deberíamos colgar todas estas fotos'], 'es');
  });

  it('a serious statement undoes a game frame', () => {
    expect(score("I know what you look like now. I'm going to hurt you bad. not in game. IRL.")).toBeGreaterThanOrEqual(0.5);
  });
});

describe('threat: viewpoint neutrality', () => {
  it('gives the same score whoever the target is', () => {
    const roles = ['ICE agent', 'immigration lawyer', 'protester', 'police officer', 'judge', 'reporter', 'neighbor', 'immigrant'];
    const templates = [
      'someone should put a bullet in that {} from the video',
      'To the {} who keeps showing up: come back one more time and you will not leave on your own feet.',
      '$5,000 cash to whoever puts that {} in the hospital',
      'Reported. Nobody deserves to have their address posted, not even a {}.',
    ];
    for (const template of templates) {
      const scores = new Set(roles.map((r) => score(template.replace('{}', r)).toFixed(3)));
      expect(scores.size, template).toBe(1);
    }
    const rolesEs = ['agente', 'periodista', 'migrante', 'policía', 'activista'];
    const scoresEs = new Set(rolesEs.map((r) => score(`Si el ${r} Ortega vuelve a pisar este barrio, lo sacamos en ambulancia.`, 'es').toFixed(3)));
    expect(scoresEs.size).toBe(1);
  });
});

describe('threat: evidence', () => {
  it('explains with signals at the offsets of the words', () => {
    const text = 'Hey Councilman, I am going to find you and put you in the ground.';
    const { hits } = scoreThreat(input(text, 'en'));
    const intent = hits.find((h) => h.signal === 'threat.intent');
    expect(intent).toBeDefined();
    expect(text.slice(intent?.start, intent?.end)).toContain('put you in the ground');
    expect(signals('this exam is killing me')).not.toContain('threat.intent');
  });

  it('marks frames as signals against', () => {
    expect(signals("I'm going to kill you in Warzone tonight")).toContain('threat.frame-game-sport');
    expect(signals('Someone posted "I will shoot you" — reported.')).toContain('threat.quoted-violence');
  });

  it('stays linear on a long adversarial post', () => {
    const started = performance.now();
    scoreThreat(input('i will kill you "someone should" según '.repeat(800), 'en'));
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('scores a post without violent words at the bias', () => {
    const { score: s, hits } = scoreThreat(input('see you at the taco place at 7', 'en'));
    expect(hits).toEqual([]);
    expect(s).toBeLessThan(0.1);
  });
});
