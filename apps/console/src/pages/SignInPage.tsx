import { Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useAction } from '../api/use-api';
import { useSession } from '../auth/session';
import { ApiErrorAlert } from '../components/status';

/** Sign-in with an API key; it is kept in this tab's sessionStorage and sent as a Bearer token. */
export function SignInPage() {
  const { signIn } = useSession();
  const [key, setKey] = useState('');
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const action = useAction(async () => {
    await signIn(key);
    void navigate(from && from !== '/sign-in' ? from : '/', { replace: true });
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run();
  };
  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
        <form onSubmit={submit}>
          <Stack>
            <Title order={2}>Sign in to Leadflow</Title>
            <Text size="sm" c="dimmed">
              Paste an API key (<code>lf_…</code>). <code>npm start</code> prints the demo tenant&apos;s admin
              key. The key stays in this browser tab only.
            </Text>
            <PasswordInput
              label="API key"
              value={key}
              onChange={(e) => setKey(e.currentTarget.value)}
              required
              autoFocus
              autoComplete="off"
            />
            <ApiErrorAlert error={action.error} />
            <Button type="submit" loading={action.running} disabled={key.trim() === ''}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
