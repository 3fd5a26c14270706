import { Alert, Button, Group, Modal, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, messageOf } from '../api/client.js';
import type { Action } from '../api/types.js';
import { usePolicyActions } from '../case/usePolicyActions.js';

/** Decides every open case of the campaign with one action, after a confirmation. */
export function CampaignAction({ campaignId, openCases }: { readonly campaignId: number; readonly openCases: number }) {
  const actions = usePolicyActions(undefined);
  const queryClient = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, confirm] = useDisclosure(false);

  const run = async () => {
    if (action === null) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api<{ decided: number; skippedLocked: number }>('POST', `/v1/campaigns/${campaignId}/action`, { body: { action, reason: reason.trim() } });
      const skipped = result.skippedLocked > 0 ? `; ${result.skippedLocked} left to the reviewers holding them` : '';
      notifications.show({ message: `Campaign ${campaignId}: ${result.decided} case(s) decided as ${action}${skipped}`, color: 'teal' });
      setReason('');
      setAction(null);
      void queryClient.invalidateQueries({ queryKey: ['campaign', campaignId] });
      void queryClient.invalidateQueries({ queryKey: ['queue'] });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
      confirm.close();
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="campaign-action-title">
      <Title order={3} size="h5" id="campaign-action-title" mb="xs">
        Act on all open cases
      </Title>
      <Stack gap="sm">
        <Group align="end">
          <Select label="Action" data={actions.map((a) => ({ value: a, label: a }))} value={action} onChange={(v) => setAction(v as Action | null)} w={180} disabled={openCases === 0} />
        </Group>
        <Textarea label="Reason" description="Recorded with every decision; do not paste personal data" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={2000} autosize minRows={2} disabled={openCases === 0} />
        {error !== null && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group>
          <Button onClick={confirm.open} disabled={openCases === 0 || action === null || reason.trim() === ''}>
            {openCases === 0 ? 'No open cases' : `Apply to ${openCases} open case${openCases === 1 ? '' : 's'}…`}
          </Button>
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={confirm.close} title="Confirm campaign action">
        <Stack>
          <Text>
            Decide all {openCases} open case{openCases === 1 ? '' : 's'} of campaign {campaignId} as <strong>{action}</strong>? Each decision is recorded in the audit log.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              Cancel
            </Button>
            <Button color="red.8" onClick={() => void run()} loading={busy}>
              Decide {openCases} case{openCases === 1 ? '' : 's'}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
