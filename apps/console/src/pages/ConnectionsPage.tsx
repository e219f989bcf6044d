import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, type Schemas, unwrap } from '../api/client';
import { useAction, useApi } from '../api/use-api';
import { ApiErrorAlert, formatTime, LoadState, RequiresRole } from '../components/status';

type Health = Schemas['ProviderHealthListDto_Output']['connections'][number];
const STATUS_COLOR: Record<string, string> = {
  active: 'green',
  needs_reauth: 'red',
  paused: 'yellow',
  disconnected: 'gray',
};
const CIRCUIT_COLOR: Record<string, string> = { closed: 'green', 'half-open': 'yellow', open: 'red' };

/** Every connection's health (`GET /v1/providers/health`), and one connection's sync runs and backfill. */
export function ConnectionsPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const health = useApi(() => unwrap(api.GET('/v1/providers/health')), [], { pollMs: 10_000 });
  return (
    <Stack>
      <Title order={2}>Connections &amp; health</Title>
      {params.get('connected') === '1' && <Alert color="green">Connected.</Alert>}
      {params.get('error') && (
        <Alert color="red" role="alert" title="The connection was not made">
          {params.get('error_description') ?? params.get('error')}
        </Alert>
      )}
      <LoadState
        state={health}
        isEmpty={(d) => d.connections.length === 0}
        empty={
          <>
            No CRM is connected yet. <Link to="/onboarding">Connect one</Link>.
          </>
        }
      >
        {(data) => (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {data.connections.map((c) => (
              <ConnectionCard key={c.id} health={c} />
            ))}
          </SimpleGrid>
        )}
      </LoadState>
      {id && <ConnectionDetail id={id} />}
    </Stack>
  );
}

function ConnectionCard({ health: c }: { health: Health }) {
  const reconnect = useAction(async () => {
    // Same settings as before, so reconnecting changes only the credentials.
    const connection = await unwrap(api.GET('/v1/connections/{id}', { params: { path: { id: c.id } } }));
    const start = await unwrap(
      api.POST('/v1/connections/{provider}/oauth/start', {
        params: { path: { provider: c.provider } },
        body: { settings: connection.settings },
      }),
    );
    window.location.assign(start.authorizeUrl);
  });
  return (
    <Card withBorder data-testid="connection-card">
      <Stack gap={6}>
        <Group justify="space-between">
          <Text fw={700}>
            <Link to={`/connections/${c.id}`}>{c.name}</Link>
          </Text>
          <Group gap={4}>
            <Badge color={STATUS_COLOR[c.status] ?? 'gray'}>{c.status}</Badge>
            <Badge variant="outline" color={CIRCUIT_COLOR[c.circuit] ?? 'gray'}>
              circuit {c.circuit}
            </Badge>
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {c.provider} {c.statusReason ? `· ${c.statusReason}` : ''}
        </Text>
        {c.problems.length > 0 && (
          <Text size="sm" c="red">
            {c.problems.join('; ')}
          </Text>
        )}
        {c.rateLimits.map((r) => (
          <div key={r.bucket}>
            <Text size="xs">
              Rate limit {r.bucket}: {r.remaining}/{r.limit} per {Math.round(r.intervalMs / 1000)} s
            </Text>
            <Progress
              value={Math.round(r.headroom * 100)}
              color={r.headroom < 0.2 ? 'red' : 'indigo'}
              size="sm"
              aria-label={`Headroom ${r.bucket}`}
            />
          </div>
        ))}
        <Text size="xs">
          Token expires: {c.tokenExpiresAt ? formatTime(c.tokenExpiresAt) : 'never (static token)'} · last
          call {formatTime(c.lastSuccessfulCallAt)}
        </Text>
        <Text size="xs">
          Last webhook {formatTime(c.lastWebhookAt)} · last poll {formatTime(c.lastPollAt)}
          {c.pollingLagSeconds !== null ? ` · lag ${c.pollingLagSeconds} s` : ''} · errors (5 min){' '}
          {c.errorRate.last5m.errors}/{c.errorRate.last5m.calls}
        </Text>
        <Group gap="xs">
          <Button component={Link} to={`/connections/${c.id}/mapping`} size="xs" variant="light">
            Field mapping
          </Button>
          {c.status === 'needs_reauth' && (
            <RequiresRole level="admin">
              {(disabled) => (
                <Button
                  size="xs"
                  color="red"
                  onClick={() => void reconnect.run()}
                  loading={reconnect.running}
                  disabled={disabled}
                >
                  Reconnect
                </Button>
              )}
            </RequiresRole>
          )}
        </Group>
        <ApiErrorAlert error={reconnect.error} />
      </Stack>
    </Card>
  );
}

function ConnectionDetail({ id }: { id: string }) {
  const runs = useApi(
    () =>
      unwrap(
        api.GET('/v1/connections/{id}/sync-runs', {
          params: { path: { id }, query: { limit: 10 } },
        }),
      ),
    [id],
    { pollMs: 10_000 },
  );
  const backfills = useApi(
    () =>
      unwrap(api.GET('/v1/connections/{id}/backfills', { params: { path: { id }, query: { limit: 5 } } })),
    [id],
    { pollMs: 5000 },
  );
  const startBackfill = useAction(async () => {
    await unwrap(
      api.POST('/v1/connections/{id}/backfill', {
        params: { path: { id } },
        body: { days: 30, route: false },
      }),
    );
    backfills.reload();
  });
  return (
    <Stack>
      <Title order={3}>Sync runs</Title>
      <LoadState state={runs} isEmpty={(d) => d.items.length === 0} empty="No polling run yet.">
        {(data) => (
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Seen</Table.Th>
                <Table.Th>New</Table.Th>
                <Table.Th>Duration</Table.Th>
                <Table.Th>Error</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((r) => (
                <Table.Tr key={r.id} data-testid="sync-run">
                  <Table.Td>{formatTime(r.createdAt)}</Table.Td>
                  <Table.Td>{r.itemsSeen}</Table.Td>
                  <Table.Td>{r.itemsNew}</Table.Td>
                  <Table.Td>{r.durationMs} ms</Table.Td>
                  <Table.Td>{r.error ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </LoadState>
      <Group justify="space-between">
        <Title order={3}>Backfill</Title>
        <RequiresRole level="admin">
          {(disabled) => (
            <Button
              size="xs"
              variant="light"
              disabled={disabled}
              loading={startBackfill.running}
              onClick={() => void startBackfill.run()}
            >
              Import the last 30 days
            </Button>
          )}
        </RequiresRole>
      </Group>
      <ApiErrorAlert error={startBackfill.error} />
      <LoadState
        state={backfills}
        isEmpty={(d) => d.items.length === 0}
        empty="No backfill has run for this connection."
      >
        {(data) => (
          <Stack gap="sm">
            {data.items.map((b) => (
              <div key={b.id} data-testid="backfill">
                <Group justify="space-between">
                  <Text size="sm">
                    {formatTime(b.from)} – {formatTime(b.to)} · {b.status}
                  </Text>
                  <Text size="xs" c="dimmed">
                    seen {b.counts.seen} · imported {b.counts.imported} · routed {b.counts.routed} ·{' '}
                    {b.crmCalls} CRM calls
                  </Text>
                </Group>
                <Progress
                  value={b.progress.percent}
                  animated={b.status === 'running'}
                  color={b.status === 'failed' ? 'red' : 'indigo'}
                  aria-label={`Backfill ${b.progress.percent}%`}
                />
              </div>
            ))}
          </Stack>
        )}
      </LoadState>
    </Stack>
  );
}
