import {
  ActionIcon,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, type ApiError, normalizeProblemPath, type Schemas, unwrap } from '../api/client';
import { type ApiState, useAction, useApi } from '../api/use-api';
import { usePermissions } from '../auth/session';
import { ApiErrorAlert, formatTime, LoadState, RequiresRole } from '../components/status';
import { SimulatorPanel, VersionDiffPanel } from './RoutingInsight';
import { PoolsPanel, RepsPanel } from './RoutingTeam';

type Rule = Schemas['SaveDraftDto']['rules'][number];
type Condition = NonNullable<Rule['conditions']>['groups'][number]['conditions'][number];
const ACTIONS: { value: Rule['action']['type']; label: string }[] = [
  { value: 'route_to_pool', label: 'Route to pool' },
  { value: 'assign_rep', label: 'Assign rep' },
  { value: 'keep_existing_owner', label: 'Keep existing owner' },
  { value: 'leave_unrouted', label: 'Leave unrouted' },
  { value: 'exclude', label: 'Exclude' },
];
const OWNER_POLICIES: Rule['ownerPolicy'][] = ['override', 'keep_if_active_rep', 'keep_if_available'];
const OPERATORS: Condition['operator'][] = [
  'equals',
  'not_equals',
  'in',
  'not_in',
  'contains',
  'starts_with',
  'ends_with',
  'gt',
  'gte',
  'lt',
  'lte',
  'exists',
  'not_exists',
  'matches',
];

/** Pools and reps at a glance, and the rule editor: draft → publish, with problems shown at the field they concern. */
export function RoutingPage() {
  const reps = useApi(() => unwrap(api.GET('/v1/reps', { params: { query: { limit: 100 } } })), []);
  const pools = useApi(() => unwrap(api.GET('/v1/pools', { params: { query: { limit: 100 } } })), []);
  const versions = useApi(
    () => unwrap(api.GET('/v1/rule-sets/versions', { params: { query: { limit: 20 } } })),
    [],
  );
  return (
    <Stack>
      <Title order={2}>Routing</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <PoolsPanel pools={pools} reps={reps} />
        <RepsPanel reps={reps} />
      </SimpleGrid>
      <RuleEditor
        pools={(pools.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
        reps={(reps.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
        versions={versions}
      />
      <SimulatorPanel
        versions={(versions.data?.items ?? []).map((v) => v.version)}
        names={{
          rep: (id) => reps.data?.items.find((r) => r.id === id)?.name ?? id,
          pool: (id) => pools.data?.items.find((p) => p.id === id)?.name ?? id,
        }}
      />
    </Stack>
  );
}

type Option = { value: string; label: string };

function RuleEditor({
  pools,
  reps,
  versions,
}: {
  pools: Option[];
  reps: Option[];
  versions: ApiState<Schemas['RuleSetVersionPageDto_Output']>;
}) {
  const { canEdit } = usePermissions();
  const draft = useApi(() => unwrap(api.GET('/v1/rule-sets/draft')), []);
  const [rules, setRules] = useState<Rule[]>();
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    if (draft.data && rules === undefined) setRules(draft.data.rules);
  }, [draft.data, rules]);

  const save = useAction(async () => {
    await unwrap(api.PUT('/v1/rule-sets/draft', { body: { rules: rules ?? [] } }));
    setNotice('Draft saved.');
  });
  const publish = useAction(async () => {
    await unwrap(api.PUT('/v1/rule-sets/draft', { body: { rules: rules ?? [] } }));
    const version = await unwrap(api.POST('/v1/rule-sets/draft/publish'));
    setNotice(`Version ${version.version} published.`);
    versions.reload();
  });
  const rollback = useAction(async (v: number) => {
    const version = await unwrap(
      api.POST('/v1/rule-sets/versions/{v}/rollback', { params: { path: { v: String(v) } } }),
    );
    setNotice(`Version ${v} republished as version ${version.version}.`);
    versions.reload();
  });
  const error: ApiError | undefined = save.error ?? publish.error;
  const update = (index: number, rule: Rule) =>
    setRules((rules ?? []).map((r, i) => (i === index ? rule : r)));
  const move = (index: number, by: number) => {
    const next = [...(rules ?? [])];
    const [rule] = next.splice(index, 1);
    if (rule) next.splice(index + by, 0, rule);
    setRules(next);
  };
  const placed = new Set<string>();
  const fieldError = (path: string) => {
    const found = error?.errors.find(
      (e) => normalizeProblemPath(e.path) === path || normalizeProblemPath(e.path).startsWith(`${path}.`),
    );
    if (found) placed.add(`${found.path}:${found.message}`);
    return found?.message;
  };

  const editors = (rules ?? []).map((rule, index) => (
    <RuleCard
      key={index}
      index={index}
      rule={rule}
      count={rules?.length ?? 0}
      pools={pools}
      reps={reps}
      disabled={!canEdit}
      fieldError={(p) => fieldError(`rules.${index}.${p}`)}
      onChange={(r) => update(index, r)}
      onRemove={() => setRules((rules ?? []).filter((_, i) => i !== index))}
      onMove={(by) => move(index, by)}
    />
  ));
  const unplaced = error?.errors.filter((e) => !placed.has(`${e.path}:${e.message}`)) ?? [];

  return (
    <Paper withBorder p="sm" data-testid="rule-editor">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Rules (draft)</Title>
        <Text size="xs" c="dimmed">
          {draft.data?.basedOnVersion
            ? `based on version ${draft.data.basedOnVersion}`
            : 'no version published yet'}
          {draft.data?.updatedAt ? ` · saved ${formatTime(draft.data.updatedAt)}` : ''}
        </Text>
      </Group>
      <LoadState state={draft}>
        {() => (
          <Stack>
            {editors.length === 0 && <Text c="dimmed">No rules yet: every lead stays unrouted.</Text>}
            {editors}
            {error && <ApiErrorAlert error={error} fields={unplaced} />}
            {notice && !error && (
              <Text c="green" size="sm" role="status">
                {notice}
              </Text>
            )}
            <Group>
              <RequiresRole level="admin">
                {(disabled) => (
                  <Button
                    variant="default"
                    disabled={disabled}
                    onClick={() =>
                      setRules([
                        ...(rules ?? []),
                        {
                          id: `rule-${Date.now().toString(36)}`,
                          name: '',
                          action: { type: 'route_to_pool', poolId: '' },
                          ownerPolicy: 'override',
                        },
                      ])
                    }
                  >
                    Add rule
                  </Button>
                )}
              </RequiresRole>
              <RequiresRole level="admin">
                {(disabled) => (
                  <Button
                    variant="light"
                    onClick={() => void save.run()}
                    loading={save.running}
                    disabled={disabled}
                  >
                    Save draft
                  </Button>
                )}
              </RequiresRole>
              <RequiresRole level="admin">
                {(disabled) => (
                  <Button onClick={() => void publish.run()} loading={publish.running} disabled={disabled}>
                    Publish
                  </Button>
                )}
              </RequiresRole>
            </Group>
          </Stack>
        )}
      </LoadState>
      <Title order={5} mt="md">
        Published versions
      </Title>
      <ApiErrorAlert error={rollback.error} />
      <LoadState state={versions} isEmpty={(d) => d.items.length === 0} empty="None yet.">
        {(data) => (
          <Table>
            <Table.Tbody>
              {data.items.map((v) => (
                <Table.Tr key={v.version}>
                  <Table.Td>v{v.version}</Table.Td>
                  <Table.Td>{formatTime(v.publishedAt)}</Table.Td>
                  <Table.Td>{v.restoredFrom ? `restored from v${v.restoredFrom}` : ''}</Table.Td>
                  <Table.Td>
                    <RequiresRole level="admin">
                      {(disabled) => (
                        <Button
                          size="xs"
                          variant="subtle"
                          disabled={disabled}
                          onClick={() => void rollback.run(v.version)}
                        >
                          Roll back to this
                        </Button>
                      )}
                    </RequiresRole>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </LoadState>
      <VersionDiffPanel
        key={versions.data?.items[0]?.version ?? 0}
        versions={(versions.data?.items ?? []).map((v) => v.version)}
      />
    </Paper>
  );
}

function RuleCard({
  index,
  rule,
  count,
  pools,
  reps,
  disabled,
  fieldError,
  onChange,
  onRemove,
  onMove,
}: {
  index: number;
  rule: Rule;
  count: number;
  pools: Option[];
  reps: Option[];
  disabled: boolean;
  fieldError: (path: string) => string | undefined;
  onChange: (rule: Rule) => void;
  onRemove: () => void;
  onMove: (by: number) => void;
}) {
  const conditions = rule.conditions?.groups[0]?.conditions ?? [];
  const setConditions = (next: Condition[]) =>
    onChange({
      ...rule,
      conditions:
        next.length === 0 ? null : { combinator: 'all', groups: [{ combinator: 'all', conditions: next }] },
    });
  const setAction = (type: Rule['action']['type']) => {
    switch (type) {
      case 'route_to_pool':
        return onChange({ ...rule, action: { type, poolId: '' } });
      case 'assign_rep':
        return onChange({ ...rule, action: { type, repId: '' } });
      case 'keep_existing_owner':
      case 'leave_unrouted':
      case 'exclude':
        return onChange({ ...rule, action: { type } });
    }
  };
  const label = `Rule ${index + 1}`;
  return (
    <Paper withBorder p="sm" data-testid={`rule-${index}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{label}</Text>
          <Group gap={4}>
            <ActionIcon
              variant="subtle"
              aria-label={`Move ${label} up`}
              disabled={disabled || index === 0}
              onClick={() => onMove(-1)}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              aria-label={`Move ${label} down`}
              disabled={disabled || index === count - 1}
              onClick={() => onMove(1)}
            >
              ↓
            </ActionIcon>
            <Button size="xs" variant="subtle" color="red" disabled={disabled} onClick={onRemove}>
              Remove
            </Button>
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Name"
            value={rule.name ?? ''}
            disabled={disabled}
            onChange={(e) => onChange({ ...rule, name: e.currentTarget.value })}
            error={fieldError('name') ?? fieldError('id')}
          />
          <Select
            label="Action"
            data={ACTIONS}
            value={rule.action.type}
            disabled={disabled}
            allowDeselect={false}
            onChange={(v) => v && setAction(v)}
            error={fieldError('action.type')}
          />
          {rule.action.type === 'route_to_pool' && (
            <Select
              label="Pool"
              data={pools}
              value={rule.action.poolId || null}
              disabled={disabled}
              onChange={(v) => onChange({ ...rule, action: { type: 'route_to_pool', poolId: v ?? '' } })}
              error={fieldError('action.poolId') ?? fieldError('action')}
            />
          )}
          {rule.action.type === 'assign_rep' && (
            <Select
              label="Rep"
              data={reps}
              value={rule.action.repId || null}
              disabled={disabled}
              onChange={(v) => onChange({ ...rule, action: { type: 'assign_rep', repId: v ?? '' } })}
              error={fieldError('action.repId') ?? fieldError('action')}
            />
          )}
        </SimpleGrid>
        <Select
          label="When the lead already has an owner"
          data={OWNER_POLICIES}
          value={rule.ownerPolicy}
          disabled={disabled}
          allowDeselect={false}
          maw={320}
          onChange={(v) => v && onChange({ ...rule, ownerPolicy: v })}
          error={fieldError('ownerPolicy')}
        />
        <Text size="sm" fw={500}>
          Route if {conditions.length === 0 ? '(always)' : 'all of'}
        </Text>
        {conditions.map((c, i) => (
          <Group key={i} align="flex-start" gap="xs">
            <TextInput
              aria-label={`${label} condition ${i + 1} field`}
              placeholder="field (country)"
              value={c.field}
              disabled={disabled}
              onChange={(e) =>
                setConditions(
                  conditions.map((x, j) => (j === i ? { ...x, field: e.currentTarget.value } : x)),
                )
              }
              error={fieldError(`conditions.groups.0.conditions.${i}.field`)}
            />
            <Select
              aria-label={`${label} condition ${i + 1} operator`}
              data={OPERATORS}
              value={c.operator}
              disabled={disabled}
              allowDeselect={false}
              w={140}
              onChange={(v) =>
                v && setConditions(conditions.map((x, j) => (j === i ? { ...x, operator: v } : x)))
              }
            />
            <TextInput
              aria-label={`${label} condition ${i + 1} value`}
              placeholder="value"
              value={c.value === undefined || c.value === null ? '' : String(c.value as string)}
              disabled={disabled}
              onChange={(e) =>
                setConditions(
                  conditions.map((x, j) => (j === i ? { ...x, value: e.currentTarget.value } : x)),
                )
              }
              error={
                fieldError(`conditions.groups.0.conditions.${i}.value`) ??
                fieldError(`conditions.groups.0.conditions.${i}`)
              }
            />
            <Button
              variant="subtle"
              size="xs"
              disabled={disabled}
              onClick={() => setConditions(conditions.filter((_, j) => j !== i))}
            >
              ✕
            </Button>
          </Group>
        ))}
        <Group>
          <Button
            size="xs"
            variant="subtle"
            disabled={disabled}
            onClick={() => setConditions([...conditions, { field: '', operator: 'equals', value: '' }])}
          >
            Add condition
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
