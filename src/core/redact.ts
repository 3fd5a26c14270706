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

/** The placeholder a finding of `type` is replaced by, e.g. `[phone]`. */
export const placeholderOf = (type: EntityType): string => PLACEHOLDER[type];

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

/** A stretch of the original text: kept as it is, or hidden behind the placeholder of finding `finding`. */
export type TextSegment =
  | { readonly kind: 'text'; readonly start: number; readonly end: number; readonly text: string }
  | { readonly kind: 'masked'; readonly start: number; readonly end: number; readonly finding: number; readonly type: EntityType; readonly placeholder: string };

/**
 * Splits `text` into segments covering it in order, every finding masked (`finding` is its index
 * in `findings`, which need not be sorted). Offsets stay those of the original text. Overlapping
 * findings never let a character through: the later one masks whatever the earlier left uncovered.
 */
export function maskSegments(text: string, findings: readonly Pick<Finding, 'type' | 'start' | 'end'>[]): { readonly text: string; readonly segments: readonly TextSegment[] } {
  const order = findings.map((f, i) => ({ f, i })).sort((a, b) => a.f.start - b.f.start || b.f.end - a.f.end || a.i - b.i);
  const segments: TextSegment[] = [];
  let masked = '';
  let last = 0;
  for (const { f, i } of order) {
    const start = Math.max(last, Math.min(f.start, text.length));
    const end = Math.min(f.end, text.length);
    if (end <= start) continue;
    if (start > last) {
      segments.push({ kind: 'text', start: last, end: start, text: text.slice(last, start) });
      masked += text.slice(last, start);
    }
    segments.push({ kind: 'masked', start, end, finding: i, type: f.type, placeholder: PLACEHOLDER[f.type] });
    masked += PLACEHOLDER[f.type];
    last = end;
  }
  if (last < text.length) {
    segments.push({ kind: 'text', start: last, end: text.length, text: text.slice(last) });
    masked += text.slice(last);
  }
  return { text: masked, segments };
}
