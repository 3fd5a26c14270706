import { SimpleGrid, Stack, Table, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { WatchlistPerson } from '../api/types.js';
import { formatTime } from '../shared/format.js';
import { AdminTable } from './AdminTable.js';
import { ConfirmButton } from './ConfirmButton.js';
import { useAdminMutation } from './useAdminMutation.js';
import { WatchlistAddForm } from './WatchlistAddForm.js';
import { WatchlistImport } from './WatchlistImport.js';

const KEY = ['watchlist'];

/** Protected persons: labels and hash counts only — identifiers go in and are never shown back. */
export function WatchlistAdmin() {
  const list = useQuery({ queryKey: KEY, queryFn: () => api<{ items: WatchlistPerson[] }>('GET', '/v1/watchlist'), select: (page) => page.items });
  const mutate = useAdminMutation(KEY);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <WatchlistAddForm />
        <WatchlistImport />
      </SimpleGrid>
      <AdminTable
        id="watchlist-list-title"
        title="Protected persons"
        query={list}
        headers={['Label', 'Stored hashes per field', 'Added', <VisuallyHidden key="actions">Actions</VisuallyHidden>]}
        minWidth={560}
        tableLabel="Protected persons"
        testId="watchlist-table"
        empty="Nobody is on the watchlist."
        row={(person) => (
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
        )}
      />
    </Stack>
  );
}
