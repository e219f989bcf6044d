import {
  Badge,
  Button,
  Code,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useParams } from 'react-router';
import { api, nullableString, unwrap } from '../api/client';
import { useAction, useApi } from '../api/use-api';
import { ApiErrorAlert, formatTime, LoadState, RequiresRole } from '../components/status';
import { describeDecision } from '../components/decision-trail';
import { leadTitle } from '../onboarding/OnboardingPage';

/** One lead's journey as a timeline: deliveries, intake and mapping, the decision with its trail, write-back. */
export function LeadDetailPage() {
  const { id = '' } = useParams();
  const journey = useApi(() => unwrap(api.GET('/v1/leads/{id}', { params: { path: { id } } })), [id], {
    pollMs: 5000,
  });
  const reps = useApi(() => unwrap(api.GET('/v1/reps', { params: { query: { limit: 100 } } })), []);
  const reroute = useAction(async () => {
    await unwrap(
      api.POST('/v1/leads/{id}/reroute', {
        params: { path: { id } },
        body: { reason: 'Re-routed from the console' },
      }),
    );
    journey.reload();
  });
  const pools = useApi(() => unwrap(api.GET('/v1/pools', { params: { query: { limit: 100 } } })), []);
  const poolName = (poolId: string) => pools.data?.items.find((p) => p.id === poolId)?.name ?? poolId;
  const repName = (repId: string | null | undefined) =>
    reps.data?.items.find((r) => r.id === repId)?.name ?? repId ?? '—';
  return (
    <LoadState state={journey}>
      {(j) => {
        const traceId = nullableString(j.traceId);
        return (
          <Stack>
            <Group justify="space-between">
              <Title order={2}>{leadTitle(j.lead, j.externalId)}</Title>
              <RequiresRole level="operator">
                {(disabled) => (
                  <Button
                    variant="light"
                    onClick={() => void reroute.run()}
                    loading={reroute.running}
                    disabled={disabled}
                  >
                    Re-route
                  </Button>
                )}
              </RequiresRole>
            </Group>
            <ApiErrorAlert error={reroute.error} />
            <Group gap="xs">
              <Badge>{j.status}</Badge>
              <Badge variant="outline">CRM {j.crmStatus}</Badge>
              <Text size="sm" c="dimmed">
                record {j.externalId}
                {traceId ? ` · trace ${traceId}` : ''}
              </Text>
            </Group>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Paper withBorder p="md">
                <Title order={4} mb="sm">
                  Journey
                </Title>
                <Timeline bulletSize={18} lineWidth={2} data-testid="lead-timeline">
                  {j.deliveries.map((d) => (
                    <Timeline.Item key={d.id} title={`Webhook delivery (${d.status})`}>
                      <Text size="xs" c="dimmed">
                        {formatTime(d.receivedAt)} · {d.eventCount} events
                      </Text>
                    </Timeline.Item>
                  ))}
                  <Timeline.Item title="Taken in">
                    <Text size="xs" c="dimmed">
                      {formatTime(j.createdAt)} · mapping version {j.mappingVersion ?? '—'}
                    </Text>
                    {(j.errors ?? []).map((e, i) => (
                      <Text key={i} size="xs" c="red">
                        {typeof e.message === 'string' ? e.message : JSON.stringify(e)}
                      </Text>
                    ))}
                  </Timeline.Item>
                  {j.pastDecisions.map((d) => (
                    <Timeline.Item key={d.id} title={`Earlier decision: ${d.outcome} → ${repName(d.repId)}`}>
                      <Text size="xs" c="dimmed">
                        {formatTime(d.decidedAt)} · superseded {formatTime(d.supersededAt)}{' '}
                        {d.reason ? `(${d.reason})` : ''}
                      </Text>
                    </Timeline.Item>
                  ))}
                  {j.decision && (
                    <Timeline.Item
                      title={`Decision: ${j.decision.outcome} → ${repName(j.decision.repId)}`}
                      data-testid="lead-decision"
                    >
                      <Text size="xs" c="dimmed">
                        {formatTime(j.decision.decidedAt)} · rule {j.decision.ruleId ?? '—'} · rule-set v
                        {j.decision.ruleSetVersion}
                      </Text>
                      <ul style={{ margin: '4px 0', paddingLeft: 18 }}>
                        {describeDecision(j.trail, { rep: repName, pool: poolName }).map((line, i) => (
                          <li key={i}>
                            <Text size="xs">{line}</Text>
                          </li>
                        ))}
                      </ul>
                    </Timeline.Item>
                  )}
                  {j.decision && (
                    <Timeline.Item title={`Write-back: ${j.decision.writeback.status}`}>
                      <Text size="xs" c="dimmed">
                        {j.decision.writeback.attempts} attempts · owner {j.decision.crmOwnerId ?? '—'}
                        {j.decision.writeback.writtenBackAt
                          ? ` · ${formatTime(j.decision.writeback.writtenBackAt)}`
                          : ''}
                      </Text>
                      {j.decision.writeback.error && (
                        <Text size="xs" c="red">
                          {j.decision.writeback.error}
                        </Text>
                      )}
                    </Timeline.Item>
                  )}
                </Timeline>
              </Paper>
              <Paper withBorder p="md">
                <Title order={4} mb="sm">
                  Normalized lead
                </Title>
                <Table>
                  <Table.Tbody>
                    {Object.entries(j.lead).map(([k, v]) => (
                      <Table.Tr key={k}>
                        <Table.Td>{k}</Table.Td>
                        <Table.Td>
                          {v === null || v === undefined
                            ? '—'
                            : typeof v === 'object'
                              ? JSON.stringify(v)
                              : String(v as string)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Title order={5} mt="md">
                  Raw record
                </Title>
                <Code block mah={260} style={{ overflow: 'auto' }}>
                  {JSON.stringify(j.raw, null, 2)}
                </Code>
              </Paper>
            </SimpleGrid>
          </Stack>
        );
      }}
    </LoadState>
  );
}
