import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  readonly children: ReactNode;
}

/** A chart with a caption and its numbers as a table, for screen readers and exact values. */
export function ChartFigure({ caption, columns, rows, children }: Props) {
  return (
    <figure style={{ margin: 0 }}>
      <Text component="figcaption" fw={600} size="sm" mb="xs">
        {caption}
      </Text>
      <div aria-hidden="true">{children}</div>
      <details>
        <summary>
          <Text component="span" size="sm">
            Data table
          </Text>
        </summary>
        <Table.ScrollContainer minWidth={300} maxHeight={240}>
          <Table fz="xs" aria-label={caption}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c}>{c}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, i) => (
                <Table.Tr key={i}>
                  {row.map((cell, j) => (
                    <Table.Td key={j}>{cell}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </details>
    </figure>
  );
}
