import { Button, FileInput, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api } from '../api/client.js';
import { useAdminMutation } from './useAdminMutation.js';

/** Imports a CSV with header `label,field,value`; all rows or none. */
export function WatchlistImport() {
  const mutate = useAdminMutation(['watchlist']);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (file === null) return;
    setBusy(true);
    const text = await file.text();
    const result = await mutate(() => api<{ added: number }>('POST', '/v1/watchlist/import', { raw: { contentType: 'text/csv', text } }));
    setBusy(false);
    if (result !== undefined) {
      setFile(null);
      notifications.show({ message: `Imported ${result.added} protected person(s)`, color: 'teal' });
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="watchlist-import-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="watchlist-import-title">
          Import CSV
        </Title>
        <Text size="sm">
          Header <code>label,field,value</code>, one identifier per row; rows sharing a label make one person. Fields: name, relative_name, phone, email, address, plate, gov_id. All rows are imported or none.
        </Text>
        <FileInput label="CSV file" accept=".csv,text/csv" value={file} onChange={setFile} clearable />
        <Button onClick={() => void submit()} disabled={file === null} loading={busy} w="fit-content">
          Import
        </Button>
      </Stack>
    </Paper>
  );
}
