import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSignedIn } from './session.js';

export function RequireAdmin({ children }: { readonly children: ReactNode }) {
  const session = useSignedIn();
  if (session.principal.role !== 'admin') return <Alert color="gray" title="Admins only">This page needs the admin role.</Alert>;
  return children;
}
