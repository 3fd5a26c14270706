import { Badge, Button, Code, CopyButton, Group, Modal, MultiSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { ApiKey } from '../api/types.js';
import { formatTime } from '../shared/format.js';
import { AdminTable } from './AdminTable.js';
import { ConfirmButton } from './ConfirmButton.js';
import { useAdminMutation } from './useAdminMutation.js';

const KEY = ['keys'];
const ROLE_OPTIONS = ['ingest', 'reviewer', 'admin'];

async function fetchKeys(): Promise<ApiKey[]> {
  const body = await api<ApiKey[] | { items: ApiKey[] }>('GET', '/v1/keys');
  return Array.isArray(body) ? body : body.items;
}

/** API keys: list, create (the token is shown once), revoke. */
export function KeysAdmin() {
  const keys = useQuery({ queryKey: KEY, queryFn: fetchKeys });
  const mutate = useAdminMutation(KEY);
  return (
    <Stack gap="md">
      <CreateKeyForm />
      <AdminTable
        id="keys-title"
        title="Keys"
        query={keys}
        headers={['Name', 'Id', 'Roles', 'Rate limit', 'Created', 'Status']}
        minWidth={640}
        tableLabel="API keys"
        testId="keys-table"
        row={(k) => (
          <Table.Tr key={k.id}>
            <Table.Td>{k.name}</Table.Td>
            <Table.Td>
              <Code>{k.id}</Code>
            </Table.Td>
            <Table.Td>{k.roles.join(', ')}</Table.Td>
            <Table.Td>{k.rateLimit === null ? 'default' : `${k.rateLimit}/min`}</Table.Td>
            <Table.Td>{formatTime(k.createdAt)}</Table.Td>
            <Table.Td>
              {k.revokedAt !== null ? (
                <Badge color="gray.7" variant="outline">
                  revoked {formatTime(k.revokedAt)}
                </Badge>
              ) : (
                <ConfirmButton
                  label="Revoke"
                  ariaLabel={`Revoke key ${k.name}`}
                  confirmLabel="Revoke key"
                  question={`Revoke the key "${k.name}"? Clients using it are refused from now on.`}
                  onConfirm={async () => void (await mutate(() => api('DELETE', `/v1/keys/${k.id}`), `Key ${k.name} revoked`))}
                />
              )}
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}

function CreateKeyForm() {
  const mutate = useAdminMutation(KEY);
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<string[]>(['reviewer']);
  const [rateLimit, setRateLimit] = useState<string | number>('');
  const [token, setToken] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '' || roles.length === 0) return;
    setBusy(true);
    const body = { name: name.trim(), roles, ...(typeof rateLimit === 'number' ? { rateLimit } : {}) };
    const created = await mutate(() => api<ApiKey & { token: string }>('POST', '/v1/keys', { body }), `Key ${name.trim()} created`);
    setBusy(false);
    if (created !== undefined) {
      setName('');
      setRateLimit('');
      setToken(created.token);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="key-create-title">
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <Title order={3} size="h5" id="key-create-title">
            Create a key
          </Title>
          <Group align="end">
            <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} required maxLength={200} />
            <MultiSelect label="Roles" data={ROLE_OPTIONS} value={roles} onChange={setRoles} w={260} />
            <NumberInput label="Rate limit (per minute)" placeholder="server default" value={rateLimit} onChange={setRateLimit} min={1} allowDecimal={false} w={200} />
            <Button type="submit" loading={busy}>
              Create key
            </Button>
          </Group>
        </Stack>
      </form>
      <Modal opened={token !== null} onClose={() => setToken(null)} title="New API key" closeOnClickOutside={false}>
        <Stack>
          <Text>Copy the key now: it is shown only once and cannot be recovered.</Text>
          <Code block data-testid="new-key-token">
            {token}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={token ?? ''}>{({ copied, copy }) => <Button variant="default" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton>
            <Button onClick={() => setToken(null)}>Done</Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
