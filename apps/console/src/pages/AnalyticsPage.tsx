import { Group, Paper, Progress, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { api, nullableString, type Schemas, unwrap } from '../api/client';
import { useApi } from '../api/use-api';
import { LoadState } from '../components/status';

type Lead = Schemas['LeadPageDto_Output']['items'][number];
const PERIODS = { '24h': 1, '7d': 7, '30d': 30 } as const;
const MAX_PAGES = 10;
const TTA_BUCKETS = [
  { label: '< 1 s', max: 1 },
  { label: '1–5 s', max: 5 },
  { label: '5–60 s', max: 60 },
  { label: '1–10 min', max: 600 },
  { label: '> 10 min', max: Infinity },
];

/** Up to MAX_PAGES pages of the period's leads; the API has no aggregate endpoint yet. */
async function leadsSince(from: string): Promise<{ leads: Lead[]; truncated: boolean }> {
  const leads: Lead[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data = await unwrap(
      api.GET('/v1/leads', {
        params: { query: { limit: 100, from, ...(cursor ? { cursor } : {}) } },
      }),
    );
    leads.push(...data.items);
    const next = nullableString(data.nextCursor);
    if (!next) return { leads, truncated: false };
    cursor = next;
  }
  return { leads, truncated: true };
}

function countBy(leads: Lead[], key: (l: Lead) => string | null | undefined): [string, number][] {
  const counts = new Map<string, number>();
  for (const l of leads) {
    const k = key(l);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

function BarChart({ title, rows, testId }: { title: string; rows: [string, number][]; testId?: string }) {
  const max = Math.max(1, ...rows.map(([, n]) => n));
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Title order={4} mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">
          Nothing in this period.
        </Text>
      ) : (
        <Stack gap={6}>
          {rows.map(([label, n]) => (
            <div key={label}>
              <Group justify="space-between">
                <Text size="sm">{label}</Text>
                <Text size="sm" fw={600}>
                  {n}
                </Text>
              </Group>
              <Progress value={(n / max) * 100} aria-label={`${label}: ${n}`} />
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/** Leads per rep, pool and rule, outcomes, and time to assign, computed from the period's leads. */
export function AnalyticsPage() {
  const [period, setPeriod] = useState<keyof typeof PERIODS>('7d');
  const [from] = useState(() => (days: number) => new Date(Date.now() - days * 86_400_000).toISOString());
  const data = useApi(() => leadsSince(from(PERIODS[period])), [period]);
  const reps = useApi(() => unwrap(api.GET('/v1/reps', { params: { query: { limit: 100 } } })), []);
  const pools = useApi(() => unwrap(api.GET('/v1/pools', { params: { query: { limit: 100 } } })), []);
  const name = (list: { id: string; name: string }[] | undefined, id: string | null | undefined) =>
    id ? (list?.find((x) => x.id === id)?.name ?? id) : null;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Analytics</Title>
        <SegmentedControl
          value={period}
          onChange={(v) => setPeriod(v as keyof typeof PERIODS)}
          data={Object.keys(PERIODS)}
          aria-label="Period"
        />
      </Group>
      <LoadState state={data} isEmpty={(d) => d.leads.length === 0} empty="No leads in this period.">
        {({ leads, truncated }) => {
          const tta = TTA_BUCKETS.map((b) => [b.label, 0] as [string, number]);
          for (const l of leads) {
            if (!l.decision) continue;
            const seconds = (Date.parse(l.decision.decidedAt) - Date.parse(l.createdAt)) / 1000;
            const i = TTA_BUCKETS.findIndex((b) => seconds < b.max);
            const row = tta[i === -1 ? TTA_BUCKETS.length - 1 : i];
            if (row) row[1]++;
          }
          return (
            <Stack>
              <Text size="sm" c="dimmed">
                {leads.length} leads
                {truncated ? ` (the newest ${leads.length}; narrow the period for all)` : ''}
              </Text>
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <BarChart
                  title="Leads per rep"
                  testId="chart-rep"
                  rows={countBy(leads, (l) => name(reps.data?.items, l.decision?.repId))}
                />
                <BarChart
                  title="Leads per pool"
                  rows={countBy(leads, (l) => name(pools.data?.items, l.decision?.poolId))}
                />
                <BarChart title="Leads per rule" rows={countBy(leads, (l) => l.decision?.ruleId)} />
                <BarChart title="Outcomes" rows={countBy(leads, (l) => l.decision?.outcome ?? l.status)} />
                <BarChart title="Time to assign" rows={tta} />
              </SimpleGrid>
            </Stack>
          );
        }}
      </LoadState>
    </Stack>
  );
}
