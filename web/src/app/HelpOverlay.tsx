import { ActionIcon, Kbd, Modal, Table } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { DECISION_KEYS } from '../shared/actions.js';

const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['j / k', 'Next / previous case in the queue'],
  ['Enter', 'Open the selected case'],
  ...Object.entries(DECISION_KEYS).map(([action, key]) => [key, `Decide: ${action} (case view)`] as const),
  ['Esc', 'Close a dialog'],
  ['?', 'Show this help'],
];

/** Keyboard shortcuts, opened with `?` anywhere outside a text field. */
export function HelpOverlay() {
  const [opened, { open, close }] = useDisclosure(false);
  useHotkeys([['shift+?', open]]);
  return (
    <>
      <ActionIcon variant="default" size="lg" onClick={open} aria-label="Keyboard shortcuts">
        ?
      </ActionIcon>
      <Modal opened={opened} onClose={close} title="Keyboard shortcuts">
        <Table>
          <Table.Tbody>
            {SHORTCUTS.map(([key, meaning]) => (
              <Table.Tr key={key}>
                <Table.Td>
                  <Kbd>{key}</Kbd>
                </Table.Td>
                <Table.Td>{meaning}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Modal>
    </>
  );
}
