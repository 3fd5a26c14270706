import { Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { LABELS, type Label, type LabelResult, type Segment } from '../api/types.js';
import { maskedExcerpt } from './highlight.js';

/** Each label's verdict, score, explanation and evidence (with masked data still masked). */
export function LabelsPanel({ labels, segments }: { readonly labels: Record<Label, LabelResult>; readonly segments: readonly Segment[] | undefined }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="labels-title">
      <Title order={3} size="h5" id="labels-title" mb="sm">
        Labels and explanations
      </Title>
      <Stack gap="md">
        {LABELS.map((label) => (
          <LabelBlock key={label} label={label} result={labels[label]} segments={segments} />
        ))}
      </Stack>
    </Paper>
  );
}

function LabelBlock({ label, result, segments }: { readonly label: Label; readonly result: LabelResult; readonly segments: readonly Segment[] | undefined }) {
  return (
    <div data-testid={`label-${label}`}>
      <Group gap="xs">
        <Text fw={700}>{label}</Text>
        <Badge color={result.flagged ? 'red.8' : 'gray.7'} variant={result.flagged ? 'filled' : 'outline'}>
          {result.flagged ? 'flagged' : 'not flagged'}
        </Badge>
        <Text size="sm" c="dimmed">
          score {result.score.toFixed(2)} (threshold {result.threshold.toFixed(2)})
        </Text>
      </Group>
      <Text size="sm" mt={4}>
        {result.explanation}
      </Text>
      {result.flagged && result.evidence.length > 0 && (
        <List size="sm" mt={4} aria-label={`${label} evidence`}>
          {result.evidence.map((e) => (
            <List.Item key={`${e.start}-${e.end}-${e.signal}`}>
              {segments !== undefined && <q>{maskedExcerpt(segments, e.start, e.end)}</q>} — {e.reason}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}
