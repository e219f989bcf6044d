import { Badge, Button, Group, NumberInput, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { api, type Schemas, unwrap } from '../api/client';
import { useAction } from '../api/use-api';
import { describeDecision } from '../components/decision-trail';
import { ApiErrorAlert } from '../components/status';

type Simulation = Schemas['SimulationResultDto_Output'];
type Diff = Schemas['RuleSetDiffDto_Output'];
type Names = { rep: (id: string) => string; pool: (id: string) => string };

/**
 * The simulator: the last N leads routed against the draft or a published version, changing
 * nothing — each decision in sentences and the distribution per rep.
 */
export function SimulatorPanel({ versions, names }: { versions: number[]; names: Names }) {
  const [lastN, setLastN] = useState<number>(20);
  const [ruleSet, setRuleSet] = useState<string>('draft');
  const [result, setResult] = useState<Simulation>();
  const simulate = useAction(async () => {
    setResult(
      await unwrap(
        api.POST('/v1/routing/simulate', {
          body: { lastN, ruleSet: ruleSet === 'draft' ? 'draft' : Number(ruleSet) },
        }),
      ),
    );
  });
  const max = Math.max(1, ...(result?.distribution.map((d) => d.assigned + d.keptExisting) ?? []));
  return (
    <Paper withBorder p="sm" data-testid="simulator">
      <Title order={4} mb="xs">
        Simulate
      </Title>
      <Group align="flex-end">
        <NumberInput
          label="Last leads"
          min={1}
          max={500}
          value={lastN}
          onChange={(v) => setLastN(typeof v === 'number' ? v : 20)}
          w={120}
        />
        <Select
          label="Rules"
          data={[
            { value: 'draft', label: 'Draft' },
            ...versions.map((v) => ({ value: String(v), label: `Version ${v}` })),
          ]}
          value={ruleSet}
          allowDeselect={false}
          onChange={(v) => v && setRuleSet(v)}
          w={160}
        />
        <Button variant="default" onClick={() => void simulate.run()} loading={simulate.running}>
          Simulate
        </Button>
      </Group>
      <ApiErrorAlert error={simulate.error} />
      {result && (
        <Stack gap="xs" mt="sm">
          <Group gap="xs">
            {Object.entries(result.outcomes).map(([outcome, n]) => (
              <Badge key={outcome} variant="light">
                {outcome.replace(/_/g, ' ')}: {n}
              </Badge>
            ))}
          </Group>
          {result.issues.map((i) => (
            <Text key={`${i.path}:${i.code}`} size="sm" c={i.severity === 'error' ? 'red' : 'orange'}>
              {i.path}: {i.message}
            </Text>
          ))}
          {result.distribution.length > 0 && (
            <Table>
              <Table.Tbody>
                {result.distribution.map((d) => (
                  <Table.Tr key={d.repId}>
                    <Table.Td w="30%">{names.rep(d.repId)}</Table.Td>
                    <Table.Td>
                      <div
                        style={{
                          width: `${((d.assigned + d.keptExisting) / max) * 100}%`,
                          minWidth: 4,
                          height: 10,
                          borderRadius: 4,
                          background: 'var(--mantine-color-indigo-6)',
                        }}
                        role="img"
                        aria-label={`${d.assigned} assigned, ${d.keptExisting} kept`}
                      />
                    </Table.Td>
                    <Table.Td w={120}>
                      {d.assigned} assigned{d.keptExisting ? `, ${d.keptExisting} kept` : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {result.decisions.length === 0 ? (
            <Text c="dimmed" size="sm">
              No leads to simulate yet.
            </Text>
          ) : (
            <details>
              <summary>
                <Text span size="sm">
                  Each decision ({result.decisions.length})
                </Text>
              </summary>
              {result.decisions.map((d) => (
                <Text key={d.externalId} size="xs" mt={4}>
                  <b>{d.externalId}</b>: {describeDecision(d, names).join(' · ')}
                </Text>
              ))}
            </details>
          )}
        </Stack>
      )}
    </Paper>
  );
}

/** What changed between two published versions, rule by rule. */
export function VersionDiffPanel({ versions }: { versions: number[] }) {
  const [from, setFrom] = useState<string | null>(versions[1] === undefined ? null : String(versions[1]));
  const [to, setTo] = useState<string | null>(versions[0] === undefined ? null : String(versions[0]));
  const [diff, setDiff] = useState<Diff>();
  const compare = useAction(async () => {
    if (!from || !to) return;
    setDiff(
      await unwrap(api.GET('/v1/rule-sets/versions/{v}/diff/{w}', { params: { path: { v: from, w: to } } })),
    );
  });
  if (versions.length < 2) return null;
  const options = versions.map((v) => ({ value: String(v), label: `v${v}` }));
  return (
    <Stack gap="xs" mt="md" data-testid="version-compare">
      <Group align="flex-end">
        <Select label="Compare" data={options} value={from} onChange={setFrom} w={110} />
        <Select label="with" data={options} value={to} onChange={setTo} w={110} />
        <Button variant="default" size="sm" onClick={() => void compare.run()} loading={compare.running}>
          Show changes
        </Button>
      </Group>
      <ApiErrorAlert error={compare.error} />
      {diff && (
        <Stack gap={2} data-testid="version-diff">
          <Text size="xs" c="dimmed">
            v{diff.from} → v{diff.to}
          </Text>
          {diff.added.map((a) => (
            <Text key={`+${a.ruleId}`} size="sm" c="green">
              + {a.rule.name || a.ruleId} (position {a.index + 1})
            </Text>
          ))}
          {diff.removed.map((r) => (
            <Text key={`-${r.ruleId}`} size="sm" c="red">
              − {r.rule.name || r.ruleId}
            </Text>
          ))}
          {diff.changed.map((c) => (
            <Text key={`~${c.ruleId}`} size="sm" c="orange">
              ~ {c.ruleId}: {c.parts.join(', ')} changed
            </Text>
          ))}
          {diff.moved.map((m) => (
            <Text key={`>${m.ruleId}`} size="sm">
              ↕ {m.ruleId}: position {m.fromIndex + 1} → {m.toIndex + 1}
            </Text>
          ))}
          <Text size="xs" c="dimmed">
            {diff.unchanged} unchanged
          </Text>
        </Stack>
      )}
    </Stack>
  );
}
