import { findEntities } from './analyze.js';
import type { EntityType, Finding } from './types.js';

export type RedactionMode = 'placeholder' | 'mask';

export interface RedactOptions {
  /** `placeholder` writes `[phone]`; `mask` keeps the shape and hides every letter and digit. */
  readonly mode?: RedactionMode;
  /** Types to redact; defaults to every type. */
  readonly types?: readonly EntityType[];
}

const PLACEHOLDER: Record<EntityType, string> = {
  person: '[person]',
  phone: '[phone]',
  email: '[email]',
  street_address: '[address]',
  license_plate: '[plate]',
  gov_id: '[id]',
  date_of_birth: '[dob]',
  geo_coordinates: '[coordinates]',
  credit_card: '[card]',
  ip_address: '[ip]',
  location: '[location]',
};

const MASKABLE = /[\p{L}\p{N}]/gu;

/** Returns the text with personal data replaced, for safe display. */
export function redact(text: string, options: RedactOptions = {}): string {
  return redactFindings(text, findEntities(text), options);
}

/** Redacts already-found findings (sorted, non-overlapping, as analyze() returns them). */
export function redactFindings(text: string, findings: readonly Finding[], options: RedactOptions = {}): string {
  const mode = options.mode ?? 'placeholder';
  const types = options.types === undefined ? undefined : new Set(options.types);
  let out = '';
  let last = 0;
  for (const f of findings) {
    if (types !== undefined && !types.has(f.type)) continue;
    if (f.start < last) continue;
    out += text.slice(last, f.start);
    const original = text.slice(f.start, f.end);
    out += mode === 'mask' ? original.replace(MASKABLE, '•') : PLACEHOLDER[f.type];
    last = f.end;
  }
  return out + text.slice(last);
}
