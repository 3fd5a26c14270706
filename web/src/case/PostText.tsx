import { Group, Paper, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import type { Label, Segment } from '../api/types.js';
import { RevealDialog, type RevealTarget } from './RevealDialog.js';
import { toPieces, type EvidenceSpan, type Piece } from './highlight.js';

const INITIAL: Record<Label, string> = { dox: 'D', threat: 'T', bounty: 'B' };

interface Props {
  readonly caseId: number;
  readonly segments: readonly Segment[];
  readonly spans: readonly EvidenceSpan[];
  /** Reveal dialogs pause the case's keyboard shortcuts. */
  readonly onDialogChange: (open: boolean) => void;
}

/** The post with personal data masked; each masked span is a button that reveals it after a reason is given. */
export function PostText({ caseId, segments, spans, onDialogChange }: Props) {
  const [revealed, setRevealed] = useState<ReadonlyMap<number, string>>(new Map());
  const [target, setTarget] = useState<RevealTarget | null>(null);
  const pieces = toPieces(segments, spans);

  const choose = (next: RevealTarget | null) => {
    setTarget(next);
    onDialogChange(next !== null);
  };
  const hide = (finding: number) => {
    const next = new Map(revealed);
    next.delete(finding);
    setRevealed(next);
  };

  return (
    <Paper withBorder p="md">
      <div className="post-text" data-testid="post-text" lang="und">
        {pieces.map((piece) => (
          <PieceView key={piece.key} piece={piece} revealed={piece.kind === 'masked' ? revealed.get(piece.finding) : undefined} onReveal={choose} onHide={hide} />
        ))}
      </div>
      <RevealDialog
        caseId={caseId}
        target={target}
        onClose={() => choose(null)}
        onRevealed={(finding, text) => {
          setRevealed(new Map(revealed).set(finding, text));
          choose(null);
        }}
      />
    </Paper>
  );
}

function PieceView({ piece, revealed, onReveal, onHide }: { readonly piece: Piece; readonly revealed: string | undefined; readonly onReveal: (t: RevealTarget) => void; readonly onHide: (finding: number) => void }) {
  let body;
  if (piece.kind === 'text') body = piece.text;
  else if (revealed !== undefined)
    body = (
      <span className="revealed-span" data-testid={`revealed-${piece.finding}`}>
        <VisuallyHidden>revealed {piece.type}: </VisuallyHidden>
        {revealed}
        <button type="button" className="unmask-button" aria-label={`Mask ${piece.placeholder} again`} onClick={() => onHide(piece.finding)}>
          ×
        </button>
      </span>
    );
  else
    body = (
      <button type="button" className="masked-span" aria-label={`${piece.placeholder} — reveal`} title="Personal data, masked. Reveal with a reason (audited)." onClick={() => onReveal({ finding: piece.finding, type: piece.type, placeholder: piece.placeholder })}>
        {piece.placeholder}
      </button>
    );
  if (piece.labels.length === 0) return <>{body}</>;
  const className = piece.labels.length === 1 ? `ev ev-${piece.labels[0]}` : 'ev ev-multi';
  return (
    <mark className={className} title={`${piece.labels.join(', ')} evidence`}>
      {body}
      {piece.endsEvidence.length > 0 && (
        <>
          <sup className="ev-tag" aria-hidden="true">
            {piece.endsEvidence.map((l) => INITIAL[l]).join('')}
          </sup>
          <VisuallyHidden> (end of {piece.endsEvidence.join(' and ')} evidence)</VisuallyHidden>
        </>
      )}
    </mark>
  );
}

/** The legend: each label's colour, line style and letter, so colour is never the only cue. */
export function EvidenceLegend() {
  return (
    <Group gap="md" aria-label="Evidence legend" role="list">
      {(['dox', 'threat', 'bounty'] as const).map((label) => (
        <Text key={label} size="sm" role="listitem">
          <mark className={`ev ev-${label}`}>
            {label} evidence<sup className="ev-tag">{INITIAL[label]}</sup>
          </mark>
        </Text>
      ))}
      <Text size="sm" role="listitem">
        <mark className="ev ev-multi">several labels</mark>
      </Text>
    </Group>
  );
}
