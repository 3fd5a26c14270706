import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';

interface Props {
  readonly label: string;
  /** Accessible name of the button, e.g. "Remove Case 114". */
  readonly ariaLabel: string;
  readonly question: string;
  readonly confirmLabel: string;
  readonly onConfirm: () => Promise<void>;
}

/** A destructive action behind a confirmation dialog. */
export function ConfirmButton({ label, ariaLabel, question, confirmLabel, onConfirm }: Props) {
  const [opened, { open, close }] = useDisclosure(false);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      close();
    }
  };
  return (
    <>
      <Button size="xs" variant="outline" color="red.8" onClick={open} aria-label={ariaLabel}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={confirmLabel}>
        <Stack>
          <Text>{question}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red.8" loading={busy} onClick={() => void run()}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
