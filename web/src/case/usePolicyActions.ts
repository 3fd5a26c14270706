import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import { ACTIONS, type Action, type PolicyView } from '../api/types.js';
import { useSignedIn } from '../app/session.js';
import { CORE_ACTIONS } from '../shared/actions.js';

/**
 * The actions a reviewer can choose: the default policy's, plus any a custom policy in force uses
 * (readable by admins), plus the case's recommendation. In severity order.
 */
export function usePolicyActions(recommended: Action | undefined): readonly Action[] {
  const session = useSignedIn();
  const isAdmin = session.principal.role === 'admin';
  const policy = useQuery({ queryKey: ['policy'], queryFn: () => api<PolicyView>('GET', '/v1/policy'), enabled: isAdmin, staleTime: 5 * 60_000 });
  const used = new Set<Action>([...CORE_ACTIONS, ...(policy.data?.rules.filter((r) => !r.shadow).map((r) => r.action) ?? [])]);
  if (recommended !== undefined) used.add(recommended);
  return ACTIONS.filter((a) => used.has(a));
}
