import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { foldForMatching } from '../assess/fold.js';
import type { WatchlistField } from './fields.js';

const DEFAULT_REGIONS: readonly CountryCode[] = ['US', 'MX', 'ES'];

const words = (s: string): string[] => foldForMatching(s.normalize('NFKC')).match(/[\p{L}\p{N}]+/gu) ?? [];

/** Honorifics and roles are not part of a name ("Officer Delaney" and "Delaney" are one person). */
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'sr', 'sra', 'srta', 'don', 'dona', 'lic', 'officer', 'judge', 'sgt', 'agent', 'juez', 'jueza', 'agente', 'oficial']);

function nameVariants(value: string): string[] {
  const parts = words(value).filter((w) => !TITLES.has(w));
  if (parts.length === 0) return [];
  const variants = new Set([parts.join(' ')]);
  // "María Elena Ruiz Soto" is also written "María Ruiz" or "María Elena Ruiz".
  if (parts.length >= 3) {
    variants.add(`${parts[0]} ${parts.at(-1)}`);
    variants.add(`${parts[0]} ${parts[parts.length - 2]}`);
  }
  return [...variants];
}

/**
 * E.164 plus the national number: a 10-digit number written without a country code is valid in
 * both the US and Mexico, so the post and the registration may disagree on the country.
 */
function phoneVariants(value: string): string[] {
  for (const region of DEFAULT_REGIONS) {
    const phone = parsePhoneNumberFromString(value, region);
    if (phone?.isPossible()) return [phone.number, `national:${phone.nationalNumber}`];
  }
  const digits = value.replace(/\D/g, '');
  return digits.length >= 7 ? [digits] : [];
}

function emailVariants(value: string): string[] {
  const email = value.trim().toLowerCase();
  const at = email.lastIndexOf('@');
  if (at <= 0) return [];
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const variants = new Set([email]);
  // Mail providers deliver name+tag@ to name@; Gmail ignores dots in the local part.
  const untagged = local.split('+')[0] ?? local;
  variants.add(`${untagged}@${domain}`);
  if (domain === 'gmail.com' || domain === 'googlemail.com') variants.add(`${untagged.replace(/\./g, '')}@gmail.com`);
  return [...variants];
}

const STREET_TYPES: Readonly<Record<string, string>> = {
  street: 'st', st: 'st', avenue: 'ave', ave: 'ave', av: 'ave', avenida: 'ave', boulevard: 'blvd', blvd: 'blvd', road: 'rd', rd: 'rd',
  drive: 'dr', dr: 'dr', lane: 'ln', ln: 'ln', court: 'ct', ct: 'ct', place: 'pl', pl: 'pl', calle: 'calle', c: 'calle',
};
const DIRECTIONS = new Set(['n', 's', 'e', 'w', 'north', 'south', 'east', 'west', 'ne', 'nw', 'se', 'sw', 'pte', 'ote', 'nte', 'sur']);

/**
 * An address reduced to house number + street words (+ postal code): with and without the postal
 * code and the directional, so a post that omits either still matches.
 */
function addressVariants(value: string): string[] {
  const tokens = words(value.split(/,|\n/).slice(0, 1).join(' '));
  const postal = (value.match(/\b\d{5}\b/g) ?? []).at(-1);
  const numberIndex = tokens.findIndex((t) => /^\d+[a-z]?$/.test(t));
  if (numberIndex < 0) return [];
  const number = tokens[numberIndex] ?? '';
  const street = [...tokens.slice(0, numberIndex), ...tokens.slice(numberIndex + 1)]
    .filter((t) => !['no', 'num', 'numero', 'col', 'apt', 'unit', 'int', 'ext'].includes(t))
    .map((t) => STREET_TYPES[t] ?? t);
  if (street.length === 0) return [];
  const undirected = street.filter((t) => !DIRECTIONS.has(t));
  const variants = new Set<string>();
  for (const s of [street, undirected]) {
    if (s.length === 0) continue;
    variants.add(`${number} ${s.join(' ')}`);
    if (postal !== undefined && postal !== number) variants.add(`${number} ${s.join(' ')} ${postal}`);
  }
  return [...variants];
}

const compact = (value: string): string[] => {
  const v = value.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '');
  return v.length >= 2 ? [v] : [];
};

/** Canonical forms of one identifier: what is hashed on registration and on every finding. */
export function canonicalVariants(field: WatchlistField, value: string): string[] {
  switch (field) {
    case 'name':
    case 'relative_name':
      return nameVariants(value);
    case 'phone':
      return phoneVariants(value);
    case 'email':
      return emailVariants(value);
    case 'address':
      return addressVariants(value);
    case 'plate':
    case 'gov_id':
      return compact(value);
  }
}
