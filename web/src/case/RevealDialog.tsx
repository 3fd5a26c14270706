import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, messageOf } from '../api/client.js';
import type { Revealed } from '../api/types.js';

export interface RevealTarget {
  readonly finding: number;
  readonly type: string;
  readonly placeholder: string;
}

interface Props {
  readonly caseId: number;
  readonly target: RevealTarget | null;
  readonly onClose: () => void;
  readonly onRevealed: (finding: number, text: string) => void;
}

const MIN_REASON = 3;
const MAX_REASON = 500;

/** Revealing one masked span needs a reason; the server writes it to the audit log. */
export function RevealDialog({ caseId, target, onClose, onRevealed }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();

  const close = () => {
    setReason('');
    setError(null);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (target === null) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api<Revealed>('POST', `/v1/cases/${caseId}/reveal`, { body: { finding: target.finding, reason: reason.trim() } });
      setReason('');
      onRevealed(result.finding, result.text);
      // The reveal is now in the case's history.
      void queryClient.invalidateQueries({ queryKey: ['case', caseId] });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const tooShort = reason.trim().length < MIN_REASON;
  return (
    <Modal opened={target !== null} onClose={close} title={`Reveal ${target?.placeholder ?? ''}`}>
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          <Text size="sm">Only reveal personal data when the decision depends on it. Your reason is recorded in the audit log with your name; the value is not.</Text>
          {error !== null && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Textarea label="Reason for revealing" description={`${MIN_REASON}–${MAX_REASON} characters; do not paste personal data`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={MAX_REASON} autosize minRows={2} required data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} disabled={tooShort}>
              Reveal
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
