import { LABELS, type Label } from '../core/assess/result.js';
import { ENTITY_TYPES, type EntityType, type Language } from '../core/types.js';

export interface GoldSpan {
  readonly type: EntityType;
  readonly start: number;
  readonly end: number;
}

/** One record of a labelled set (shared/data/FORMAT.md). */
export interface LabelledRecord {
  readonly id: string;
  readonly lang: Language;
  readonly text: string;
  /** Only the labels the set judges; an absent key is not judged. */
  readonly labels: Partial<Record<Label, boolean>>;
  readonly category?: string;
  readonly pair?: string;
  readonly spans: readonly GoldSpan[];
  /** Entity types annotated exhaustively on this record. */
  readonly spanTypes: readonly EntityType[];
}

/** Entity types a labelled set may annotate (FORMAT.md); `location` is ours and never scored. */
export const ANNOTATED_TYPES: readonly EntityType[] = ENTITY_TYPES.filter((t) => t !== 'location');

const isEntityType = (t: unknown): t is EntityType => typeof t === 'string' && (ENTITY_TYPES as readonly string[]).includes(t);

/** Parses one JSON line of a labelled set; throws an Error whose message says what is wrong. */
export function parseLabelledRecord(line: string): LabelledRecord {
  const raw: unknown = JSON.parse(line);
  if (typeof raw !== 'object' || raw === null) throw new Error('record is not a JSON object');
  const r = raw as Record<string, unknown>;
  if (typeof r.id !== 'string') throw new Error('missing string field "id"');
  if (typeof r.text !== 'string') throw new Error('missing string field "text"');
  if (r.lang !== 'en' && r.lang !== 'es') throw new Error('field "lang" must be "en" or "es"');
  const labels: Partial<Record<Label, boolean>> = {};
  if (r.labels !== undefined) {
    if (typeof r.labels !== 'object' || r.labels === null) throw new Error('field "labels" must be an object');
    for (const label of LABELS) {
      const v = (r.labels as Record<string, unknown>)[label];
      if (typeof v === 'boolean') labels[label] = v;
    }
  }
  const spans: GoldSpan[] = [];
  for (const s of Array.isArray(r.spans) ? (r.spans as unknown[]) : []) {
    const span = s as Record<string, unknown>;
    if (!isEntityType(span.type) || typeof span.start !== 'number' || typeof span.end !== 'number') {
      throw new Error('each span needs a known "type" and numeric "start" and "end"');
    }
    spans.push({ type: span.type, start: span.start, end: span.end });
  }
  const spanTypes = Array.isArray(r.span_types) ? (r.span_types as unknown[]).filter(isEntityType) : ANNOTATED_TYPES;
  return {
    id: r.id,
    lang: r.lang,
    text: r.text,
    labels,
    spans,
    spanTypes,
    ...(typeof r.category === 'string' ? { category: r.category } : {}),
    ...(typeof r.pair === 'string' ? { pair: r.pair } : {}),
  };
}
