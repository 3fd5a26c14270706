import { ActionIcon, Button, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import { WATCHLIST_FIELDS, type WatchlistField } from '../api/types.js';
import { useAdminMutation } from './useAdminMutation.js';

interface Row {
  readonly key: number;
  readonly field: WatchlistField;
  readonly value: string;
}

const FIELD_OPTIONS = WATCHLIST_FIELDS.map((f) => ({ value: f, label: f.replace('_', ' ') }));

/** Adds one protected person; the values are cleared from the form as soon as they are sent. */
export function WatchlistAddForm() {
  const mutate = useAdminMutation(['watchlist']);
  const [label, setLabel] = useState('');
  const [rows, setRows] = useState<readonly Row[]>([{ key: 0, field: 'name', value: '' }]);
  const [busy, setBusy] = useState(false);

  const update = (key: number, change: Partial<Row>) => setRows(rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const identifiers = rows.filter((r) => r.value.trim() !== '').map((r) => ({ field: r.field, value: r.value }));
    if (label.trim() === '' || identifiers.length === 0) return;
    setBusy(true);
    const added = await mutate(() => api('POST', '/v1/watchlist', { body: { label: label.trim(), identifiers } }), `${label.trim()} added to the watchlist`);
    setBusy(false);
    if (added !== undefined) {
      setLabel('');
      setRows([{ key: 0, field: 'name', value: '' }]);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="watchlist-add-title">
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <Title order={3} size="h5" id="watchlist-add-title">
            Add a protected person
          </Title>
          <TextInput label="Label" description="An alias or case reference, not an identifier" value={label} onChange={(e) => setLabel(e.currentTarget.value)} required maxLength={200} />
          {rows.map((row, index) => (
            <Group key={row.key} align="end" gap="xs" wrap="nowrap">
              <Select label={`Field ${index + 1}`} data={FIELD_OPTIONS} value={row.field} onChange={(v) => v !== null && update(row.key, { field: v as WatchlistField })} allowDeselect={false} w={150} />
              <TextInput label={`Value ${index + 1}`} value={row.value} onChange={(e) => update(row.key, { value: e.currentTarget.value })} autoComplete="off" maxLength={512} style={{ flex: 1 }} />
              {rows.length > 1 && (
                <ActionIcon variant="default" size="lg" aria-label={`Remove identifier ${index + 1}`} onClick={() => setRows(rows.filter((r) => r.key !== row.key))}>
                  ×
                </ActionIcon>
              )}
            </Group>
          ))}
          <Group>
            <Button variant="default" onClick={() => setRows([...rows, { key: Math.max(...rows.map((r) => r.key)) + 1, field: 'phone', value: '' }])}>
              Add identifier
            </Button>
            <Button type="submit" loading={busy}>
              Add to watchlist
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
