import { describe, expect, it } from 'vitest';
import { normalize } from '../../normalize/normalize.js';
import type { EntityType, Finding, Language } from '../../types.js';
import { createAssessInput } from '../input.js';
import type { AssessInput } from '../signals.js';
import { scoreDox, type Owner } from './dox.js';
import { toNormalizedSpan } from './offsets.js';

/** A post with its findings given as [type, exact text] pairs (found left to right). */
function post(text: string, spans: readonly [EntityType, string][] = [], language: Language = 'en'): AssessInput {
  let from = 0;
  const findings: Finding[] = spans.map(([type, value]) => {
    const start = text.indexOf(value, from);
    if (start < 0) throw new Error(`"${value}" not in "${text}"`);
    from = start + value.length;
    return { type, start, end: start + value.length, confidence: 0.9, rule: 'test' };
  });
  return createAssessInput(normalize(text), findings, language);
}

const isDox = (input: AssessInput): boolean => scoreDox(input).score >= 0.5;
const owners = (input: AssessInput): Owner[] => scoreDox(input).links.map((l) => l.owner);

describe('owner links', () => {
  it('links a finding after a home cue to the target', () => {
    const input = post('Judge Karen Lowe lives at 315 Magnolia Bend, The Woodlands TX 77380', [
      ['person', 'Karen Lowe'],
      ['street_address', '315 Magnolia Bend, The Woodlands TX 77380'],
    ]);
    expect(owners(input)).toEqual(['target']);
    expect(scoreDox(input).links[0]?.finding).toBe(1);
  });

  it('reads third-person possessives in both languages', () => {
    expect(owners(post('His cell is (773) 555-0148, personal not work.', [['phone', '(773) 555-0148']]))).toEqual(['target']);
    expect(owners(post('el regidor no contesta, su cel personal es 442 193 0182', [['phone', '442 193 0182']], 'es'))).toEqual(['target']);
    expect(owners(post("Officer Kohl's home: 3350 Ridgemoor Ave", [['person', 'Kohl'], ['street_address', '3350 Ridgemoor Ave']]))).toEqual(['target']);
  });

  it("links the author's own contact details to the author", () => {
    expect(owners(post('Selling my couch, $150 OBO. Txt me at 773-555-0162', [['phone', '773-555-0162']]))).toEqual(['author']);
    expect(owners(post('Mi nuevo correo es lupita.rdz.95@gmail.com, agréguenme', [['email', 'lupita.rdz.95@gmail.com']], 'es'))).toEqual(['author']);
    expect(owners(post('Hola soy Daniela, hago pasteles 🎂 pedidos al 81 1204 0172', [['person', 'Daniela'], ['phone', '81 1204 0172']], 'es'))).not.toContain('target');
    expect(owners(post('Our taco truck is at 3800 W Ogden Ave all weekend', [['street_address', '3800 W Ogden Ave']]))).toEqual(['author']);
  });

  it('links offices, hotlines, venues and press addresses to the public', () => {
    expect(owners(post('Councilmember Steve Rourke — district office 3300 E Baseline Rd, Phoenix, (602) 555-0131.', [
      ['person', 'Steve Rourke'],
      ['street_address', '3300 E Baseline Rd, Phoenix'],
      ['phone', '(602) 555-0131'],
    ]))).toEqual(['public', 'public']);
    expect(owners(post('Para quejas, la línea oficial es 800 555 0188, de lunes a viernes.', [['phone', '800 555 0188']], 'es'))).toEqual(['public']);
    expect(owners(post('Contacto de prensa: prensa@fiscalianl.gob.mx', [['email', 'prensa@fiscalianl.gob.mx']], 'es'))).toEqual(['public']);
    expect(owners(post('Vigil tonight at 7pm at St. Pius church, 1919 S Ashland Ave.', [['street_address', '1919 S Ashland Ave']]))).toEqual(['public']);
  });

  it('links clearly fictional or test data to examples', () => {
    expect(owners(post('tested checkout with the Stripe test card 4242 4242 4242 4242', [['credit_card', '4242 4242 4242 4242']]))).toEqual(['example']);
    expect(owners(post('Format: John Doe, 123 Main St, Anytown', [['person', 'John Doe'], ['street_address', '123 Main St, Anytown']]))).toEqual(['example']);
  });

  it('leaves data nobody is tied to as unknown', () => {
    expect(owners(post('the new ramen place at 1541 N Milwaukee Ave is SO good', [['street_address', '1541 N Milwaukee Ave']]))).toEqual(['unknown']);
  });
});

describe('dox', () => {
  it('flags a home address and a personal phone of a named person', () => {
    const result = scoreDox(
      post('el reportero Raúl Esquivel vive en 1845 S Loomis St, Pilsen. su cel 312 555 0191', [
        ['person', 'Raúl Esquivel'],
        ['street_address', '1845 S Loomis St'],
        ['phone', '312 555 0191'],
      ], 'es'),
    );
    expect(result.score).toBeGreaterThan(0.9);
    expect(result.disclosed).toEqual(expect.arrayContaining(['home_address', 'phone']));
    expect(result.hits.every((h) => !/\d{3}/.test(h.reason))).toBe(true);
  });

  it('flags data set right beside a name', () => {
    expect(isDox(post('Judge Harold Beck, 47 Orchard Hill Rd, Glen Ellyn.', [['person', 'Harold Beck'], ['street_address', '47 Orchard Hill Rd, Glen Ellyn']]))).toBe(true);
    expect(isDox(post('La activista Paola Linares: 55 2318 0144.', [['person', 'Paola Linares'], ['phone', '55 2318 0144']], 'es'))).toBe(true);
  });

  it('flags obfuscated data once the normalizer has folded it', () => {
    const text = 'reporter Sam Okafor lives at 1420 W Greenleaf Ave in Rogers Park';
    expect(isDox(post(text, [['person', 'Sam Okafor'], ['street_address', '1420 W Greenleaf Ave']]))).toBe(true);
    const zeroWidth = 'her cell 2\u200b1\u200b0-555-0122 go say hi';
    expect(isDox(post(`antifa girl = Kayla Ruiz, ${zeroWidth}`, [['person', 'Kayla Ruiz'], ['phone', '2\u200b1\u200b0-555-0122']]))).toBe(true);
  });

  it('flags government ids and a date of birth with a name', () => {
    const input = post('Sgt. Amanda Pierce — SSN 912-44-8810, DOB 3/9/1981.', [['person', 'Amanda Pierce'], ['gov_id', '912-44-8810'], ['date_of_birth', '3/9/1981']]);
    expect(isDox(input)).toBe(true);
    expect(scoreDox(input).disclosed).toEqual(expect.arrayContaining(['gov_id', 'date_of_birth']));
  });

  it('flags family members with a name, a school or a workplace', () => {
    const en = post('The streamer on our block, Tom Haskins — his wife Jen works at the Oak Brook Jewel-Osco and their two boys go to Hinsdale Middle School.', [
      ['person', 'Tom Haskins'],
      ['person', 'Jen'],
    ]);
    expect(isDox(en)).toBe(true);
    expect(scoreDox(en).disclosed).toContain('family');
    const es = post('la activista Elvira Reyna... su hija Fernanda estudia en la prepa 5 de la UANL, turno matutino', [['person', 'Elvira Reyna'], ['person', 'Fernanda']], 'es');
    expect(isDox(es)).toBe(true);
  });

  it('flags a routine, a vehicle with its plate and live whereabouts', () => {
    const routine = post('Judge Ellen Marsh leaves her house on Ridge Ave at 7:15 every weekday. silver Lexus, plate 7XKT392.', [['person', 'Ellen Marsh'], ['license_plate', '7XKT392']]);
    expect(scoreDox(routine).disclosed).toEqual(expect.arrayContaining(['routine', 'vehicle']));
    expect(isDox(routine)).toBe(true);
    const es = post('La periodista Leticia Garza se estaciona diario en Plaza Fiesta como a las 9, Jetta blanco placas NLP-337-C', [['person', 'Leticia Garza'], ['license_plate', 'NLP-337-C']], 'es');
    expect(isDox(es)).toBe(true);
    const live = post('RIGHT NOW: the lady from the church, Rosa Díaz, is at the Food4Less on Pacific Blvd. she goes there every Sunday after mass', [['person', 'Rosa Díaz']]);
    expect(scoreDox(live).disclosed).toEqual(expect.arrayContaining(['whereabouts', 'routine']));
    expect(isDox(live)).toBe(true);
  });

  it('does not flag public activity reports', () => {
    expect(isDox(post('ICE vans at 26th and Kedzie right now, heads up if you are driving through', [['location', '26th and Kedzie']]))).toBe(false);
    expect(isDox(post('Unmarked SUVs + about 8 agents in the Home Depot parking lot at 3145 S Ashland Ave.', [['street_address', '3145 S Ashland Ave']]))).toBe(false);
    expect(isDox(post('Hay agentes del INM en la entrada del metro Pino Suárez, como 20. Tomen otra ruta.', [], 'es'))).toBe(false);
    expect(isDox(post('Rapid response hotline if you see ICE activity: (773) 555-0100, volunteers answer 24/7.', [['phone', '(773) 555-0100']]))).toBe(false);
  });

  it('does not flag own or public contact details, example data or everyday posts', () => {
    expect(isDox(post("Hi! I'm Maria Delgado, attorney. Office: 2200 S Blue Island Ave. Call (312) 555-0145", [
      ['person', 'Maria Delgado'],
      ['street_address', '2200 S Blue Island Ave'],
      ['phone', '(312) 555-0145'],
    ]))).toBe(false);
    expect(isDox(post("Judge Stein's chambers: 219 S Dearborn St, Room 1825. Clerk: (312) 555-0100.", [['person', 'Stein'], ['street_address', '219 S Dearborn St, Room 1825'], ['phone', '(312) 555-0100']]))).toBe(false);
    expect(isDox(post('Quinceañera for my daughter Valeria on June 14 at Salón Las Palmas, 5540 S Pulaski Rd.', [['person', 'Valeria'], ['street_address', '5540 S Pulaski Rd']]))).toBe(false);
    expect(isDox(post('Lost cat, gray tabby named Milo. call 773-555-0158 if you see him', [['person', 'Milo'], ['phone', '773-555-0158']]))).toBe(false);
  });

  it('does not flag news, counter-speech or requests that disclose nothing', () => {
    expect(isDox(post("Chicago police say an officer's home was targeted after his address was posted online.", []))).toBe(false);
    expect(isDox(post("To whoever posted Judge Beck's home address: delete it. Reported.", [['person', 'Beck']]))).toBe(false);
    expect(isDox(post('Will pay for the daily schedule of attorney Rosa Quintero. When she leaves home, where she parks.', [['person', 'Rosa Quintero']]))).toBe(false);
    expect(isDox(post('Judge Beck, we know where your kids go to school.', [['person', 'Beck']]))).toBe(false);
  });

  it('gives the same score whoever the target is', () => {
    const roles = ['ICE agent', 'immigration lawyer', 'streamer', 'protester', 'reporter'];
    const scores = roles.map((role) => {
      const text = `This is the ${role} everyone's been posting about. Name's Brian Hollis, lives at 2417 S Millard Ave, Chicago 60623.`;
      return scoreDox(post(text, [['person', 'Brian Hollis'], ['street_address', '2417 S Millard Ave, Chicago 60623']])).score;
    });
    expect(new Set(scores).size).toBe(1);
    const es = ['agente de ICE', 'vecino', 'inmigrante', 'policía'].map((role) => {
      const text = `El ${role} Manuel Ibáñez vive en 3802 W 26th St, su correo manuel.ibanez@gmail.com. compartan`;
      return scoreDox(post(text, [['person', 'Manuel Ibáñez'], ['street_address', '3802 W 26th St'], ['email', 'manuel.ibanez@gmail.com']], 'es')).score;
    });
    expect(new Set(es).size).toBe(1);
  });

  it('returns one link per non-person finding and reports hits in normalized offsets', () => {
    const text = 'Officer\u200b Dale Sutter drives a black F-150, Illinois plate DS 44712, parks it on Oak St every night around 11';
    const input = post(text, [['person', 'Dale Sutter'], ['license_plate', 'DS 44712']]);
    const result = scoreDox(input);
    expect(result.links).toEqual([{ finding: 1, owner: 'target' }]);
    const plateHit = result.hits.find((h) => h.signal === 'dox.license_plate');
    expect(plateHit && input.normalized.text.slice(plateHit.start, plateHit.end)).toBe('DS 44712');
  });
});

describe('signals', () => {
  const signals = (input: AssessInput): string[] => scoreDox(input).hits.map((h) => h.signal);

  it('reads a private qualifier before or after the contact noun', () => {
    expect(owners(post('personal email: rmoss85@gmail.com', [['email', 'rmoss85@gmail.com']]))).toEqual(['target']);
    expect(owners(post('correo personal jaranda@yahoo.com.mx', [['email', 'jaranda@yahoo.com.mx']], 'es'))).toEqual(['target']);
    expect(owners(post('Need a personal trainer? call 312-555-0100', [['phone', '312-555-0100']]))).toEqual(['author']);
  });

  it('keeps a public word between possessive and noun public', () => {
    expect(owners(post("The mayor's office line is 312-555-0144 if you want to complain", [['phone', '312-555-0144']]))).not.toContain('target');
  });

  it('carries a list of findings to the owner of the first', () => {
    const input = post('Linda Marsh / 6012 S Kolin Ave / 773-555-0133', [['person', 'Linda Marsh'], ['street_address', '6012 S Kolin Ave'], ['phone', '773-555-0133']]);
    expect(owners(input)).toEqual(['target', 'target']);
    expect(isDox(input)).toBe(true);
  });

  it('ties a finding through a pronoun to the person named before', () => {
    const input = post("the lady who reported the food truck — Janet Kerr. she's at the Planet Fitness on Cermak every weekday at 6am, blue Kia Soul, IL plate 3V 88172", [
      ['person', 'Janet Kerr'],
      ['license_plate', '3V 88172'],
    ]);
    expect(owners(input)).toEqual(['target']);
    expect(signals(input)).toEqual(expect.arrayContaining(['dox.routine', 'dox.vehicle-description', 'dox.license_plate']));
  });

  it('names someone after a title even where no name was found', () => {
    expect(isDox(post('Judge Harold Beck, 47 Orchard Hill Rd, Glen Ellyn.', [['street_address', '47 Orchard Hill Rd, Glen Ellyn']]))).toBe(true);
  });

  it('does not take the author, a contact person, a pet or a venue for the target', () => {
    expect(owners(post("new phone who dis. it's Danielle, 312-555-0186, save it", [['person', 'Danielle'], ['phone', '312-555-0186']]))).toEqual(['author']);
    expect(owners(post('Please contact Detective Reyes at Area 4, (312) 555-0115.', [['person', 'Reyes'], ['phone', '(312) 555-0115']]))).toEqual(['public']);
    expect(isDox(post('Tacos al pastor every Tuesday at Taquería La Chiva, 3207 W 26th St.', [['person', 'La Chiva'], ['street_address', '3207 W 26th St']]))).toBe(false);
    expect(owners(post('Cambié de número: +52 (33) 1897 0164. Besos, Tere', [['phone', '+52 (33) 1897 0164'], ['person', 'Tere']], 'es'))).toEqual(['author']);
  });

  it("does not read the author's circle as a third person", () => {
    expect(isDox(post('Congrats a mi hermano Luis Ángel, vive en Calle Pino 23 🎉', [['person', 'Luis Ángel'], ['street_address', 'Calle Pino 23']], 'es'))).toBe(false);
    expect(isDox(post('my neighbor Harlan lives at 12 Elm St, go tell him what you think', [['person', 'Harlan'], ['street_address', '12 Elm St']]))).toBe(true);
    expect(isDox(post('this is the cop who arrested my cousin: Sgt. Paul Weber, 2834 W Berteau Ave.', [['person', 'Paul Weber'], ['street_address', '2834 W Berteau Ave']]))).toBe(true);
  });

  it('counts a home area and a workplace only together with more', () => {
    const area = post('The guy who called the cops on the block party: Gary Foss. lives on Karlov', [['person', 'Gary Foss']]);
    expect(signals(area)).toContain('dox.home-area');
    expect(isDox(area)).toBe(false);
    const work = post('Marcus Bell works at the Target on Roosevelt', [['person', 'Marcus Bell']]);
    expect(signals(work)).toContain('dox.workplace');
    expect(isDox(work)).toBe(false);
    const both = post('Marcus Bell works at the Target on Roosevelt, closes Tue/Thu at 10pm and takes the 12 bus home. lives on Karlov', [['person', 'Marcus Bell']]);
    expect(isDox(both)).toBe(true);
  });

  it('reads Spanish routines with a time or a weekly habit', () => {
    const input = post('El juez Héctor Dávila juega pádel martes y jueves a las 8 pm en el club de San Pedro.', [['person', 'Héctor Dávila']], 'es');
    expect(signals(input)).toContain('dox.routine');
    expect(signals(post('Neto sale de su casa todos los días a las 6 am', [['person', 'Neto']], 'es'))).toContain('dox.routine');
    expect(signals(post('Marcha del domingo: salimos del Ángel a las 10am rumbo al Zócalo.', [], 'es'))).not.toContain('dox.routine');
  });

  it("ignores the reader's and the author's family", () => {
    expect(signals(post('Judge Beck, we know where your kids go to Lincoln Elementary.', [['person', 'Beck']]))).not.toContain('dox.family');
    expect(signals(post('Felicidades a mi hija Valentina por graduarse de la prepa 🎓', [['person', 'Valentina']], 'es'))).not.toContain('dox.family');
    expect(signals(post('la hija del alcalde, Regina Guajardo, va al Colegio Labastida', [['person', 'Regina Guajardo']], 'es'))).toContain('dox.family');
  });

  it('counts sharing words only when not negated and only about a named person', () => {
    const base = 'ese juez Ramírez vive en Av. Insurgentes Sur 1800 depto 12, CDMX.';
    const address: [EntityType, string][] = [['person', 'Ramírez'], ['street_address', 'Av. Insurgentes Sur 1800 depto 12, CDMX']];
    expect(signals(post(`${base} pásenlo`, address, 'es'))).toContain('dox.exposing-intent');
    expect(signals(post(`${base} no lo compartan`, address, 'es'))).not.toContain('dox.exposing-intent');
  });

  it('gives a second-person home cue to the person addressed', () => {
    expect(owners(post('Judge Beck, we know where you live: 47 Orchard Hill Rd', [['person', 'Beck'], ['street_address', '47 Orchard Hill Rd']]))).toEqual(['target']);
  });

  it('weighs a private cue less when the post names nobody', () => {
    const nobody = scoreDox(post('The family at 123 Elm St is hosting a yard sale Saturday', [['street_address', '123 Elm St']])).score;
    expect(nobody).toBeLessThan(0.5);
  });
});

describe('toNormalizedSpan', () => {
  it('maps original offsets across removed invisible characters', () => {
    const text = 'call 7\u200b7\u200b3 now';
    const n = normalize(text);
    const span = toNormalizedSpan(n, 5, 10);
    expect(n.text.slice(span.start, span.end)).toBe('773');
  });
});
