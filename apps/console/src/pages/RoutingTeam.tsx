import {
  Badge,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { api, asCreateBody, type NewPool, type NewRep, type Schemas, unwrap } from '../api/client';
import { type ApiState, useAction } from '../api/use-api';
import { usePermissions } from '../auth/session';
import { ApiErrorAlert, LoadState, RequiresRole } from '../components/status';

type RepPage = Schemas['RepPageDto_Output'];
type PoolPage = Schemas['PoolPageDto_Output'];
const STRATEGIES = ['round_robin', 'weighted_round_robin', 'least_loaded', 'kpi_weighted'] as const;
type Strategy = (typeof STRATEGIES)[number];

/** Reps: who they are, whether they take leads now (a switch for admins), and a form to add one. */
export function RepsPanel({ reps }: { reps: ApiState<RepPage> }) {
  const { canEdit } = usePermissions();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const create = useAction(async () => {
    await unwrap(
      api.POST('/v1/reps', {
        body: asCreateBody<Schemas['CreateRepDto']>({ name, email: email || null } satisfies NewRep),
      }),
    );
    setName('');
    setEmail('');
    reps.reload();
  });
  const toggle = useAction(async (id: string, available: boolean) => {
    await unwrap(
      api.PATCH('/v1/reps/{id}', {
        params: { path: { id } },
        body: { availability: available ? 'available' : 'unavailable' },
      }),
    );
    reps.reload();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  return (
    <Paper withBorder p="sm">
      <Title order={4}>Reps</Title>
      <LoadState state={reps} isEmpty={(d) => d.items.length === 0} empty="No reps yet.">
        {(data) => (
          <Table>
            <Table.Tbody>
              {data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{r.name}</Table.Td>
                  <Table.Td>
                    <Switch
                      size="sm"
                      label={r.availability}
                      aria-label={`${r.name} takes leads`}
                      checked={r.availability === 'available'}
                      disabled={!canEdit || toggle.running}
                      onChange={(e) => void toggle.run(r.id, e.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>{r.dailyCap === null ? 'no daily cap' : `cap ${r.dailyCap}/day`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </LoadState>
      <ApiErrorAlert error={toggle.error} />
      <form onSubmit={submit}>
        <Group align="flex-start" mt="xs" gap="xs">
          <TextInput
            size="xs"
            placeholder="Name"
            aria-label="New rep name"
            value={name}
            disabled={!canEdit}
            onChange={(e) => setName(e.currentTarget.value)}
            error={create.error?.fieldMessage('name')}
          />
          <TextInput
            size="xs"
            placeholder="Email"
            aria-label="New rep email"
            value={email}
            disabled={!canEdit}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={create.error?.fieldMessage('email')}
          />
          <RequiresRole level="admin">
            {(disabled) => (
              <Button size="xs" type="submit" variant="light" loading={create.running} disabled={disabled}>
                Add rep
              </Button>
            )}
          </RequiresRole>
        </Group>
      </form>
      <ApiErrorAlert error={create.error} showFields={false} />
    </Paper>
  );
}

/** Pools: strategy and members, and a form to add one. */
export function PoolsPanel({ pools, reps }: { pools: ApiState<PoolPage>; reps: ApiState<RepPage> }) {
  const { canEdit } = usePermissions();
  const [name, setName] = useState('');
  const [strategy, setStrategy] = useState<Strategy>('round_robin');
  const [members, setMembers] = useState<string[]>([]);
  const create = useAction(async () => {
    await unwrap(
      api.POST('/v1/pools', {
        body: asCreateBody<Schemas['CreatePoolDto']>({
          name,
          strategy,
          members: members.map((repId) => ({ repId })),
        } satisfies NewPool),
      }),
    );
    setName('');
    setMembers([]);
    pools.reload();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run();
  };
  return (
    <Paper withBorder p="sm">
      <Title order={4}>Pools</Title>
      <LoadState
        state={pools}
        isEmpty={(d) => d.items.length === 0}
        empty="No pools yet; onboarding creates the first."
      >
        {(data) => (
          <Table>
            <Table.Tbody>
              {data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{p.strategy.replace(/_/g, ' ')}</Badge>
                  </Table.Td>
                  <Table.Td>{p.members.length} reps</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </LoadState>
      <form onSubmit={submit}>
        <Stack gap="xs" mt="xs">
          <Group align="flex-start" gap="xs">
            <TextInput
              size="xs"
              placeholder="Pool name"
              aria-label="New pool name"
              value={name}
              disabled={!canEdit}
              onChange={(e) => setName(e.currentTarget.value)}
              error={create.error?.fieldMessage('name')}
            />
            <Select
              size="xs"
              aria-label="New pool strategy"
              data={STRATEGIES.map((s) => ({ value: s, label: s.replace(/_/g, ' ') }))}
              value={strategy}
              allowDeselect={false}
              disabled={!canEdit}
              onChange={(v) => v && setStrategy(v)}
              error={create.error?.fieldMessage('strategy')}
            />
          </Group>
          <MultiSelect
            size="xs"
            aria-label="New pool members"
            placeholder="Members"
            data={(reps.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
            value={members}
            disabled={!canEdit}
            onChange={setMembers}
            error={create.error?.fieldMessage('members')}
          />
          <Group>
            <RequiresRole level="admin">
              {(disabled) => (
                <Button size="xs" type="submit" variant="light" loading={create.running} disabled={disabled}>
                  Add pool
                </Button>
              )}
            </RequiresRole>
          </Group>
        </Stack>
      </form>
      <ApiErrorAlert error={create.error} showFields={false} />
    </Paper>
  );
}
