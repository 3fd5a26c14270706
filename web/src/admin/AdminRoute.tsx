import { RequireAdmin } from '../app/RequireAdmin.js';
import { AdminPage } from './AdminPage.js';

export function AdminRoute() {
  return (
    <RequireAdmin>
      <AdminPage />
    </RequireAdmin>
  );
}
