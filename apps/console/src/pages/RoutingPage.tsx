import {
  ActionIcon,
  Badge,
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
type ConditionGroupValue = NonNullable<Rule['conditions']>['groups'][number];
type Condition = ConditionGroupValue['conditions'][number];
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
  const moveTo = (from: number, to: number) => {
    if (from === to) return;
    const next = [...(rules ?? [])];
    const [rule] = next.splice(from, 1);
    if (rule) next.splice(to, 0, rule);
    setRules(next);
  };
  const [dragging, setDragging] = useState<number>();
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
      onMove={(by) => moveTo(index, index + by)}
      drag={{
        active: dragging === index,
        start: () => setDragging(index),
        end: () => setDragging(undefined),
        drop: (from) => {
          const source = from ?? dragging;
          if (source !== undefined) moveTo(source, index);
          setDragging(undefined);
        },
      }}
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
              {data.items.map((v, i) => (
                <Table.Tr key={v.version} data-testid="version-row">
                  <Table.Td>
                    v{v.version}
                    {i === 0 && (
                      <Badge ml="xs" size="xs" variant="light">
                        live
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{formatTime(v.publishedAt)}</Table.Td>
                  <Table.Td>
                    {v.ruleCount} rule{v.ruleCount === 1 ? '' : 's'}
                  </Table.Td>
                  <Table.Td>{v.publishedBy ?? ''}</Table.Td>
                  <Table.Td>{v.restoredFrom ? `restored from v${v.restoredFrom}` : ''}</Table.Td>
                  <Table.Td>
                    {i > 0 && (
                      <RequiresRole level="admin">
                        {(disabled) => (
                          <Button
                            size="xs"
                            variant="subtle"
                            aria-label={`Roll back to v${v.version}`}
                            disabled={disabled}
                            onClick={() => void rollback.run(v.version)}
                          >
                            Roll back to this
                          </Button>
                        )}
                      </RequiresRole>
                    )}
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
  drag,
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
  drag: { active: boolean; start: () => void; end: () => void; drop: (from: number | undefined) => void };
}) {
  const groups = rule.conditions?.groups ?? [];
  const setGroups = (next: ConditionGroupValue[]) => {
    const kept = next.filter((g) => g.conditions.length > 0);
    onChange({
      ...rule,
      conditions:
        kept.length === 0
          ? null
          : { combinator: kept.length > 1 ? 'any' : (rule.conditions?.combinator ?? 'all'), groups: kept },
    });
  };
  const setConditions = (g: number, next: Condition[]) =>
    setGroups(groups.map((x, j) => (j === g ? { ...x, conditions: next } : x)));
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
    <Paper
      withBorder
      p="sm"
      data-testid={`rule-${index}`}
      style={drag.active ? { opacity: 0.5 } : undefined}
      onDragOver={(e) => {
        if (!disabled) e.preventDefault();
      }}
      onDrop={(e) => {
        e.preventDefault();
        const from = Number.parseInt(e.dataTransfer.getData('text/plain'), 10);
        drag.drop(Number.isInteger(from) ? from : undefined);
      }}
    >
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap={6}>
            {!disabled && (
              <Text
                component="span"
                draggable
                aria-hidden
                data-testid={`rule-${index}-handle`}
                title="Drag to reorder (or use ↑/↓)"
                style={{ cursor: 'grab', userSelect: 'none' }}
                onDragStart={(e) => {
                  e.dataTransfer.effectAllowed = 'move';
                  e.dataTransfer.setData('text/plain', String(index));
                  drag.start();
                }}
                onDragEnd={drag.end}
              >
                ⠿
              </Text>
            )}
            <Text fw={600}>
              {label}
              {rule.name ? `: ${rule.name}` : ''}
            </Text>
          </Group>
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
          Route if{' '}
          {groups.length === 0
            ? '(always)'
            : groups.length === 1
              ? (groups[0]?.combinator ?? 'all') === 'all'
                ? 'all of'
                : 'any of'
              : `${rule.conditions?.combinator === 'all' ? 'all' : 'any'} of these groups`}
        </Text>
        {groups.map((group, g) => (
          <ConditionGroup
            key={g}
            label={label}
            group={group}
            groupIndex={g}
            groupCount={groups.length}
            or={g > 0 ? (rule.conditions?.combinator === 'all' ? 'and' : 'or') : undefined}
            disabled={disabled}
            fieldError={fieldError}
            onChange={(next) => setConditions(g, next)}
          />
        ))}
        <Group>
          <Button
            size="xs"
            variant="subtle"
            disabled={disabled}
            onClick={() =>
              groups.length === 0
                ? setGroups([
                    { combinator: 'all', conditions: [{ field: '', operator: 'equals', value: '' }] },
                  ])
                : setConditions(groups.length - 1, [
                    ...(groups[groups.length - 1]?.conditions ?? []),
                    { field: '', operator: 'equals', value: '' },
                  ])
            }
          >
            Add condition
          </Button>
          <Button
            size="xs"
            variant="subtle"
            disabled={disabled}
            onClick={() =>
              setGroups([
                ...groups,
                { combinator: 'all', conditions: [{ field: '', operator: 'equals', value: '' }] },
              ])
            }
          >
            {groups.length === 0 ? 'Add condition group' : 'Add “or” group'}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** One Route-If group: its conditions must all hold (or any, when the API's rule says so). */
function ConditionGroup({
  label,
  group,
  groupIndex,
  groupCount,
  or,
  disabled,
  fieldError,
  onChange,
}: {
  label: string;
  group: ConditionGroupValue;
  groupIndex: number;
  groupCount: number;
  or: 'or' | 'and' | undefined;
  disabled: boolean;
  fieldError: (path: string) => string | undefined;
  onChange: (conditions: Condition[]) => void;
}) {
  const conditions = group.conditions;
  const base = `conditions.groups.${groupIndex}.conditions`;
  const name = groupCount > 1 ? `${label} group ${groupIndex + 1} condition` : `${label} condition`;
  return (
    <Stack gap={4} data-testid={`condition-group-${groupIndex}`}>
      {or && (
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          {or}
        </Text>
      )}
      {groupCount > 1 && (
        <Text size="xs" c="dimmed">
          Group {groupIndex + 1}: {group.combinator === 'any' ? 'any' : 'all'} of
        </Text>
      )}
      {conditions.map((c, i) => (
        <Group key={i} align="flex-start" gap="xs">
          <TextInput
            aria-label={`${name} ${i + 1} field`}
            placeholder="field (country)"
            value={c.field}
            disabled={disabled}
            onChange={(e) =>
              onChange(conditions.map((x, j) => (j === i ? { ...x, field: e.currentTarget.value } : x)))
            }
            error={fieldError(`${base}.${i}.field`)}
          />
          <Select
            aria-label={`${name} ${i + 1} operator`}
            data={OPERATORS}
            value={c.operator}
            disabled={disabled}
            allowDeselect={false}
            w={140}
            onChange={(v) =>
              v &&
              onChange(
                conditions.map((x, j) =>
                  j !== i
                    ? x
                    : v === 'exists' || v === 'not_exists'
                      ? { field: x.field, operator: v }
                      : { ...x, operator: v, value: x.value ?? '' },
                ),
              )
            }
          />
          {c.operator !== 'exists' && c.operator !== 'not_exists' && (
            <TextInput
              aria-label={`${name} ${i + 1} value`}
              placeholder="value"
              value={c.value === undefined || c.value === null ? '' : String(c.value as string)}
              disabled={disabled}
              onChange={(e) =>
                onChange(conditions.map((x, j) => (j === i ? { ...x, value: e.currentTarget.value } : x)))
              }
              error={fieldError(`${base}.${i}.value`) ?? fieldError(`${base}.${i}`)}
            />
          )}
          <Button
            variant="subtle"
            size="xs"
            aria-label={`Remove ${name} ${i + 1}`}
            disabled={disabled}
            onClick={() => onChange(conditions.filter((_, j) => j !== i))}
          >
            ✕
          </Button>
        </Group>
      ))}
      {groupCount > 1 && (
        <Group>
          <Button
            size="xs"
            variant="subtle"
            disabled={disabled}
            onClick={() => onChange([...conditions, { field: '', operator: 'equals', value: '' }])}
          >
            Add condition to group {groupIndex + 1}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
