import { describe, expect, it } from 'vitest';
import { normalize } from '../../normalize/normalize.js';
import { createAssessInput } from '../input.js';
import type { AssessInput } from '../signals.js';
import { scoreBounty, type BountyScore } from './bounty.js';
import { compilePhrases, findPhrases, WordIndex } from './phrases.js';
import { findRewardCues } from './reward.js';

function inputOf(text: string): AssessInput {
  return createAssessInput(normalize(text), [], 'en');
}

const score = (text: string): BountyScore => scoreBounty(inputOf(text));
const flagged = (text: string): boolean => score(text).score >= 0.5;
const signals = (text: string): string[] => score(text).hits.map((h) => h.signal);

describe('bounty for harm', () => {
  it.each([
    '$2,500 to whoever smashes that reporter’s face in on live TV',
    'Offering $300 and a case of beer to whoever jumps the neighbor and puts him in the ER',
    '50k to whoever takes out Judge Moreland. serious.',
    'first person to swing on KaiPlays at the con gets 1k in btc',
    "I'll give $500 to the first person who knocks out the bullhorn girl. venmo ready",
    'paying 2 grand to anyone who breaks Officer Kohl’s legs. video proof required',
    'Will pay whoever makes Councilman Rourke disappear for good. Name your price.',
    '10k to whoever makes her stop breathing.',
    "There's a $10k bounty on his head. you know what to do",
    '$$$ for whoever makes the councilwoman disappear. dm',
  ])('flags %s as harm', (text) => {
    const s = score(text);
    expect(s.score).toBeGreaterThanOrEqual(0.5);
    expect(s.kind).toBe('harm');
  });

  it.each([
    'le pago 2 mil al que le rompa las piernas al vecino de la casa 14',
    'Le doy 100 mil pesos al que se eche al juez. En serio, manden DM.',
    'ofrezco lana al que le dé una golpiza al licenciado, cotícenme por DM 💸',
    'Hay recompensa de 50 mil pesos para quien se chingue al vecino. Pregunten por mí.',
    '5 mil dólares al que le parta la madre al policía del video',
    '50 mil pesos al que le dé piso.',
    'Te pago 3 mil si le partes la cara al vecino',
    'pago 10 mil al primero que le dé un balazo a ese abogado',
    'denle piso al regidor y les doy 20 mil',
    'quiero ver al juez en el hospital, 20 mil al que lo haga',
  ])('handles Spanish forms and clitics: %s', (text) => {
    const s = score(text);
    expect(s.score).toBeGreaterThanOrEqual(0.5);
    expect(s.kind).toBe('harm');
  });

  it('reads obfuscated offers after normalization', () => {
    expect(flagged('pay1ng $5k to wh0ever k1lls him')).toBe(true);
    expect(flagged('cincuenta mil pesos al que le rompa la cara al juez')).toBe(true);
    expect(flagged('five grand to whoever puts that reporter in the ER')).toBe(true);
  });
});

describe('bounty for information', () => {
  it.each([
    '$5,000 for the home address of Officer Harlan. Serious offers only, DM me.',
    'Paying good money for the real name + address of the masked guy leading the chants. DMs open',
    "giving 10k channel points + $100 to whoever finds ghostvibez's irl address 👀",
    'Who has Officer Kohl’s personal cell? Paying $150 via cashapp, no questions',
    "Anyone have Mayor Whitfield's home address? $500 for it, no questions asked.",
    '$1,000 to whoever can tell me where that Fox reporter lives.',
    "Who knows which school Judge Lowe's kids go to? I'll make it worth your while 💵",
    'paying $200 for the plate number of the gray Tahoe that reporter was driving today',
    "who's got the agent's address? 500 on cashapp",
  ])('flags %s as info', (text) => {
    const s = score(text);
    expect(s.score).toBeGreaterThanOrEqual(0.5);
    expect(s.kind).toBe('info');
  });

  it.each([
    'pago bien por la dirección de ese juez, manden DM',
    'Doy 3 mil pesos a quien me pase las placas de la camioneta del agente',
    'Pago 2 mil pesos a quien me diga dónde vive exactamente.',
    'les doy 200 dólares al que me diga en qué depa viven los que llegaron',
    'quien me pase dónde estaciona su carro el abogado y a qué hora sale, le pago bien',
    '¿Quién tiene el número de la periodista? pago 500 por el personal',
  ])('flags Spanish %s as info', (text) => {
    const s = score(text);
    expect(s.score).toBeGreaterThanOrEqual(0.5);
    expect(s.kind).toBe('info');
  });
});

describe('not a bounty', () => {
  it.each([
    'Crime Stoppers: $1,000 reward for information leading to an arrest in the hit-and-run. Call anonymously 1-800-555-0111.',
    'FBI offering up to $25,000 for info on whoever fired shots at the office. Tips go to tips.fbi.gov only.',
    'La Fiscalía ofrece recompensa de hasta 1 millón de pesos a quien aporte información sobre el homicidio. La denuncia puede ser anónima.',
    'Recompensa de 50 mil pesos por información que ayude a encontrar a Brenda, desaparecida desde el 3 de mayo.',
    'LOST DOG 🐶 last seen near the park Sunday night. $500 REWARD, no questions asked. Call 773-555-0178',
    'Perdí a mi perrito por el parque 🐕💔 doy 300 dólares a quien me lo regrese.',
    "We're launching our bug bounty program! Up to $10,000 for critical vulns.",
    '$250 reward for the return of my stolen bike. Police report filed.',
  ])('legit reward: %s', (text) => {
    expect(flagged(text)).toBe(false);
  });

  it.each([
    'BREAKING: A $50,000 bounty was posted on Telegram for information on the agents involved in the raid, according to DHS.',
    'Detienen en Guadalajara a un hombre acusado de ofrecer 50 mil pesos por atacar a un activista.',
    'Police are investigating after a post offered "$10k for the journalist\'s home address."',
    'Seeing people offer money for the home address of an agent in my replies. No. Stop. Report, don\'t share.',
    'I can\'t stand that lawyer, but a $5k "reward" for hurting him is disgusting. Reported to the FBI.',
    'The indictment quotes a Discord message: "whoever gets the judge\'s plate number gets $500." Two men were charged.',
    'Saw a tweet saying $10k to whoever takes out the judge. Sick.',
  ])('news or counter-speech: %s', (text) => {
    expect(flagged(text)).toBe(false);
  });

  it.each([
    'D&D recap: our rogue put a 1,000 gold bounty on the necromancer and the whole tavern went after him',
    'En la serie la banda le pone precio a la cabeza del detective: 5 millones. Qué capítulo 🔥',
    'History nerd fact: in 1880 the governor offered $500 for the capture of William Bonney.',
    'Put a $500 bounty on my head in Red Dead Online lol, come get me',
    "I'd pay $1000 to see the Bears beat the Packers",
    '$20 to whoever takes out the trash tonight lol',
    '$5 to whoever can tell me the name of this song',
    'Se vende Tsuru 2012, 45 mil pesos, buen estado',
    'a bounty hunter showed up at my cousin’s house looking for him',
  ])('fiction, games, history and everyday money: %s', (text) => {
    expect(flagged(text)).toBe(false);
  });

  it('ignores legit markers that are negated', () => {
    expect(signals('$500 to whoever tells me where the guy lives, do not call the police')).not.toContain('bounty.legit-reward');
  });
});

describe('signals', () => {
  it('needs a purpose: a reward alone stays below the boundary', () => {
    const s = score('Paying $500 cash, DM me');
    expect(s.score).toBeLessThan(0.5);
    expect(s.kind).toBeUndefined();
  });

  it('tells linked purposes from nearby ones', () => {
    expect(signals('$500 for the home address of the judge')).toContain('bounty.info-purpose');
    expect(signals('$500 cash. Nice home address btw')).not.toContain('bounty.info-purpose');
  });

  it('keeps frame words that describe the target inside the offer', () => {
    expect(flagged('1000 bucks to anyone who knocks out that ref after the game')).toBe(true);
    expect(flagged("I'll pay $300 to whoever beats up the guy from the news video")).toBe(true);
  });

  it('needs the harm to fall on a person', () => {
    expect(flagged('Paying $40 to whoever can take out the old carpet in my living room')).toBe(false);
    expect(flagged('Te doy 200 pesos si me ayudas a matar las cucarachas de la cocina jaja')).toBe(false);
    expect(flagged('Smash that like button and I’ll give away $100 to one lucky sub!')).toBe(false);
    expect(flagged('Paying $40 to whoever can take out the guy in the old carpet store')).toBe(true);
  });

  it('reads a price put on a person, and a command followed by the reward', () => {
    expect(score('bounty: $2000 on the guy who filmed us').kind).toBe('harm');
    expect(flagged('bounty: $2000 on the guy who filmed us')).toBe(true);
    expect(flagged('Somebody break that judge’s nose, I’ll send $400 to whoever does it')).toBe(true);
  });

  it('reads recipients, impersonal offers and "X of <person>" information', () => {
    expect(flagged('$400 to anyone willing to rough up the landlord on Cermak, he knows why')).toBe(true);
    expect(flagged("500 dólares pa'l que le tumbe los dientes al vato de la troca roja")).toBe(true);
    expect(flagged('se pagan 15 mil por romperle las piernas al agente que salió en el video')).toBe(true);
    expect(score('Need the name of the nurse who reported us. $200 for it').kind).toBe('info');
    expect(flagged('Anyone know the address of the new dispensary? will pay delivery fee')).toBe(false);
  });

  it('does not take bets, the author’s own details or named events for offers', () => {
    expect(flagged('I bet $20 on the guy in the red corner, he’s gonna knock him out')).toBe(false);
    expect(flagged('I’m selling my bike for $300, pickup at my home address only')).toBe(false);
    expect(flagged('City Council approves $10,000 reward for info in the killing of a local activist')).toBe(false);
  });

  it('attributes English offering verbs to their subject', () => {
    const own = findRewardCues('paying $200 for it', new WordIndex('paying $200 for it'));
    expect(own.cues.some((c) => c.kind === 'offer')).toBe(true);
    const text = 'the fbi is offering $200 for it';
    const theirs = findRewardCues(text, new WordIndex(text));
    expect(theirs.thirdPerson).toHaveLength(1);
    expect(theirs.cues.some((c) => c.kind === 'offer')).toBe(false);
  });

  it('is viewpoint-neutral: the target role does not change the score', () => {
    const roles = ['ICE agent', 'immigration lawyer', 'protester', 'police officer', 'journalist'];
    const scores = roles.map((r) => score(`$5,000 cash to whoever puts that ${r} from the video in the hospital`).score);
    expect(new Set(scores).size).toBe(1);
    expect(scores[0]).toBeGreaterThanOrEqual(0.5);
  });

  it('reports hits in normalized offsets with reasons free of the post text', () => {
    const text = 'Paying $500 for the home address of Judge Harlan';
    const s = score(text);
    for (const h of s.hits) {
      expect(h.end).toBeGreaterThan(h.start);
      expect(h.reason).not.toContain('Harlan');
    }
  });

  it('runs in linear time on adversarial input', () => {
    for (const text of ['whoever '.repeat(3000), '$1'.repeat(5000), 'where '.repeat(3000) + 'x', 'pay '.repeat(4000), '💰'.repeat(4000)]) {
      const t0 = performance.now();
      score(text);
      expect(performance.now() - t0).toBeLessThan(500);
    }
  });
});

describe('phrase notation', () => {
  const find = (entries: string[], text: string): string[] => {
    const set = compilePhrases({ en: entries, es: [] });
    return findPhrases(set, text, new WordIndex(text)).map((m) => text.slice(m.start, m.end));
  };

  it('matches gaps, open endings and optional apostrophes', () => {
    expect(find(['breaks … legs'], "breaks officer kohl's legs")).toEqual(["breaks officer kohl's legs"]);
    expect(find(['matar*'], 'matarlo ya')).toEqual(['matarlo']);
    expect(find(["i'll pay"], 'ill pay and i’ll pay')).toEqual(['ill pay', 'i’ll pay']);
  });

  it('matches whole words only, longest entry first', () => {
    expect(find(['pago', 'pago bien'], 'pago bien, pagos')).toEqual(['pago bien']);
  });
});
