import type { Label, LabelResult, Segment } from '../api/types.js';
import { LABELS } from '../api/types.js';

export interface EvidenceSpan {
  readonly label: Label;
  readonly start: number;
  readonly end: number;
}

/** A run of the post to draw: plain or masked, with the labels whose evidence covers it. */
export type Piece =
  | { readonly kind: 'text'; readonly key: string; readonly text: string; readonly labels: readonly Label[]; readonly endsEvidence: readonly Label[] }
  | { readonly kind: 'masked'; readonly key: string; readonly finding: number; readonly type: string; readonly placeholder: string; readonly labels: readonly Label[]; readonly endsEvidence: readonly Label[] };

export function evidenceSpans(labels: Record<Label, LabelResult> | undefined): EvidenceSpan[] {
  if (labels === undefined) return [];
  return LABELS.flatMap((label) => (labels[label].flagged ? labels[label].evidence.map((e) => ({ label, start: e.start, end: e.end })) : []));
}

const covering = (spans: readonly EvidenceSpan[], start: number, end: number): Label[] => [...new Set(spans.filter((s) => s.start < end && s.end > start).map((s) => s.label))];
const ending = (spans: readonly EvidenceSpan[], start: number, end: number): Label[] => [...new Set(spans.filter((s) => s.end > start && s.end <= end).map((s) => s.label))];

/**
 * Splits the segments at every evidence boundary so each piece is covered by one fixed set of
 * labels. Segment offsets and evidence offsets are both offsets into the original text.
 */
export function toPieces(segments: readonly Segment[], spans: readonly EvidenceSpan[]): Piece[] {
  const pieces: Piece[] = [];
  for (const segment of segments) {
    if (segment.kind === 'masked') {
      const labels = covering(spans, segment.start, segment.end);
      pieces.push({ kind: 'masked', key: `m${segment.start}`, finding: segment.finding, type: segment.type, placeholder: segment.placeholder, labels, endsEvidence: ending(spans, segment.start, segment.end) });
      continue;
    }
    const cuts = new Set([segment.start, segment.end]);
    for (const span of spans) {
      if (span.start > segment.start && span.start < segment.end) cuts.add(span.start);
      if (span.end > segment.start && span.end < segment.end) cuts.add(span.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i] as number;
      const end = points[i + 1] as number;
      const text = segment.text.slice(start - segment.start, end - segment.start);
      pieces.push({ kind: 'text', key: `t${start}`, text, labels: covering(spans, start, end), endsEvidence: ending(spans, start, end) });
    }
  }
  return pieces;
}

/** The text of [start, end) as the reviewer may see it: masked parts stay placeholders. */
export function maskedExcerpt(segments: readonly Segment[], start: number, end: number): string {
  let text = '';
  for (const segment of segments) {
    if (segment.end <= start || segment.start >= end) continue;
    if (segment.kind === 'masked') text += segment.placeholder;
    else text += segment.text.slice(Math.max(start, segment.start) - segment.start, Math.min(end, segment.end) - segment.start);
  }
  return text;
}
