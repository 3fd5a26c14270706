import { Alert, Loader, Paper, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, messageOf } from '../api/client.js';
import type { WatchlistPerson } from '../api/types.js';
import { formatTime } from '../shared/format.js';
import { ConfirmButton } from './ConfirmButton.js';
import { useAdminMutation } from './useAdminMutation.js';
import { WatchlistAddForm } from './WatchlistAddForm.js';
import { WatchlistImport } from './WatchlistImport.js';

const KEY = ['watchlist'];

/** Protected persons: labels and hash counts only — identifiers go in and are never shown back. */
export function WatchlistAdmin() {
  const list = useQuery({ queryKey: KEY, queryFn: () => api<{ items: WatchlistPerson[] }>('GET', '/v1/watchlist') });
  const mutate = useAdminMutation(KEY);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <WatchlistAddForm />
        <WatchlistImport />
      </SimpleGrid>
      <Paper withBorder p="md" component="section" aria-labelledby="watchlist-list-title">
        <Title order={3} size="h5" id="watchlist-list-title" mb="xs">
          Protected persons
        </Title>
        {list.isPending && <Loader size="sm" aria-label="Loading the watchlist" />}
        {list.isError && <Alert color="red">{messageOf(list.error)}</Alert>}
        {list.data !== undefined && list.data.items.length === 0 && <Text size="sm">Nobody is on the watchlist.</Text>}
        {list.data !== undefined && list.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label="Protected persons" data-testid="watchlist-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Label</Table.Th>
                  <Table.Th>Stored hashes per field</Table.Th>
                  <Table.Th>Added</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((person) => (
                  <Table.Tr key={person.id}>
                    <Table.Td>{person.label}</Table.Td>
                    <Table.Td>
                      {Object.entries(person.fields)
                        .map(([field, count]) => `${field.replace('_', ' ')} ${count}`)
                        .join(', ')}
                    </Table.Td>
                    <Table.Td>{formatTime(person.createdAt)}</Table.Td>
                    <Table.Td>
                      <ConfirmButton
                        label="Remove"
                        ariaLabel={`Remove ${person.label}`}
                        confirmLabel="Remove from watchlist"
                        question={`Remove ${person.label} from the watchlist? Their hashes are deleted; past hits and the audit trail stay.`}
                        onConfirm={async () => void (await mutate(() => api('DELETE', `/v1/watchlist/${person.id}`), `${person.label} removed`))}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
