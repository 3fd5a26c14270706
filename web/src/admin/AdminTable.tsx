import { Alert, Loader, Paper, Table, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { messageOf } from '../api/client.js';

interface Props<T> {
  /** Id of the heading that names the section and the table. */
  readonly id: string;
  readonly title: string;
  readonly query: UseQueryResult<readonly T[]>;
  readonly headers: readonly ReactNode[];
  readonly row: (item: T) => ReactNode;
  readonly minWidth: number;
  /** The table's accessible name. */
  readonly tableLabel: string;
  readonly testId: string;
  /** Shown instead of an empty table. */
  readonly empty?: string;
}

/** One admin list: a titled section with its loading state, error, and table. */
export function AdminTable<T>({ id, title, query, headers, row, minWidth, tableLabel, testId, empty }: Props<T>) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={3} size="h5" id={id} mb="xs">
        {title}
      </Title>
      {query.isPending && <Loader size="sm" aria-label={`Loading ${title.toLowerCase()}`} />}
      {query.isError && <Alert color="red">{messageOf(query.error)}</Alert>}
      {query.data !== undefined && query.data.length === 0 && empty !== undefined && <Text size="sm">{empty}</Text>}
      {query.data !== undefined && (query.data.length > 0 || empty === undefined) && (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table aria-label={tableLabel} data-testid={testId}>
            <Table.Thead>
              <Table.Tr>
                {headers.map((header, i) => (
                  <Table.Th key={i}>{header}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{query.data.map(row)}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
