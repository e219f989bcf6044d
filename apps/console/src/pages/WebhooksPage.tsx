import {
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, nullableString, type Schemas, unwrap } from '../api/client';
import { useAction, useApi } from '../api/use-api';
import { ApiErrorAlert, formatTime, LoadState, RequiresRole } from '../components/status';

type DeliveryStatus = Schemas['DeliveryDetailDto_Output']['status'];
const STATUS_COLOR: Record<DeliveryStatus, string> = {
  received: 'blue',
  queued: 'blue',
  processed: 'green',
  rejected: 'red',
  failed: 'red',
  challenge: 'gray',
};

function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** The webhook debugger: every delivery with its verification result and outcome, the payload, and replay. */
export function WebhooksPage() {
  const [status, setStatus] = useState<DeliveryStatus | null>(null);
  const [selected, setSelected] = useState<string>();
  const deliveries = useApi(
    () =>
      unwrap(
        api.GET('/v1/webhook-deliveries', {
          params: { query: { limit: 50, ...(status ? { status } : {}) } },
        }),
      ),
    [status],
    { pollMs: 10_000 },
  );
  return (
    <Stack>
      <Title order={2}>Webhook debugger</Title>
      <Select
        label="Status"
        placeholder="Any"
        data={Object.keys(STATUS_COLOR)}
        value={status}
        onChange={(v) => setStatus(v as DeliveryStatus | null)}
        clearable
        w={200}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} style={{ alignItems: 'start' }}>
        <LoadState
          state={deliveries}
          isEmpty={(d) => d.items.length === 0}
          empty="No webhook deliveries yet."
        >
          {(data) => (
            <Table highlightOnHover withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Received</Table.Th>
                  <Table.Th>Provider</Table.Th>
                  <Table.Th>Result</Table.Th>
                  <Table.Th>Events</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((d) => (
                  <Table.Tr
                    key={d.id}
                    data-testid="delivery-row"
                    onClick={() => setSelected(d.id)}
                    onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && setSelected(d.id)}
                    tabIndex={0}
                    style={{ cursor: 'pointer' }}
                    bg={selected === d.id ? 'var(--mantine-color-indigo-light)' : undefined}
                    aria-selected={selected === d.id}
                  >
                    <Table.Td>{formatTime(d.receivedAt)}</Table.Td>
                    <Table.Td>{d.provider}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[d.status]} variant="light">
                        {d.status}
                      </Badge>
                      {d.reason && (
                        <Text size="xs" c="red">
                          {d.reason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{d.eventCount}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </LoadState>
        {selected ? (
          <DeliveryDetail id={selected} onReplayed={deliveries.reload} />
        ) : (
          <Text c="dimmed">Choose a delivery to see its payload.</Text>
        )}
      </SimpleGrid>
    </Stack>
  );
}

function DeliveryDetail({ id, onReplayed }: { id: string; onReplayed: () => void }) {
  const detail = useApi(
    () => unwrap(api.GET('/v1/webhook-deliveries/{id}', { params: { path: { id } } })),
    [id],
  );
  const [force, setForce] = useState(false);
  const [result, setResult] = useState<string>();
  const replay = useAction(async () => {
    const r = await unwrap(
      api.POST('/v1/webhook-deliveries/{id}/replay', { params: { path: { id } }, body: { force } }),
    );
    setResult(`Replayed: ${r.jobs} intake job${r.jobs === 1 ? '' : 's'} queued, ${r.rerouted} re-routed.`);
    detail.reload();
    onReplayed();
  });
  return (
    <Paper withBorder p="md" data-testid="delivery-detail">
      <LoadState state={detail}>
        {(d) => (
          <Stack gap="xs">
            <Group justify="space-between">
              <Title order={4}>Delivery</Title>
              <Badge color={STATUS_COLOR[d.status]}>{d.status}</Badge>
            </Group>
            <Text size="sm">
              Verification:{' '}
              {d.status === 'rejected' ? `refused (${nullableString(d.reason) ?? 'no reason'})` : 'authentic'}
            </Text>
            <Text size="xs" c="dimmed">
              {d.provider} · {formatTime(d.receivedAt)} · {d.eventCount} events
            </Text>
            {d.leads.length > 0 && (
              <Text size="sm">
                Leads:{' '}
                {d.leads.map((l, i) => (
                  <span key={l.id}>
                    {i > 0 && ', '}
                    <Link to={`/leads/${l.id}`}>{l.externalId}</Link> ({l.status})
                  </span>
                ))}
              </Text>
            )}
            <Text size="sm" fw={600}>
              Headers
            </Text>
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {Object.entries(d.headers)
                .map(([k, v]) => `${k}: ${v}`)
                .join('\n')}
            </Code>
            <Text size="sm" fw={600}>
              Payload
            </Text>
            <Code block mah={220} style={{ overflow: 'auto' }} data-testid="delivery-payload">
              {prettyBody(d.body)}
            </Code>
            <Group>
              <RequiresRole level="operator">
                {(disabled) => (
                  <Checkbox
                    label="Re-route leads already decided"
                    checked={force}
                    disabled={disabled}
                    onChange={(e) => setForce(e.currentTarget.checked)}
                  />
                )}
              </RequiresRole>
              <RequiresRole level="operator">
                {(disabled) => (
                  <Button
                    onClick={() => void replay.run()}
                    loading={replay.running}
                    disabled={disabled || d.status === 'rejected' || d.status === 'challenge'}
                  >
                    Replay
                  </Button>
                )}
              </RequiresRole>
            </Group>
            <ApiErrorAlert error={replay.error} />
            {result && (
              <Text c="green" size="sm" role="status" data-testid="replay-result">
                {result}
              </Text>
            )}
          </Stack>
        )}
      </LoadState>
    </Paper>
  );
}
