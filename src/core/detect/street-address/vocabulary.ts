import us from '../../lexicon/street-address-us.json' with { type: 'json' };
import es from '../../lexicon/street-address-es.json' with { type: 'json' };
import stop from '../../lexicon/street-address-stop.json' with { type: 'json' };
import numberReference from '../../lexicon/street-address-number.json' with { type: 'json' };
import measure from '../../lexicon/street-address-measure.json' with { type: 'json' };
import countries from '../../lexicon/street-address-countries.json' with { type: 'json' };
import { PhraseIndex } from './phrases.js';
import { foldKey } from './tokens.js';

/** Every word list of the address grammar, compiled once at module load. */

const folded = (words: readonly string[]): ReadonlySet<string> => new Set(words.map(foldKey));

// US
export const STREET_TYPES = new PhraseIndex(us.streetTypes);
/** Types common enough to follow a lower-case street name (`4417 s wood st`). */
export const STRONG_TYPES: ReadonlySet<string> = new Set(us.strongTypes);
/** Written forms after which a street name ends: `Trail` may go on (`Dusty Trail Rd`), `Rd` may not. */
export const TERMINAL_TYPE_FORMS = folded(us.terminalTypes);
export const DIRECTIONALS = new PhraseIndex(us.directionals);
export const SPELLED_ORDINALS = folded(us.spelledOrdinals);
export const BLOCK_PHRASES = PhraseIndex.of(us.blockPhrases);
export const US_UNIT_WORDS = PhraseIndex.of(us.unitWords);
export const US_UNITS_WITHOUT_ID = PhraseIndex.of(us.unitPhrasesWithoutId);
export const STATE_CODES = PhraseIndex.of(us.stateCodes, true);
export const STATE_NAMES = PhraseIndex.of(us.stateNames);
export const MILITARY_BOXES = PhraseIndex.of(us.militaryBoxes);
export const SHIP_PREFIXES = PhraseIndex.of(us.shipPrefixes);
export const MILITARY_POST_OFFICES = PhraseIndex.of(us.militaryPostOffices);
export const MILITARY_REGIONS = PhraseIndex.of(us.militaryRegions);

// Mexico / Spain
export const STREET_PREFIXES = new PhraseIndex(es.streetPrefixes);
export const HIGHWAY_WORDS = PhraseIndex.of(es.highwayWords);
export const NUMBER_MARKERS = PhraseIndex.of(es.numberMarkers);
export const NO_NUMBER = PhraseIndex.of(es.noNumber);
export const KILOMETRE = PhraseIndex.of(es.kilometre);
export const BLOCK_LOCATOR = PhraseIndex.of(es.blockLocator);
export const LOT_LOCATOR = PhraseIndex.of(es.lotLocator);
export const ORIENTATIONS = PhraseIndex.of(es.orientations);
export const ES_UNIT_WORDS = PhraseIndex.of(es.unitWords);
export const ES_UNITS_WITHOUT_ID = PhraseIndex.of(es.unitWordsWithoutId);
export const CORNER_WORDS = PhraseIndex.of(es.cornerWords);
export const AREA_PREFIXES = PhraseIndex.of(es.areaPrefixes);
export const POSTCODE_MARKERS = PhraseIndex.of(es.postcodeMarkers);
export const MX_STATES = PhraseIndex.of(es.states);

/** Country names that may close an address (`…, Madrid, España`); codes such as `US` as written. */
export const COUNTRIES = PhraseIndex.of([...countries.en, ...countries.es], true);

/** Lower-case words that join the words of a name (`Calle de la Paz`, `San Nicolás de los Garza`). */
export const CONNECTORS: ReadonlySet<string> = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'y', 'e', 'of', 'the', 'a', 'al']);

/** Connectors inside town and cross-street names; `y` there joins two places instead. */
export const PLACE_CONNECTORS: ReadonlySet<string> = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'of', 'the']);

/** Words that cannot start or continue a town name after a comma (`…, Her number`). */
export const NOT_PLACE = folded([...stop.en, ...stop.es]);
/** Words right before a number that make it a reference, not a house number (`Route 66`). */
export const NUMBER_REFERENCE = folded([...numberReference.en, ...numberReference.es]);
/** Words right after a number that make it a quantity, not a house number (`3 blocks`). */
export const MEASURES = PhraseIndex.of([...measure.en, ...measure.es]);
