import { Paper, SimpleGrid, Text } from '@mantine/core';
import { LABELS, type Stats } from '../api/types.js';

const percent = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`);

function Stat({ label, value, hint }: { readonly label: string; readonly value: string; readonly hint?: string }) {
  return (
    <Paper withBorder p="md">
      <Text size="sm">{label}</Text>
      <Text fz={28} fw={700} data-testid={`stat-${label.toLowerCase().replaceAll(' ', '-')}`}>
        {value}
      </Text>
      {hint !== undefined && <Text size="xs">{hint}</Text>}
    </Paper>
  );
}

/** The numbers a shift lead looks at first: queue size, overdue cases, and how often reviewers agree with the engine. */
export function QueueAndAgreement({ stats }: { readonly stats: Stats }) {
  const { agreement, queue } = stats;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
      <Stat label="Open cases" value={String(queue.open)} />
      <Stat label="Overdue" value={String(queue.overdue)} />
      <Stat label="Agreement" value={agreement.decided === 0 ? '—' : percent(agreement.agreed / agreement.decided)} hint={`${agreement.agreed} of ${agreement.decided} decided`} />
      {LABELS.map((label) => (
        <Stat key={label} label={`Precision ${label}`} value={percent(agreement.precision[label])} hint="confirmed by reviewers" />
      ))}
    </SimpleGrid>
  );
}
