import { Alert, Button, Center, Paper, PasswordInput, Stack, Tabs, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError, messageOf } from '../api/client.js';
import { useSession, type Credentials } from '../app/session.js';

function failureText(error: unknown): string {
  if (error instanceof ApiError && error.status === 429) {
    const wait = error.problem.retryAfterSeconds;
    return `Too many failed attempts. Try again${wait === undefined ? ' later' : ` in ${Math.ceil(wait / 60)} minute(s)`}.`;
  }
  if (error instanceof ApiError && error.status === 401) return 'Those credentials are not valid.';
  return messageOf(error);
}

/** Password or API-key sign-in. */
export function SignInPage() {
  const { session, endedReason, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/queue';
  const [method, setMethod] = useState<string | null>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session !== null && session !== undefined && !busy) return <Navigate to={from} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const credentials: Credentials = method === 'key' ? { apiKey: apiKey.trim() } : { username: username.trim(), password };
    setBusy(true);
    setError(null);
    try {
      await signIn(credentials);
      setPassword('');
      setApiKey('');
      void navigate(from, { replace: true });
    } catch (failure) {
      setError(failureText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder p="xl" w="100%" maw={420} component="main">
        <form onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-title">
          <Stack>
            <Title order={1} size="h3" id="sign-in-title">
              Sign in to Bulwark review
            </Title>
            {endedReason !== null && error === null && (
              <Alert color="blue" role="status" data-testid="session-ended">
                {endedReason}
              </Alert>
            )}
            {error !== null && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <Tabs value={method} onChange={setMethod}>
              <Tabs.List grow>
                <Tabs.Tab value="password">User account</Tabs.Tab>
                <Tabs.Tab value="key">Access key</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="password" pt="md">
                <Stack>
                  <TextInput label="Username" autoComplete="username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} required={method === 'password'} withAsterisk={false} data-autofocus />
                  <PasswordInput label="Password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.currentTarget.value)} required={method === 'password'} withAsterisk={false} />
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="key" pt="md">
                <PasswordInput label="API key" description="A reviewer or admin key (bwk_…)" autoComplete="off" value={apiKey} onChange={(e) => setApiKey(e.currentTarget.value)} required={method === 'key'} withAsterisk={false} />
              </Tabs.Panel>
            </Tabs>
            <Button type="submit" loading={busy}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
