import { AppShell, Burger, Button, Center, Group, Loader, NavLink as MantineNavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { HelpOverlay } from './HelpOverlay.js';
import { useSession } from './session.js';

const NAV = [
  { to: '/queue', label: 'Queue', admin: false },
  { to: '/dashboard', label: 'Dashboard', admin: false },
  { to: '/admin', label: 'Admin', admin: true },
] as const;

/** The signed-in frame: header with who is signed in, navigation, help (`?`) and sign-out. */
export function Layout() {
  const { session, signOut } = useSession();
  const location = useLocation();
  const [navOpened, nav] = useDisclosure(false);

  if (session === undefined)
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (session === null) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;

  const isAdmin = session.principal.role === 'admin';
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !navOpened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={navOpened} onClick={nav.toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={1} size="h4">
              Bulwark review
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="xs" data-testid="signed-in-as">
              {session.principal.name} · {session.principal.role}
            </Text>
            <HelpOverlay />
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <Stack gap={2}>
          {NAV.filter((item) => isAdmin || !item.admin).map((item) => (
            <MantineNavLink key={item.to} component={NavLink} to={item.to} label={item.label} active={location.pathname.startsWith(item.to)} variant="filled" onClick={nav.close} />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
