import { Anchor, List, Paper, Text, Timeline, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { CampaignBrief, Decision, HistoryEntry } from '../api/types.js';
import { formatActor, formatTime, plural } from '../shared/format.js';

export function WatchlistHits({ hits }: { readonly hits: readonly { readonly personId: number; readonly label?: string; readonly field: string }[] }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="watchlist-title">
      <Title order={3} size="h5" id="watchlist-title" mb="xs">
        Watchlist
      </Title>
      {hits.length === 0 ? (
        <Text size="sm">No protected person named.</Text>
      ) : (
        <List size="sm" data-testid="watchlist-hits">
          {hits.map((hit) => (
            <List.Item key={`${hit.personId}-${hit.field}`}>
              <strong>{hit.label ?? `Protected person ${hit.personId}`}</strong> — matched field: {hit.field.replace('_', ' ')}
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

export function CampaignCard({ campaign, campaignId }: { readonly campaign: CampaignBrief | null | undefined; readonly campaignId: number | null }) {
  if (campaignId === null && (campaign === null || campaign === undefined)) return null;
  const id = campaign?.id ?? campaignId;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="campaign-title">
      <Title order={3} size="h5" id="campaign-title" mb="xs">
        Campaign
      </Title>
      {campaign !== null && campaign !== undefined && (
        <Text size="sm">
          {plural(campaign.postCount, 'post')} by {plural(campaign.authorCount, 'author')} in {plural(campaign.channelCount, 'channel')}, {formatTime(campaign.firstSeen)} – {formatTime(campaign.lastSeen)}.
        </Text>
      )}
      <Anchor component={Link} to={`/campaigns/${id}`} size="sm">
        Open campaign {id}
      </Anchor>
    </Paper>
  );
}

const detailsText = (details: Record<string, unknown> | null): string =>
  details === null
    ? ''
    : Object.entries(details)
        .filter(([, v]) => v !== null && typeof v !== 'object')
        .map(([k, v]) => `${k}: ${typeof v === 'number' && /(?:At|Until)$/.test(k) ? formatTime(v) : String(v)}`)
        .join(' · ');

export function CaseHistory({ history, decisions, actors }: { readonly history: readonly HistoryEntry[] | undefined; readonly decisions: readonly Decision[]; readonly actors: Readonly<Record<string, string>> | undefined }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="history-title">
      <Title order={3} size="h5" id="history-title" mb="sm">
        History
      </Title>
      {history !== undefined ? (
        <Timeline bulletSize={12} lineWidth={2} data-testid="case-history">
          {history.map((entry, index) => (
            <Timeline.Item key={`${entry.at}-${index}`} title={entry.action}>
              <Text size="xs">
                {formatTime(entry.at)} · {formatActor(entry.actor, actors)}
              </Text>
              {entry.details !== null && <Text size="xs">{detailsText(entry.details)}</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      ) : (
        <List size="sm">
          {decisions.map((d) => (
            <List.Item key={d.id}>
              {formatTime(d.createdAt)} · {formatActor(d.actor, actors)} decided <strong>{d.action}</strong>: {d.reason}
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}
