import { Alert, Badge, Code, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, messageOf } from '../api/client.js';
import type { PolicyView } from '../api/types.js';

/** The policy in force: its rules and what the shadow rules would have changed. */
export function PolicyAdmin() {
  const policy = useQuery({ queryKey: ['policy'], queryFn: () => api<PolicyView>('GET', '/v1/policy') });
  if (policy.isPending) return <Loader size="sm" aria-label="Loading the policy" />;
  if (policy.isError) return <Alert color="red">{messageOf(policy.error)}</Alert>;
  const p = policy.data;
  return (
    <Stack gap="md">
      <Text>
        Policy <strong>{p.id}</strong>, version {String(p.version)}
      </Text>
      <Paper withBorder p="md" component="section" aria-labelledby="rules-title">
        <Title order={3} size="h5" id="rules-title" mb="xs">
          Rules
        </Title>
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label="Policy rules" data-testid="policy-rules">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Rule</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Description</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.rules.map((r) => (
                <Table.Tr key={r.name}>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td>
                    <Code>{r.when}</Code>
                  </Table.Td>
                  <Table.Td>{r.action}</Table.Td>
                  <Table.Td>{r.shadow ? <Badge variant="outline" color="gray.7">shadow</Badge> : <Badge color="teal.9">live</Badge>}</Table.Td>
                  <Table.Td>{r.description ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="shadow-title">
        <Title order={3} size="h5" id="shadow-title" mb="xs">
          Shadow results
        </Title>
        {p.shadow.length === 0 ? (
          <Text size="sm">No shadow rules, or none has matched a stored assessment.</Text>
        ) : (
          <Table aria-label="Shadow results" data-testid="policy-shadow">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Rule</Table.Th>
                <Table.Th>Matched</Table.Th>
                <Table.Th>Would change the action</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.shadow.map((s) => (
                <Table.Tr key={s.rule}>
                  <Table.Td>{s.rule}</Table.Td>
                  <Table.Td>{s.matched}</Table.Td>
                  <Table.Td>{s.wouldChange}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
