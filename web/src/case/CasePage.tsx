import { Alert, Anchor, Badge, Button, Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, messageOf } from '../api/client.js';
import type { Action, CaseDetails } from '../api/types.js';
import { LabelBadges, SeverityBadge } from '../shared/badges.js';
import { formatActor, formatTime, fromNow } from '../shared/format.js';
import { useNow } from '../shared/useNow.js';
import { nextCaseId } from '../queue/filters.js';
import { CampaignCard, CaseHistory, WatchlistHits } from './ContextPanels.js';
import { DecisionPanel } from './DecisionPanel.js';
import { evidenceSpans } from './highlight.js';
import { LabelsPanel } from './LabelsPanel.js';
import { EvidenceLegend, PostText } from './PostText.js';
import { useClaim, type ClaimState } from './useClaim.js';
import { usePolicyActions } from './usePolicyActions.js';

/** One case: claimed on open, the masked post with evidence, explanations, context and the decision. */
export function CasePage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialogOpen, setDialogOpen] = useState(false);
  const details = useQuery({ queryKey: ['case', id], queryFn: () => api<CaseDetails>('GET', `/v1/cases/${id}`), staleTime: 0 });
  const item = details.data;
  const { state: claim, retry } = useClaim(id, item?.status === 'open');
  const actions = usePolicyActions(item?.recommendedAction);

  if (details.isPending) return <Loader aria-label="Loading the case" />;
  if (details.isError)
    return (
      <Alert color="red" role="alert" title={`Case ${id}`}>
        {messageOf(details.error)} <Anchor component={Link} to="/queue">Back to the queue</Anchor>
      </Alert>
    );
  if (item === undefined) return null;

  const decide = async (action: Action, reason: string) => {
    await api('POST', `/v1/cases/${id}/decision`, { body: { action, reason } });
    notifications.show({ message: `Case ${id}: ${action}`, color: 'teal' });
    void queryClient.invalidateQueries({ queryKey: ['queue'] });
    queryClient.removeQueries({ queryKey: ['case', id] });
    const next = await nextCaseId(id).catch(() => undefined);
    void navigate(next === undefined ? '/queue' : `/cases/${next}`);
  };

  const segments = item.post.segments;
  const labels = item.assessment?.labels;
  return (
    <Stack gap="md">
      <CaseHeader item={item} />
      <ClaimNotice claim={claim} status={item.status} onRetry={retry} />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <section aria-labelledby="post-title">
              <Group justify="space-between" mb="xs">
                <Title order={3} size="h5" id="post-title">
                  Post
                </Title>
                <EvidenceLegend />
              </Group>
              <PostBody item={item} onDialogChange={setDialogOpen} />
            </section>
            {labels !== undefined && <LabelsPanel labels={labels} segments={segments} />}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <DecisionPanel key={id} actions={actions} recommended={item.recommendedAction} keysEnabled={!dialogOpen} disabledReason={decisionBlocked(claim, item.status)} onDecide={decide} />
            <WatchlistHits hits={item.watchlistHits} />
            <CampaignCard campaign={item.campaign} campaignId={item.campaignId} />
            <CaseHistory history={item.history} decisions={item.decisions} actors={item.actors} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function decisionBlocked(claim: ClaimState, status: string): string | null {
  if (status !== 'open') return 'This case is already decided.';
  if (claim.kind === 'locked') return 'Another reviewer holds this case.';
  if (claim.kind === 'claiming') return 'Claiming the case…';
  if (claim.kind === 'failed') return 'The case could not be claimed.';
  if (claim.kind === 'decided') return 'This case is already decided.';
  return null;
}

function CaseHeader({ item }: { readonly item: CaseDetails }) {
  const labels = item.assessment === null ? [] : (['dox', 'threat', 'bounty'] as const).filter((l) => item.assessment?.labels[l].flagged === true);
  const now = useNow();
  const overdue = item.status === 'open' && item.dueAt < now;
  return (
    <Group justify="space-between" align="start">
      <Stack gap={4}>
        <Title order={2}>Case {item.id}</Title>
        <Group gap="xs">
          <SeverityBadge severity={item.severity} />
          <LabelBadges labels={labels} />
          <Badge variant="outline" color="dark">
            {item.status}
          </Badge>
          {item.assessment !== null && <Text size="sm">language: {item.assessment.language}</Text>}
          <Text size="sm" c={overdue ? 'red.9' : undefined} fw={overdue ? 700 : undefined}>
            {item.status === 'open' ? `due ${fromNow(item.dueAt, now)}` : item.decidedAt === null ? '' : `decided ${formatTime(item.decidedAt)}`}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {item.post.source}
          {item.post.channel === null ? '' : ` · ${item.post.channel}`}
          {item.post.author === null ? '' : ` · by ${item.post.author}`} · received {formatTime(item.post.receivedAt)}
        </Text>
      </Stack>
      <Button component={Link} to="/queue" variant="default" size="xs">
        Back to the queue
      </Button>
    </Group>
  );
}

function ClaimNotice({ claim, status, onRetry }: { readonly claim: ClaimState; readonly status: string; readonly onRetry: () => void }) {
  const now = useNow();
  if (status !== 'open') return null;
  if (claim.kind === 'locked')
    return (
      <Alert color="yellow" role="status" title="Held by another reviewer" data-testid="case-locked">
        <Group justify="space-between">
          <Text size="sm">
            {formatActor(claim.lockedBy)} is working on this case{claim.lockedUntil === null ? '' : ` (lock ends ${fromNow(claim.lockedUntil, now)})`}. You can read it but not decide.
          </Text>
          <Button size="xs" variant="default" onClick={onRetry}>
            Try again
          </Button>
        </Group>
      </Alert>
    );
  if (claim.kind === 'failed')
    return (
      <Alert color="red" role="alert">
        {claim.message}
      </Alert>
    );
  if (claim.kind === 'held')
    return (
      <Text size="sm" data-testid="case-claimed" role="status">
        You hold this case until {formatTime(claim.lockedUntil)}; it is renewed while the page is open.
      </Text>
    );
  return null;
}

function PostBody({ item, onDialogChange }: { readonly item: CaseDetails; readonly onDialogChange: (open: boolean) => void }) {
  if (item.post.purgedAt !== null || item.post.text === null) return <Text>The post text was purged on {formatTime(item.post.purgedAt ?? 0)}.</Text>;
  const segments = item.post.segments ?? [{ start: 0, end: item.post.text.length, kind: 'text' as const, text: item.post.text }];
  return <PostText caseId={item.id} segments={segments} spans={evidenceSpans(item.assessment?.labels)} onDialogChange={onDialogChange} />;
}
