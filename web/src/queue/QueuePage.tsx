import { Alert, Badge, Button, Group, Kbd, Loader, Table, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { messageOf } from '../api/client.js';
import type { CaseSummary } from '../api/types.js';
import { LabelBadges, SeverityBadge } from '../shared/badges.js';
import { formatActor, formatAge, fromNow, plural } from '../shared/format.js';
import { useNow } from '../shared/useNow.js';
import { fetchQueue, filtersFromSearch, rememberFilters, type QueueFilters as Filters } from './filters.js';
import { QueueFilters } from './QueueFilters.js';

/** Open cases, most severe then oldest; j/k move, Enter opens. */
export function QueuePage() {
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const navigate = useNavigate();
  const [selected, setSelected] = useState(0);
  const rows = useRef<(HTMLTableRowElement | null)[]>([]);
  const now = useNow();

  const queue = useInfiniteQuery({
    queryKey: ['queue', filters],
    queryFn: ({ pageParam }) => fetchQueue(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 30_000,
  });
  const cases = queue.data?.pages.flatMap((p) => p.items) ?? [];
  const actors = Object.assign({}, ...(queue.data?.pages.map((p) => p.actors ?? {}) ?? [])) as Record<string, string>;
  const current = Math.min(selected, Math.max(cases.length - 1, 0));

  useEffect(() => rememberFilters(search), [search]);

  const move = (delta: number) => {
    const next = Math.min(Math.max(current + delta, 0), cases.length - 1);
    setSelected(next);
    rows.current[next]?.focus();
  };
  const open = (item: CaseSummary | undefined) => {
    if (item !== undefined) void navigate(`/cases/${item.id}`);
  };
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
    ['Enter', () => open(cases[current])],
  ]);

  const setFilter = (name: keyof Filters, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value === null || value === '') next.delete(name);
    else next.set(name, value);
    setSelected(0);
    setSearch(next, { replace: true });
  };

  return (
    <>
      <Group justify="space-between" mb="sm" align="end">
        <Title order={2}>Queue</Title>
        <Text size="sm" c="dimmed">
          <Kbd>j</Kbd> <Kbd>k</Kbd> move · <Kbd>Enter</Kbd> open · <Kbd>?</Kbd> help
        </Text>
      </Group>
      <QueueFilters filters={filters} onChange={setFilter} />
      {queue.isError && (
        <Alert color="red" mt="md" role="alert">
          {messageOf(queue.error)}
        </Alert>
      )}
      {queue.isPending ? (
        <Loader mt="md" aria-label="Loading the queue" />
      ) : (
        <Table.ScrollContainer minWidth={820} mt="md">
          <Table highlightOnHover aria-label="Open cases" data-testid="queue-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Case</Table.Th>
                <Table.Th>Severity</Table.Th>
                <Table.Th>Labels</Table.Th>
                <Table.Th>Language</Table.Th>
                <Table.Th>Watchlist</Table.Th>
                <Table.Th>Campaign</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th>Age</Table.Th>
                <Table.Th>Held by</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cases.map((item, index) => (
                <QueueRow key={item.id} item={item} actors={actors} now={now} selected={index === current} rowRef={(el) => (rows.current[index] = el)} onSelect={() => setSelected(index)} onOpen={() => open(item)} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {queue.isSuccess && cases.length === 0 && (
        <Text mt="md" data-testid="queue-empty">
          No open cases match these filters.
        </Text>
      )}
      {queue.hasNextPage && (
        <Button variant="default" mt="md" onClick={() => void queue.fetchNextPage()} loading={queue.isFetchingNextPage}>
          Load more
        </Button>
      )}
    </>
  );
}

interface RowProps {
  readonly item: CaseSummary;
  readonly actors: Readonly<Record<string, string>>;
  readonly now: number;
  readonly selected: boolean;
  readonly rowRef: (el: HTMLTableRowElement | null) => void;
  readonly onSelect: () => void;
  readonly onOpen: () => void;
}

function QueueRow({ item, actors, now, selected, rowRef, onSelect, onOpen }: RowProps) {
  const overdue = item.dueAt < now;
  const heldByOther = item.lockedBy !== null && !item.lockedByMe && (item.lockedUntil ?? 0) > now;
  return (
    <Table.Tr ref={rowRef} className="queue-row" aria-selected={selected} tabIndex={selected ? 0 : -1} onClick={onSelect} onFocus={onSelect} onDoubleClick={onOpen} data-testid={`queue-row-${item.id}`}>
      <Table.Td>
        <Link to={`/cases/${item.id}`}>Case {item.id}</Link>
      </Table.Td>
      <Table.Td>
        <SeverityBadge severity={item.severity} />
      </Table.Td>
      <Table.Td>
        <LabelBadges labels={item.labels} />
      </Table.Td>
      <Table.Td>{item.language ?? '—'}</Table.Td>
      <Table.Td>{item.watchlistHits > 0 ? <Badge color="red" variant="light">{item.watchlistHits} hit{item.watchlistHits === 1 ? '' : 's'}</Badge> : '—'}</Table.Td>
      <Table.Td>{item.campaignId === null ? '—' : item.campaignSize === null ? 'in a campaign' : plural(item.campaignSize, 'post')}</Table.Td>
      <Table.Td>{overdue ? <Badge color="red">overdue {fromNow(item.dueAt, now)}</Badge> : fromNow(item.dueAt, now)}</Table.Td>
      <Table.Td>{formatAge(now - item.createdAt)}</Table.Td>
      <Table.Td>{item.lockedByMe ? 'you' : heldByOther && item.lockedBy !== null ? formatActor(item.lockedBy, actors) : '—'}</Table.Td>
    </Table.Tr>
  );
}
