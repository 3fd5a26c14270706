import { Badge, Button, Group, Paper, PasswordInput, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { Role, User } from '../api/types.js';
import { formatTime } from '../shared/format.js';
import { AdminTable } from './AdminTable.js';
import { ConfirmButton } from './ConfirmButton.js';
import { useAdminMutation } from './useAdminMutation.js';

const KEY = ['users'];
const PASSWORD_MIN = 12;

/** Reviewer and admin accounts: list, create, disable (which ends their sessions). */
export function UsersAdmin() {
  const users = useQuery({ queryKey: KEY, queryFn: () => api<{ items: User[] }>('GET', '/v1/users'), select: (page) => page.items });
  const mutate = useAdminMutation(KEY);
  return (
    <Stack gap="md">
      <CreateUserForm />
      <AdminTable
        id="users-title"
        title="Users"
        query={users}
        headers={['Username', 'Role', 'Created', 'Status']}
        minWidth={520}
        tableLabel="Users"
        testId="users-table"
        row={(u) => (
          <Table.Tr key={u.id}>
            <Table.Td>{u.username}</Table.Td>
            <Table.Td>{u.role}</Table.Td>
            <Table.Td>{u.createdAt === undefined ? '—' : formatTime(u.createdAt)}</Table.Td>
            <Table.Td>
              {u.disabledAt !== null && u.disabledAt !== undefined ? (
                <Badge color="gray.7" variant="outline">
                  disabled
                </Badge>
              ) : (
                <ConfirmButton
                  label="Disable"
                  ariaLabel={`Disable ${u.username}`}
                  confirmLabel="Disable user"
                  question={`Disable ${u.username}? They are signed out everywhere and cannot sign in again.`}
                  onConfirm={async () => void (await mutate(() => api('DELETE', `/v1/users/${u.id}`), `${u.username} disabled`))}
                />
              )}
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}

function CreateUserForm() {
  const mutate = useAdminMutation(KEY);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('reviewer');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const created = await mutate(() => api<User>('POST', '/v1/users', { body: { username: username.trim(), role, password } }), `User ${username.trim()} created`);
    setBusy(false);
    if (created !== undefined) {
      setUsername('');
      setPassword('');
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="user-create-title">
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <Title order={3} size="h5" id="user-create-title">
            Create a user
          </Title>
          <Group align="end">
            <TextInput label="Username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} required maxLength={64} autoComplete="off" />
            <Select label="Role" data={['reviewer', 'admin']} value={role} onChange={(v) => v !== null && setRole(v as Role)} allowDeselect={false} w={140} />
            <PasswordInput label="Initial password" description={`At least ${PASSWORD_MIN} characters`} value={password} onChange={(e) => setPassword(e.currentTarget.value)} required minLength={PASSWORD_MIN} autoComplete="new-password" w={240} />
            <Button type="submit" loading={busy}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
