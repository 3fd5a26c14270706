import { Alert, Button, Group, Kbd, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useRef, useState, type FormEvent } from 'react';
import { messageOf } from '../api/client.js';
import type { Action } from '../api/types.js';
import { ACTION_COLORS, DECISION_KEYS } from '../shared/actions.js';

interface Props {
  readonly actions: readonly Action[];
  readonly recommended: Action;
  /** False while a dialog is open or the case is not ours to decide. */
  readonly keysEnabled: boolean;
  readonly disabledReason: string | null;
  readonly onDecide: (action: Action, reason: string) => Promise<void>;
}

/** One button (and one key) per action; a reason is required before submitting. */
export function DecisionPanel({ actions, recommended, keysEnabled, disabledReason, onDecide }: Props) {
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const disabled = disabledReason !== null;

  const choose = (next: Action) => {
    setAction(next);
    reasonRef.current?.focus();
  };
  useHotkeys(keysEnabled && !disabled ? actions.map((a) => [DECISION_KEYS[a], () => choose(a)] as [string, () => void]) : []);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (action === null || reason.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      await onDecide(action, reason.trim());
      setReason('');
      setAction(null);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="decision-title">
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <Title order={3} size="h5" id="decision-title">
            Decision
          </Title>
          {disabled && <Text size="sm">{disabledReason}</Text>}
          <Group gap="xs" role="group" aria-label="Action">
            {actions.map((a) => (
              <Button
                key={a}
                color={ACTION_COLORS[a]}
                variant={action === a ? 'filled' : 'outline'}
                aria-pressed={action === a}
                onClick={() => choose(a)}
                disabled={disabled}
                rightSection={<Kbd size="xs">{DECISION_KEYS[a]}</Kbd>}
                aria-keyshortcuts={DECISION_KEYS[a]}
              >
                {a}
                {a === recommended ? ' (recommended)' : ''}
              </Button>
            ))}
          </Group>
          <Textarea
            ref={reasonRef}
            label="Reason"
            description="Kept in the audit trail; do not paste personal data. Ctrl+Enter submits."
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
            }}
            maxLength={2000}
            autosize
            minRows={2}
            disabled={disabled}
          />
          {error !== null && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={busy} disabled={disabled || action === null || reason.trim() === ''}>
              {action === null ? 'Choose an action' : `Decide: ${action}`}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
