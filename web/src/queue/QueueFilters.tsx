import { Group, Select, Switch } from '@mantine/core';
import type { QueueFilters as Filters } from './filters.js';

const ANY = '';
const options = (values: readonly string[]) => [{ value: ANY, label: 'Any' }, ...values.map((v) => ({ value: v, label: v }))];

interface Props {
  readonly filters: Filters;
  readonly onChange: (name: keyof Filters, value: string | null) => void;
}

export function QueueFilters({ filters, onChange }: Props) {
  return (
    <Group gap="sm" align="end" role="search" aria-label="Queue filters">
      <Select label="Label" data={options(['dox', 'threat', 'bounty'])} value={filters.label ?? ANY} onChange={(v) => onChange('label', v)} w={130} allowDeselect={false} />
      <Select label="Severity" data={options(['critical', 'high', 'medium', 'low'])} value={filters.severity ?? ANY} onChange={(v) => onChange('severity', v)} w={130} allowDeselect={false} />
      <Select label="Language" data={options(['en', 'es'])} value={filters.language ?? ANY} onChange={(v) => onChange('language', v)} w={110} allowDeselect={false} />
      <Switch label="Watchlist hits only" checked={filters.watchlist === true} onChange={(e) => onChange('watchlist', e.currentTarget.checked ? 'true' : null)} mb={8} />
    </Group>
  );
}
