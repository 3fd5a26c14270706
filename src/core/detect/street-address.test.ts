import { describe, expect, it } from 'vitest';
import { normalize, originalSpan } from '../normalize/normalize.js';
import { streetAddressDetector } from './street-address.js';

interface Found {
  readonly type: string;
  readonly text: string;
  readonly canonical?: string;
  readonly subtype?: string;
}

/** Findings as slices of the original text (what the engine reports). */
function find(original: string): Found[] {
  const n = normalize(original);
  return streetAddressDetector.detect(n).map((s) => {
    const { start, end } = originalSpan(n, s.start, s.end);
    return {
      type: s.type,
      text: original.slice(start, end).trim(),
      ...(s.canonical === undefined ? {} : { canonical: s.canonical }),
      ...(s.subtype === undefined ? {} : { subtype: s.subtype }),
    };
  });
}

const addresses = (text: string): string[] => find(text).filter((f) => f.type === 'street_address').map((f) => f.text);
const locations = (text: string): string[] => find(text).filter((f) => f.type === 'location').map((f) => f.text);

describe('street address: US', () => {
  it.each([
    ['lives at 4417 S Wood St, Chicago, IL 60609 with his wife', '4417 S Wood St, Chicago, IL 60609'],
    ['home: 315 Magnolia Bend, The Woodlands TX 77380', '315 Magnolia Bend, The Woodlands TX 77380'],
    ['she lives at 2215 E 2nd St #2B in Boyle Heights', '2215 E 2nd St #2B'],
    ['1219 W Addison St Apt 3, Chicago IL 60613.', '1219 W Addison St Apt 3, Chicago IL 60613'],
    ['Suite: 219 S Dearborn St, Room 1825. Clerk', '219 S Dearborn St, Room 1825'],
    ['3319 W 25th Pl basement unit, Chicago. His phone', '3319 W 25th Pl basement unit, Chicago'],
    ['the 4100 block of Elm St in Brookfield', '4100 block of Elm St'],
    ['parks on the 1800 block of W 35th St every night', '1800 block of W 35th St'],
    ['6613 Dusty Trail Rd, Tucson AZ 85730. spelled', '6613 Dusty Trail Rd, Tucson AZ 85730'],
    ['58 Harbor View Ter, Staten Island NY 10305', '58 Harbor View Ter, Staten Island NY 10305'],
    ['rents at 1016 E 52nd St, LA 90011. number', '1016 E 52nd St, LA 90011'],
    ['4 2 1 7 W. Roscoe St, unit 2 😉', '4 2 1 7 W. Roscoe St, unit 2'],
    ['123 Main St., Springfield, IL 62701-1234', '123 Main St., Springfield, IL 62701-1234'],
    ['1600 Pennsylvania Avenue NW, Washington, DC 20500', '1600 Pennsylvania Avenue NW, Washington, DC 20500'],
    ['350 Fifth Avenue, New York, NY 10118, USA', '350 Fifth Avenue, New York, NY 10118, USA'],
    ['she lives at 4417 s wood st apt 2', '4417 s wood st apt 2'],
    ['100 Martin Luther King Jr Blvd', '100 Martin Luther King Jr Blvd'],
    ['1234 El Camino Real, Palo Alto, CA 94301', '1234 El Camino Real, Palo Alto, CA 94301'],
    ['221B Baker Street', '221B Baker Street'],
    ['104-12 Queens Blvd, Forest Hills, NY', '104-12 Queens Blvd, Forest Hills, NY'],
    ['vive en el 3327 de la W 55th St en Chicago', '3327 de la W 55th St'],
    ['PSC 4355, Box 4187, APO AP 28906', 'PSC 4355, Box 4187, APO AP 28906'],
    ['shots fired in the 3500 block of South Halsted in Bridgeport', '3500 block of South Halsted'],
    ['lives at 5230 N. Sheridan Rd. #1204, Chicago', '5230 N. Sheridan Rd. #1204, Chicago'],
    ['6900 S. Cottage Grove Ave', '6900 S. Cottage Grove Ave'],
    ['hearing at 50 W Washington St, June 4 at 10am', '50 W Washington St'],
  ])('%s', (text, expected) => {
    expect(addresses(text)).toEqual([expected]);
  });

  it('continues onto a mailing label line only for a full "City, ST ZIP"', () => {
    expect(addresses('Linda Marsh\n6012 S Kolin Ave\nChicago, IL 60629')).toEqual(['6012 S Kolin Ave\nChicago, IL 60629']);
    expect(addresses('Linda Marsh\n6012 S Kolin Ave\n773-555-0133')).toEqual(['6012 S Kolin Ave']);
  });

  it('gives "number street postcode" as the canonical form', () => {
    expect(find('4417 South Wood Street, Chicago, IL 60609-1234')[0]?.canonical).toBe('4417 s wood st 60609');
    expect(find('4417 S. Wood St.')[0]?.canonical).toBe('4417 s wood st');
    expect(find('the 4100 block of Elm St')[0]).toMatchObject({ canonical: '4100 block elm st', subtype: 'block' });
  });
});

describe('street address: Mexico and Spain', () => {
  it.each([
    ['vive en Calle Río Lerma 233, Col. Cuauhtémoc, CDMX. Su cel', 'Calle Río Lerma 233, Col. Cuauhtémoc, CDMX'],
    ['Av. Insurgentes Sur 1602 int. 4', 'Av. Insurgentes Sur 1602 int. 4'],
    ['C/ Alcalá 45, 28014 Madrid', 'C/ Alcalá 45, 28014 Madrid'],
    ['en el depa de Calle Colón 418 int 3 viven', 'Calle Colón 418 int 3'],
    ['Iván, Calle Hidalgo 57, Col. Centro, Pachuca. ya vamos', 'Calle Hidalgo 57, Col. Centro, Pachuca'],
    ['Taller — Calle 5 de Mayo 120, Col. Centro, Hermosillo. Tel 662', 'Calle 5 de Mayo 120, Col. Centro, Hermosillo'],
    ['vive con su mamá en Andador 7 Mz 12 Lt 5, Col. Santa Cruz Meyehualco, Iztapalapa.', 'Andador 7 Mz 12 Lt 5, Col. Santa Cruz Meyehualco, Iztapalapa'],
    ['en Jardín Los Arcos, Km 3.5 Carretera a Tlaquepaque 💍', 'Km 3.5 Carretera a Tlaquepaque'],
    ['vive en Privada Los Pinos #38, Fracc. Valle Verde, Monterrey, N.L. Ahí', 'Privada Los Pinos #38, Fracc. Valle Verde, Monterrey, N.L.'],
    ['Av. Constitución 400 Pte, Monterrey. Horario', 'Av. Constitución 400 Pte, Monterrey'],
    ['Av. Las Torres 2201, San Nicolás de los Garza.', 'Av. Las Torres 2201, San Nicolás de los Garza'],
    ['Calle Sabino 77, Col. Atlampa, CDMX, CP 06450. Nació', 'Calle Sabino 77, Col. Atlampa, CDMX, CP 06450'],
    ['Av. Reforma No. 222, piso 3, Col. Juárez, C.P. 06600, Ciudad de México', 'Av. Reforma No. 222, piso 3, Col. Juárez, C.P. 06600, Ciudad de México'],
    ['Calzada de Tlalpan 1234, Col. Portales', 'Calzada de Tlalpan 1234, Col. Portales'],
    ['Avenida Juárez número 100 esq. Madero', 'Avenida Juárez número 100 esq. Madero'],
    ['Domicilio: C/ Tomás Bretón nº 7, 2º.', 'C/ Tomás Bretón nº 7, 2º'],
    ['Domicilio: Calle de Pablo Picasso, 3, 5G.', 'Calle de Pablo Picasso, 3, 5G'],
    ['C/ Manuel Caballero Venzala, 12, 2.º-A. 23009 Jaén', 'C/ Manuel Caballero Venzala, 12, 2.º-A'],
    ['Paseo Dr. Begiristain, s/n 20014 Donostia', 'Paseo Dr. Begiristain, s/n'],
    ['Ctra. de Toledo, Km. 12,500. C.P. 28905', 'Ctra. de Toledo, Km. 12,500'],
    ['Carrera 39 No 47-33 Medellín', 'Carrera 39 No 47-33'],
    ['vive en calle pino 45 col centro', 'calle pino 45 col centro'],
    ['Mz 12 Lt 5, Col. Ejército de Oriente', 'Mz 12 Lt 5, Col. Ejército de Oriente'],
    ['vive en 1122 Calle del Sol, San Ysidro. Fecha', '1122 Calle del Sol, San Ysidro'],
    ['vive en 4 4 1 0 de la Avenida Juárez, depto 3 y su tel', '4 4 1 0 de la Avenida Juárez, depto 3'],
    ['Cda. de los Pinos 12-A', 'Cda. de los Pinos 12-A'],
    ['Calle 16 de Septiembre 802', 'Calle 16 de Septiembre 802'],
    ['domicilio: Av. Tláhuac 4520 edificio B depto 301, Iztapalapa', 'Av. Tláhuac 4520 edificio B depto 301, Iztapalapa'],
    ['Calle Pino Suárez s/n, Col. Centro', 'Calle Pino Suárez s/n, Col. Centro'],
    ['en el número 45 de la calle Hidalgo', '45 de la calle Hidalgo'],
  ])('%s', (text, expected) => {
    expect(addresses(text)).toEqual([expected]);
  });

  it('gives "number street postcode" with the prefix abbreviated and accents folded', () => {
    expect(find('Avenida Insurgentes Sur 1602, C.P. 03940')[0]?.canonical).toBe('1602 av insurgentes sur 03940');
    expect(find('Calle Río Lerma 233, Col. Cuauhtémoc')[0]?.canonical).toBe('233 calle rio lerma');
    expect(find('Mz 12 Lt 5')[0]?.canonical).toBe('mz 12 lt 5');
  });
});

describe('street address: obfuscated', () => {
  it.each([
    ['addr twelve twelve Lakeshore Dr, Apt two-oh-four, Madison WI. pin', 'twelve twelve Lakeshore Dr, Apt two-oh-four, Madison WI'],
    ['Judge Karen Lowe home: 3 1 5 Magnolia Bend, The Woodlands TX 7 7 3 8 0', '3 1 5 Magnolia Bend, The Woodlands TX 7 7 3 8 0'],
    ['home 1\u200b2\u200b0\u200b3 Pine St, Elgin. ph', '1\u200b2\u200b0\u200b3 Pine St, Elgin'],
    ['vive en Calle Cedro cuarenta y uno, Saltillo', 'Calle Cedro cuarenta y uno, Saltillo'],
    ['la reportera vive en C\u0430lle Dur\u0430zno 55, Col. Las Flores, Culiacán', 'C\u0430lle Dur\u0430zno 55, Col. Las Flores, Culiacán'],
    ['the family at twenty-eight forty-one N Kedzie Ave is', 'twenty-eight forty-one N Kedzie Ave'],
  ])('%s', (text, expected) => {
    expect(addresses(text)).toEqual([expected]);
  });
});

describe('street address: not addresses', () => {
  it.each([
    'meet me at 7:15 at the park',
    'Tacos $1.50 every Tuesday on Main',
    'we won 3-2 against the Sox',
    'take Route 66 West to Amarillo',
    'I-90 W is jammed at exit 41',
    'Línea 3 del metro está cerrada',
    'my top 10 list of taco spots',
    'walk 3 blocks north and turn left',
    'Open 9 to 5 Mon-Fri, Sat 10-2',
    'Apt for rent, 2 bedrooms',
    'I have 2 dogs way too many',
    "it's a 10 minute drive from here",
    'the 5 Star Plaza is nice',
    'In 2019 Main Street was rebuilt',
    'at 5 The Street was empty',
    'Game 7 Park Ave fans were loud',
    'Calle 13 en concierto el sábado',
    'la boda es el 12 de octubre en Jardín Los Arcos',
    'estacionamiento de Plaza Sendero, 5pm.',
    'Avenida principal tiene 3 carriles',
    'en la Avenida 5 de Mayo hay marcha',
    'en la calle hay 5 patrullas',
    'Guardia Nacional en la carretera a Monterrey, km 14. Hubo 12 detenidos',
    'Hospital 12 de octubre',
    'Class of 2024 Graduation Walk',
    'lives on Karlov',
    'police checkpoint on Ridge Ave tonight',
    'call 555-0134 Main St office',
    'Apt 3B is available now',
    'Hwy 99 Main exit is closed',
    'Bulls 102, Heat 99',
    'Carrera 23 points last night',
    'paying $1,200 Main St rent',
    'the 1 Train to 42 St Times Square',
    'a 3 block of cheese',
    'Ronda Rousey 3 fights',
  ])('%s', (text) => {
    expect(addresses(text)).toEqual([]);
  });
});

describe('street address: intersections are locations', () => {
  it.each([
    ['CPD squad cars at 26th and Kedzie right now', '26th and Kedzie'],
    ['Tacos en la esquina de Insurgentes y Sonora, de 8 a 12', 'Insurgentes y Sonora'],
    ['ICE at the car wash at Cesar Chavez & Soto, 3 agents', 'Cesar Chavez & Soto'],
    ['vans at Cermak & Western', 'Cermak & Western'],
    ['nos vemos en calle Morelos esquina con Juárez', 'calle Morelos esquina con Juárez'],
  ])('%s', (text, expected) => {
    expect(locations(text)).toEqual([expected]);
    expect(addresses(text)).toEqual([]);
    expect(find(text)[0]).toMatchObject({ subtype: 'intersection' });
  });

  it('reports them with low confidence', () => {
    const [span] = streetAddressDetector.detect(normalize('ICE vans at 26th and Kedzie'));
    expect(span?.confidence).toBeLessThan(0.5);
  });

  it('keeps both typed streets of an intersection', () => {
    expect(locations('1st Ave and 2nd St')).toEqual(['1st Ave and 2nd St']);
  });

  it.each(['the kids Ashley & Brian go to Burbank Elementary', 'the 26th and 27th of June', 'Tom and Jerry'])('%s', (text) => {
    expect(find(text)).toEqual([]);
  });
});

describe('street address: robustness', () => {
  it('stays linear on long adversarial input', () => {
    const inputs = [
      '1 '.repeat(20_000),
      'Calle '.repeat(10_000),
      '1 Calle de la de la '.repeat(4_000),
      '12 Main St, Chicago, '.repeat(3_000),
      'Col. Centro, '.repeat(5_000),
      'A and B and '.repeat(8_000),
    ];
    for (const text of inputs) {
      const started = performance.now();
      streetAddressDetector.detect(normalize(text));
      expect(performance.now() - started).toBeLessThan(2_000);
    }
  });

  it('returns nothing for text without digits or cues', () => {
    expect(streetAddressDetector.detect(normalize('nothing to see here'))).toEqual([]);
  });
});
