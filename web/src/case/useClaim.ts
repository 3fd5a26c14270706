import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, ApiError } from '../api/client.js';
import type { Claim } from '../api/types.js';

export type ClaimState =
  | { readonly kind: 'claiming' }
  | { readonly kind: 'held'; readonly lockedUntil: number }
  | { readonly kind: 'locked'; readonly lockedBy: string; readonly lockedUntil: number | null }
  | { readonly kind: 'decided' }
  | { readonly kind: 'failed'; readonly message: string };

/** Locks last 15 minutes on the server; renew well before. */
const RENEW_MS = 5 * 60_000;

/** Releases scheduled by unmounts, cancelled when the same case mounts again (StrictMode, quick re-open). */
const pendingRelease = new Map<number, ReturnType<typeof setTimeout>>();

async function claim(caseId: number): Promise<ClaimState> {
  try {
    const result = await api<Claim>('POST', `/v1/cases/${caseId}/claim`);
    return { kind: 'held', lockedUntil: result.lockedUntil };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'CASE_LOCKED') return { kind: 'locked', lockedBy: error.problem.lockedByName ?? error.problem.lockedBy ?? 'another reviewer', lockedUntil: error.problem.lockedUntil ?? null };
    if (error instanceof ApiError && error.code === 'CASE_ALREADY_DECIDED') return { kind: 'decided' };
    throw error;
  }
}

/** Claims the case while it is open on screen, renews the lock, and releases it on leaving. */
export function useClaim(caseId: number, enabled: boolean): { readonly state: ClaimState; readonly retry: () => void } {
  const query = useQuery({
    queryKey: ['claim', caseId],
    queryFn: () => claim(caseId),
    enabled,
    staleTime: 0,
    gcTime: 0,
    refetchInterval: (q) => (q.state.data?.kind === 'held' ? RENEW_MS : false),
    refetchOnWindowFocus: false,
  });
  const held = query.data?.kind === 'held';

  useEffect(() => {
    clearTimeout(pendingRelease.get(caseId));
    pendingRelease.delete(caseId);
    if (!held) return;
    // Closing the tab or leaving the app releases the lock at once instead of after 15 minutes.
    const releaseOnExit = () => void api('DELETE', `/v1/cases/${caseId}/claim`, { keepalive: true }).catch(() => undefined);
    window.addEventListener('pagehide', releaseOnExit);
    return () => {
      window.removeEventListener('pagehide', releaseOnExit);
      pendingRelease.set(
        caseId,
        setTimeout(() => {
          pendingRelease.delete(caseId);
          void api('DELETE', `/v1/cases/${caseId}/claim`).catch(() => undefined);
        }, 50),
      );
    };
  }, [caseId, held]);

  let state: ClaimState = query.data ?? { kind: 'claiming' };
  if (query.isError) state = { kind: 'failed', message: query.error.message };
  return { state, retry: () => void query.refetch() };
}
