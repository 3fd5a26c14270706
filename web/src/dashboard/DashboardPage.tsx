import { Alert, Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { AreaChart, BarChart } from '@mantine/charts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, messageOf, query } from '../api/client.js';
import type { Stats, StatsBucket } from '../api/types.js';
import { ChartFigure } from '../shared/ChartFigure.js';
import { formatAge } from '../shared/format.js';
import { useNow } from '../shared/useNow.js';
import { QueueAndAgreement } from './QueueAndAgreement.js';

const RANGES = {
  '24h': { ms: 24 * 3_600_000, bucket: 'hour' },
  '7d': { ms: 7 * 86_400_000, bucket: 'day' },
  '30d': { ms: 30 * 86_400_000, bucket: 'day' },
} as const;
type Range = keyof typeof RANGES;

const COLORS = ['indigo.7', 'red.8', 'teal.8', 'orange.8', 'grape.7', 'cyan.8', 'gray.7'];

/** Volume by label, language and action over time, the queue's size and age, and reviewer agreement. */
export function DashboardPage() {
  const [range, setRange] = useState<Range>('24h');
  const stats = useQuery({
    queryKey: ['stats', range],
    queryFn: () => {
      const to = Date.now();
      return api<Stats>('GET', `/v1/stats${query({ from: to - RANGES[range].ms, to, bucket: RANGES[range].bucket })}`);
    },
    refetchInterval: 60_000,
  });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Dashboard</Title>
        <SegmentedControl aria-label="Time range" value={range} onChange={(v) => setRange(v as Range)} data={Object.keys(RANGES)} />
      </Group>
      {stats.isPending && <Loader aria-label="Loading statistics" />}
      {stats.isError && (
        <Alert color="red" role="alert">
          {messageOf(stats.error)}
        </Alert>
      )}
      {stats.data !== undefined && (
        <>
          <QueueAndAgreement stats={stats.data} />
          <SimpleGrid cols={{ base: 1, lg: 3 }}>
            <VolumeChart title="Posts by label" volume={stats.data.volume} pick={(b) => b.byLabel} bucket={RANGES[range].bucket} />
            <VolumeChart title="Posts by language" volume={stats.data.volume} pick={(b) => b.byLanguage} bucket={RANGES[range].bucket} />
            <VolumeChart title="Posts by recommended action" volume={stats.data.volume} pick={(b) => b.byAction} bucket={RANGES[range].bucket} />
          </SimpleGrid>
          <QueueAges stats={stats.data} />
        </>
      )}
    </Stack>
  );
}

const bucketFormat = {
  hour: new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }),
  day: new Intl.DateTimeFormat('en-GB', { month: 'short', day: 'numeric' }),
};

function VolumeChart({ title, volume, pick, bucket }: { readonly title: string; readonly volume: readonly StatsBucket[]; readonly pick: (b: StatsBucket) => Record<string, number>; readonly bucket: 'hour' | 'day' }) {
  const keys = [...new Set(volume.flatMap((b) => Object.keys(pick(b))))].sort();
  const data = volume.map((b) => ({ at: bucketFormat[bucket].format(b.at), ...Object.fromEntries(keys.map((k) => [k, pick(b)[k] ?? 0])) }));
  return (
    <Paper withBorder p="md">
      <ChartFigure caption={title} columns={['Time', ...keys]} rows={data.map((d) => [d.at, ...keys.map((k) => (d as Record<string, number | string>)[k] ?? 0)])}>
        {keys.length === 0 ? (
          <Text size="sm">No posts in this range.</Text>
        ) : (
          <AreaChart h={200} data={data} dataKey="at" type="stacked" withLegend withDots={false} areaChartProps={{ accessibilityLayer: false }} series={keys.map((k, i) => ({ name: k, color: COLORS[i % COLORS.length] ?? 'gray.7' }))} />
        )}
      </ChartFigure>
    </Paper>
  );
}

function QueueAges({ stats }: { readonly stats: Stats }) {
  const { ages } = stats.queue;
  const now = useNow();
  const data = [
    { age: 'under 1h', cases: ages.under1h },
    { age: '1–4h', cases: ages.under4h },
    { age: '4–24h', cases: ages.under24h },
    { age: 'over 24h', cases: ages.over24h },
  ];
  return (
    <Paper withBorder p="md">
      <ChartFigure caption="Open cases by age" columns={['Age', 'Cases']} rows={data.map((d) => [d.age, d.cases])}>
        <BarChart h={180} data={data} dataKey="age" series={[{ name: 'cases', color: 'indigo.7', label: 'Open cases' }]} barChartProps={{ accessibilityLayer: false }} />
      </ChartFigure>
      {stats.queue.oldestCreatedAt !== null && (
        <Text size="sm" mt="xs">
          Oldest open case: {formatAge(now - stats.queue.oldestCreatedAt)}
        </Text>
      )}
    </Paper>
  );
}
