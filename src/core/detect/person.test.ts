import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';
import { normalize } from '../normalize/normalize.js';
import { personDetector } from './person.js';

/** Names found in `text` (subtype `name`), as the substrings of the normalized text. */
function names(text: string): string[] {
  const n = normalize(text);
  return personDetector
    .detect(n)
    .filter((s) => s.subtype === 'name')
    .map((s) => n.text.slice(s.start, s.end));
}

/** Person findings of the whole engine, as substrings of the original text. */
function found(text: string): string[] {
  return analyze(text)
    .findings.filter((f) => f.type === 'person' && f.subtype === 'name')
    .map((f) => text.slice(f.start, f.end));
}

describe('personDetector: full names', () => {
  it.each([
    ['Nadia Ferreira was at the hearing', ['Nadia Ferreira']],
    ['the landlord, Gregory Haddad, changed the locks', ['Gregory Haddad']],
    ['Ximena Olvera y su familia llegaron ayer', ['Ximena Olvera']],
    ['Guadalupe Ortega de la Garza firmó', ['Guadalupe Ortega de la Garza']],
    ['vi a María del Carmen Salinas en la junta', ['María del Carmen Salinas']],
    ['Esteban Ruiz de Alarcón habló', ['Esteban Ruiz de Alarcón']],
    ['deputy T. Okonkwo took the report', ['T. Okonkwo']],
    ['A. Castañeda filed the complaint', ['A. Castañeda']],
    ['ask Kevin O’Brien about it', ['Kevin O’Brien']],
    ['Jean-Paul Moreau wrote back', ['Jean-Paul Moreau']],
    ['Keisha Van Dyke posted again', ['Keisha Van Dyke']],
    ['DeAndre McAllister scored twice', ['DeAndre McAllister']],
    ["Paul Novak's truck is outside", ['Paul Novak']],
    ['Dra. M.ª Teresa Lozano atiende hoy', ['M.ª Teresa Lozano']],
  ])('%s', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });
});

describe('personDetector: titles and roles stay outside the span', () => {
  it.each([
    ['Officer Brennan was there', ['Brennan']],
    ['Judge Marisa Callahan ruled today', ['Marisa Callahan']],
    ['Sgt. Dominic Ferraro filed it', ['Dominic Ferraro']],
    ['Lt. Gaines answered', ['Gaines']],
    ['the reporter Tomás Echeverría asked', ['Tomás Echeverría']],
    ['el juez Zamarripa negó la fianza', ['Zamarripa']],
    ['la agente Villarreal lo detuvo', ['Villarreal']],
    ['la jueza Rebeca Santoyo dictó sentencia', ['Rebeca Santoyo']],
    ['el activista Chuy Arreola convocó', ['Chuy Arreola']],
    ['pregunten por Doña Chayo en la tienda', ['Chayo']],
    ['Don Evaristo Olmedo vende elotes', ['Evaristo Olmedo']],
    ['Lic. Gálvez, cotíceme', ['Gálvez']],
    ['Councilwoman Deborah Kaplan responded', ['Deborah Kaplan']],
    ['el regidor Tapia no contestó', ['Tapia']],
  ])('%s', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });
});

describe('personDetector: first names used for a person', () => {
  it.each([
    ['his daughter Maribel plays soccer', ['Maribel']],
    ['su hijo Emiliano va a la escuela', ['Emiliano']],
    ['my neighbor Fitzgerald leaves at 6', ['Fitzgerald']],
    ['mom (Yesenia) works nights', ['Yesenia']],
    ['the kids Jaden & Kylie walk home', ['Jaden', 'Kylie']],
    ['his kids — Owen (9) and Harper (4) — are at Lincoln', ['Owen', 'Harper']],
    ['se llama Eduviges y vive sola', ['Eduviges']],
    ["real name Tobias Wren", ['Tobias Wren']],
    ['Hola soy Marisela, vendo pasteles', ['Marisela']],
    ['his wife is Rosalind', ['Rosalind']],
    ['we are coming for you Desmond Keller. you too Desmond.', ['Desmond Keller', 'Desmond']],
    ['the Castellanos kids go to that school', ['Castellanos']],
  ])('%s', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it('reads a clinical header: Nombre / Apellidos / Médico', () => {
    expect(names('Nombre: Itziar. Apellidos: Goikoetxea Ruiz. Médico: Dr. Álvaro Peña Soler')).toEqual([
      'Itziar',
      'Goikoetxea Ruiz',
      'Álvaro Peña Soler',
    ]);
  });
});

describe('personDetector: obfuscated names through the engine', () => {
  it('finds a name written with Cyrillic look-alike letters and maps the span back', () => {
    const text = 'la reportera Аnа Cоrtés vive por aquí';
    expect(found(text)).toEqual(['Аnа Cоrtés']);
  });

  it('finds a name split by zero-width spaces', () => {
    const text = 'Judge Ka\u200Bren Lo\u200Bwe lives near the park';
    expect(found(text)).toEqual(['Ka\u200Bren Lo\u200Bwe']);
  });

  it('finds a name in full-width letters', () => {
    expect(found('Officer Ｓｈｅｒｍａｎ is outside')).toEqual(['Ｓｈｅｒｍａｎ']);
  });
});

describe('personDetector: hard negatives', () => {
  it.each([
    'Franklin Elementary is closed tomorrow',
    'Burbank Elementary pickup moved to 3pm',
    'St. Procopius School bake sale',
    'Planet Fitness on Cermak has a deal',
    'El Colegio Americano cerró por la lluvia',
    'Tacos en Calle Hidalgo 57, Col. Centro',
    'nos vemos en la calle Miguel Hidalgo',
    'la primaria Benito Juárez suspendió clases',
    'We drove from Chicago to Monterrey and then Madrid',
    'ICE vans in CDMX and Houston right now',
    'ICE AT 26TH AND KEDZIE RIGHT NOW',
    '#JusticiaParaTodos #Chicago',
    'Will you be there on Monday in May?',
    'Grace and Hope are not enough',
    'Rosa es mi color favorito',
    'Hoy en la mañana llovió mucho',
    'The Woodlands, TX 77380',
    '1500 Maybrook Dr, Maywood, IL 60153',
    'checkpoint at Cesar Chavez & Soto',
    'la Policía Cibernética abrió una carpeta',
    'Paciente: Varón de 69 años con dolor',
    'Breaking News: Border Patrol expands operations',
    'La Fiscalía de Nuevo León detuvo a un hombre',
    'Gay people are people',
    'Tyler_Banks99 and xXGhostXx are gamertags',
    'visit www.facebook.com/Rosa.Quintero',
  ])('%s', (text) => {
    expect(names(text)).toEqual([]);
  });
});

describe('personDetector: handles', () => {
  it('reports an @handle as a person with subtype handle and low confidence', () => {
    const spans = personDetector.detect(normalize('lol @mike_r99 keeps posting'));
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ subtype: 'handle', rule: 'person.handle' });
    expect(spans[0]?.confidence).toBeLessThan(0.5);
  });

  it('gives a handle after a role more confidence, still below a name', () => {
    const [span] = personDetector.detect(normalize('reporter @jtran_news'));
    expect(span?.confidence).toBe(0.5);
  });

  it('does not take the domain of an e-mail address for a handle', () => {
    expect(personDetector.detect(normalize('write to bharlan55@gmail.com'))).toEqual([]);
  });
});

describe('personDetector: confidence and cost', () => {
  it('is surer of a titled full name than of a lone first name', () => {
    const [titled] = personDetector.detect(normalize('Judge Karen Lowe'));
    const [alone] = personDetector.detect(normalize('saw Dave yesterday'));
    expect(titled?.confidence).toBeGreaterThan(alone?.confidence ?? 1);
    expect(alone?.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('returns nothing for a text without capitals or handles', () => {
    expect(personDetector.detect(normalize('no names here at all, just words'))).toEqual([]);
  });

  it('stays linear on long adversarial input', () => {
    const long = `${'Aa '.repeat(20000)}${"O'".repeat(20000)}${'de '.repeat(20000)}`;
    const started = performance.now();
    personDetector.detect(normalize(long));
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
