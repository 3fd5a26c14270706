import { Alert, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, messageOf } from '../api/client.js';
import type { CampaignDetails } from '../api/types.js';
import { SeverityBadge } from '../shared/badges.js';
import { ChartFigure } from '../shared/ChartFigure.js';
import { formatTime, plural } from '../shared/format.js';
import { CampaignAction } from './CampaignAction.js';

const hourFormat = new Intl.DateTimeFormat('en-GB', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A campaign: posts per hour, its authors and channels, and one action for all its open cases. */
export function CampaignPage() {
  const id = Number(useParams().id);
  const campaign = useQuery({ queryKey: ['campaign', id], queryFn: () => api<CampaignDetails>('GET', `/v1/campaigns/${id}`) });

  if (campaign.isPending) return <Loader aria-label="Loading the campaign" />;
  if (campaign.isError)
    return (
      <Alert color="red" role="alert">
        {messageOf(campaign.error)}
      </Alert>
    );
  const c = campaign.data;
  const openCases = c.openCases ?? c.cases.open;
  const timeline = c.timeline.map((t) => ({ hour: hourFormat.format(t.hour), posts: t.posts }));
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Campaign {c.id}</Title>
        <SeverityBadge severity={c.maxSeverity} />
      </Group>
      <Text size="sm">
        {plural(c.postCount, 'post')} by {plural(c.authorCount, 'author')} in {plural(c.channelCount, 'channel')} · {formatTime(c.firstSeen)} – {formatTime(c.lastSeen)} · {plural(openCases, 'open case')}
      </Text>
      <Paper withBorder p="md">
        <ChartFigure caption="Posts per hour (UTC hours, shown in local time)" columns={['Hour', 'Posts']} rows={timeline.map((t) => [t.hour, t.posts])}>
          <BarChart h={220} data={timeline} dataKey="hour" series={[{ name: 'posts', color: 'indigo.7', label: 'Posts' }]} tickLine="y" barChartProps={{ accessibilityLayer: false }} />
        </ChartFigure>
      </Paper>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <CountTable title="Authors" rows={(c.authors ?? []).map((a) => [a.author, a.posts])} />
        <CountTable title="Channels" rows={(c.channels ?? []).map((a) => [a.channel, a.posts])} />
      </SimpleGrid>
      <CampaignAction campaignId={c.id} openCases={openCases} />
    </Stack>
  );
}

function CountTable({ title, rows }: { readonly title: string; readonly rows: readonly (readonly [string, number])[] }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm">None recorded.</Text>
      ) : (
        <Table.ScrollContainer minWidth={240} maxHeight={320}>
          <Table fz="sm" aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{title.slice(0, -1)}</Table.Th>
                <Table.Th>Posts</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(([name, posts]) => (
                <Table.Tr key={name}>
                  <Table.Td>{name}</Table.Td>
                  <Table.Td>{posts}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
