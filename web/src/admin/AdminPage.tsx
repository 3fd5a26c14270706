import { Tabs, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { KeysAdmin } from './KeysAdmin.js';
import { PolicyAdmin } from './PolicyAdmin.js';
import { UsersAdmin } from './UsersAdmin.js';
import { WatchlistAdmin } from './WatchlistAdmin.js';

const TABS = ['watchlist', 'keys', 'users', 'policy'] as const;

/** Watchlist, API keys, users and the policy in force. */
export function AdminPage() {
  const [search, setSearch] = useSearchParams();
  const tab = TABS.find((t) => t === search.get('tab')) ?? 'watchlist';
  return (
    <>
      <Title order={2} mb="md">
        Admin
      </Title>
      <Tabs value={tab} onChange={(v) => setSearch(v === null ? {} : { tab: v }, { replace: true })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="watchlist">Watchlist</Tabs.Tab>
          <Tabs.Tab value="keys">API keys</Tabs.Tab>
          <Tabs.Tab value="users">Users</Tabs.Tab>
          <Tabs.Tab value="policy">Policy</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="watchlist" pt="md">
          <WatchlistAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="keys" pt="md">
          <KeysAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="users" pt="md">
          <UsersAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="policy" pt="md">
          <PolicyAdmin />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
