import { Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, nullableString, type Schemas, unwrap } from '../api/client';
import { useApi } from '../api/use-api';
import { formatTime, LoadState } from '../components/status';
import { leadTitle } from '../onboarding/OnboardingPage';

type CrmStatus = Schemas['LeadPageDto_Output']['items'][number]['crmStatus'];
const STATUSES = ['new', 'needs_mapping', 'routed', 'unrouted', 'excluded', 'imported'];
export const OUTCOME_COLOR: Record<string, string> = {
  assigned: 'green',
  unrouted: 'orange',
  excluded: 'gray',
  kept_existing_owner: 'blue',
};

/** Leads, newest first, filtered by status, CRM status and connection. */
export function LeadsPage() {
  const [status, setStatus] = useState<string | null>(null);
  const [crmStatus, setCrmStatus] = useState<CrmStatus | null>(null);
  const [connectionId, setConnectionId] = useState<string | null>(null);
  const [cursor, setCursor] = useState<string>();
  const connections = useApi(
    () => unwrap(api.GET('/v1/connections', { params: { query: { limit: 100 } } })),
    [],
  );
  const reps = useApi(() => unwrap(api.GET('/v1/reps', { params: { query: { limit: 100 } } })), []);
  const query = {
    limit: 25,
    ...(status ? { status } : {}),
    ...(crmStatus ? { crmStatus } : {}),
    ...(connectionId ? { connectionId } : {}),
    ...(cursor ? { cursor } : {}),
  };
  const leads = useApi(
    () => unwrap(api.GET('/v1/leads', { params: { query: query } })),
    [status, crmStatus, connectionId, cursor],
    { pollMs: 10_000 },
  );
  const repName = (id: string | null | undefined) => reps.data?.items.find((r) => r.id === id)?.name ?? '—';
  const next = nullableString(leads.data?.nextCursor);
  return (
    <Stack>
      <Title order={2}>Leads</Title>
      <Group align="flex-end">
        <Select
          label="Status"
          placeholder="Any"
          data={STATUSES}
          value={status}
          onChange={(v) => (setStatus(v), setCursor(undefined))}
          clearable
          w={180}
        />
        <Select
          label="CRM status"
          placeholder="Any"
          data={['open', 'won', 'lost', 'excluded']}
          value={crmStatus}
          onChange={(v) => (setCrmStatus(v), setCursor(undefined))}
          clearable
          w={160}
        />
        <Select
          label="Connection"
          placeholder="All"
          data={(connections.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={connectionId}
          onChange={(v) => (setConnectionId(v), setCursor(undefined))}
          clearable
          w={240}
        />
      </Group>
      <LoadState
        state={leads}
        isEmpty={(d) => d.items.length === 0}
        empty="No leads match. New leads appear here as the CRM sends them."
      >
        {(data) => (
          <Table striped highlightOnHover withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Lead</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th visibleFrom="sm">CRM status</Table.Th>
                <Table.Th>Rep</Table.Th>
                <Table.Th visibleFrom="sm">Write-back</Table.Th>
                <Table.Th visibleFrom="md">Received</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((l) => (
                <Table.Tr key={l.id} data-testid="lead-row">
                  <Table.Td>
                    <Link to={`/leads/${l.id}`}>{leadTitle(l.lead, l.externalId)}</Link>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={l.decision ? (OUTCOME_COLOR[l.decision.outcome] ?? 'indigo') : 'gray'}
                    >
                      {l.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{l.crmStatus}</Table.Td>
                  <Table.Td>{repName(l.decision?.repId)}</Table.Td>
                  <Table.Td visibleFrom="sm">{l.decision?.writeback.status ?? '—'}</Table.Td>
                  <Table.Td visibleFrom="md">{formatTime(l.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </LoadState>
      <Group>
        {cursor && (
          <Button variant="default" size="xs" onClick={() => setCursor(undefined)}>
            Newest
          </Button>
        )}
        {typeof next === 'string' && (
          <Button variant="default" size="xs" onClick={() => setCursor(next)}>
            Older
          </Button>
        )}
        <Text size="xs" c="dimmed">
          Refreshes every 10 s
        </Text>
      </Group>
    </Stack>
  );
}
