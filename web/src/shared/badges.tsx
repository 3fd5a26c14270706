import { Badge, Group } from '@mantine/core';
import type { Label, Severity } from '../api/types.js';

/** Shades chosen for at least 4.5:1 contrast with white. */
const SEVERITY_COLORS: Record<Severity, string> = { none: '#495057', low: '#1c5fa8', medium: '#7a5a00', high: '#a8430a', critical: '#b02525' };

export function SeverityBadge({ severity }: { readonly severity: Severity }) {
  return (
    <Badge color={SEVERITY_COLORS[severity]} variant={severity === 'critical' || severity === 'high' ? 'filled' : 'outline'}>
      {severity}
    </Badge>
  );
}

export function LabelBadges({ labels }: { readonly labels: readonly Label[] }) {
  if (labels.length === 0) return <span>—</span>;
  return (
    <Group gap={4} wrap="nowrap">
      {labels.map((label) => (
        <Badge key={label} variant="outline" color="dark">
          {label}
        </Badge>
      ))}
    </Group>
  );
}
