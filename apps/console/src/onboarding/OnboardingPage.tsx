import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, asCreateBody, type NewPool, type NewRep, type Schemas, unwrap } from '../api/client';
import { useAction, useApi } from '../api/use-api';
import { useSession } from '../auth/session';
import { MappingWizard } from '../components/MappingWizard';
import { ApiErrorAlert, formatTime, LoadState, RequiresRole } from '../components/status';
import { loadProgress, ONBOARDING_STEPS, type OnboardingProgress, saveProgress } from './progress';

type Provider = Schemas['ProviderListDto_Output']['items'][number];
type Connection = Schemas['ConnectionDto_Output'];

/** What each CRM needs, shown on its card before anything is connected. */
const CRM_NEEDS: Record<string, { summary: string; needs: string[] }> = {
  hubspot: {
    summary: 'Routes new Leads, Contacts or Deals and writes the owner back.',
    needs: [
      'A HubSpot user who can install apps (OAuth), or a private-app token',
      'Scopes: CRM objects read/write, owners read',
      'Leads object needs Sales Hub Professional; otherwise route Contacts',
    ],
  },
  monday: {
    summary: 'Routes new items of one board and sets its People column.',
    needs: [
      'A Monday admin to install the app (OAuth; needed for webhooks), or a personal API token',
      'A leads board with a People column for the owner',
      'Optionally a Status column for won / lost',
    ],
  },
};

/**
 * The first-run path: CRM choice → connect → what to route → field mapping → first pool and rule →
 * a live lead routed. Each step reads what the API already has, so it can be left and resumed.
 */
export function OnboardingPage() {
  const { me } = useSession();
  const tenantId = me?.tenant.id ?? '';
  const [progress, setProgressState] = useState<OnboardingProgress>(() => loadProgress(tenantId));
  const [params] = useSearchParams();
  const setProgress = (next: Partial<OnboardingProgress>) => {
    const merged = { ...progress, ...next };
    saveProgress(tenantId, merged);
    setProgressState(merged);
  };
  const oauthError = params.get('error');
  const go = (step: number) => setProgress({ step });

  return (
    <Stack maw={1100}>
      <Title order={2}>Set up Leadflow</Title>
      {params.get('connected') === '1' && progress.step === ONBOARDING_STEPS.source && (
        <Alert color="green" title="Connected" data-testid="oauth-connected">
          The CRM account is connected. Next, choose what Leadflow routes.
        </Alert>
      )}
      {oauthError && (
        <Alert color="red" title="The connection was not made" role="alert">
          {params.get('error_description') ?? oauthError}
        </Alert>
      )}
      <Stepper active={progress.step} onStepClick={go} allowNextStepsSelect={false} size="sm" wrap>
        <Stepper.Step label="CRM" description="Which CRM">
          <CrmChoice
            selected={progress.provider}
            onChoose={(provider) =>
              setProgress({ provider, connectionId: undefined, step: ONBOARDING_STEPS.connect })
            }
          />
        </Stepper.Step>
        <Stepper.Step label="Connect" description="OAuth or token">
          {progress.provider && (
            <ConnectStep
              provider={progress.provider}
              onOAuthLeave={() => setProgress({ pendingOAuth: true })}
              onConnected={(connectionId) => setProgress({ connectionId, step: ONBOARDING_STEPS.source })}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label="Source" description="What to route">
          {progress.connectionId && (
            <SourceStep connectionId={progress.connectionId} onDone={() => go(ONBOARDING_STEPS.mapping)} />
          )}
        </Stepper.Step>
        <Stepper.Step label="Mapping" description="Fields">
          {progress.connectionId && (
            <MappingWizard
              connectionId={progress.connectionId}
              onPublished={() => go(ONBOARDING_STEPS.routing)}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label="Routing" description="Pool and rule">
          {progress.connectionId && (
            <FirstPoolStep
              connectionId={progress.connectionId}
              onDone={(poolId) => setProgress({ poolId, step: ONBOARDING_STEPS.live })}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label="Live test" description="A routed lead">
          {progress.connectionId && (
            <LiveTestStep
              connectionId={progress.connectionId}
              onRouted={() => setProgress({ completed: true })}
            />
          )}
        </Stepper.Step>
      </Stepper>
    </Stack>
  );
}

function CrmChoice({ selected, onChoose }: { selected?: string; onChoose: (provider: string) => void }) {
  const providers = useApi(() => unwrap(api.GET('/v1/providers')), []);
  return (
    <Stack mt="md">
      <Text>
        Which CRM does your team use? Leadflow takes new leads from it and writes the chosen owner back.
      </Text>
      <LoadState
        state={providers}
        isEmpty={(d) => d.items.length === 0}
        empty="This deployment has no CRM providers."
      >
        {(data) => (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {data.items.map((p) => (
              <CrmCard
                key={p.name}
                provider={p}
                selected={selected === p.name}
                onChoose={() => onChoose(p.name)}
              />
            ))}
          </SimpleGrid>
        )}
      </LoadState>
    </Stack>
  );
}

function CrmCard({
  provider,
  selected,
  onChoose,
}: {
  provider: Provider;
  selected: boolean;
  onChoose: () => void;
}) {
  const info = CRM_NEEDS[provider.name];
  return (
    <Card
      withBorder
      padding="lg"
      data-testid={`crm-card-${provider.name}`}
      style={selected ? { borderColor: 'var(--mantine-color-indigo-6)' } : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3}>{provider.displayName}</Title>
          <Group gap={4}>
            {provider.authKinds.map((k) => (
              <Badge key={k} variant="light">
                {k === 'oauth' ? 'OAuth' : 'Token'}
              </Badge>
            ))}
          </Group>
        </Group>
        {info && <Text size="sm">{info.summary}</Text>}
        <Text size="sm" fw={600}>
          What you need
        </Text>
        <List size="sm">
          {(info?.needs ?? []).map((n) => (
            <List.Item key={n}>{n}</List.Item>
          ))}
          <List.Item>Objects: {provider.objects.map((o) => o.displayName).join(', ')}</List.Item>
        </List>
        <RequiresRole level="admin">
          {(disabled) => (
            <Button onClick={onChoose} disabled={disabled} aria-label={`Use ${provider.displayName}`}>
              Use {provider.displayName}
            </Button>
          )}
        </RequiresRole>
      </Stack>
    </Card>
  );
}

function ConnectStep({
  provider,
  onOAuthLeave,
  onConnected,
}: {
  provider: string;
  onOAuthLeave: () => void;
  onConnected: (connectionId: string) => void;
}) {
  const providers = useApi(() => unwrap(api.GET('/v1/providers')), []);
  const existing = useApi(
    () => unwrap(api.GET('/v1/connections', { params: { query: { limit: 100 } } })),
    [],
  );
  const descriptor = providers.data?.items.find((p) => p.name === provider);
  const [primaryObject, setPrimaryObject] = useState<string | null>(provider === 'hubspot' ? 'leads' : null);
  const [token, setToken] = useState('');
  const [name, setName] = useState('');
  const settings = provider === 'hubspot' && primaryObject ? { primaryObject } : {};

  const oauth = useAction(async () => {
    const start = await unwrap(
      api.POST('/v1/connections/{provider}/oauth/start', {
        params: { path: { provider } },
        body: { settings },
      }),
    );
    onOAuthLeave();
    window.location.assign(start.authorizeUrl);
  });
  const withToken = useAction(async () => {
    const connection = await unwrap(
      api.POST('/v1/connections', {
        body: { provider, authType: 'token', token, ...(name ? { name } : {}), settings },
      }),
    );
    onConnected(connection.id);
  });
  const live = (existing.data?.items ?? []).filter(
    (c) => c.provider === provider && c.status !== 'disconnected',
  );

  return (
    <Stack mt="md" maw={720}>
      {provider === 'hubspot' && descriptor && (
        <Select
          label="Primary object"
          description="The HubSpot object whose new records are routed (chosen now; it is part of the connection)"
          data={descriptor.objects.map((o) => ({ value: o.type, label: o.displayName }))}
          value={primaryObject}
          onChange={setPrimaryObject}
          allowDeselect={false}
        />
      )}
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Title order={4}>Connect with OAuth</Title>
          <Text size="sm" c="dimmed">
            You are sent to {descriptor?.displayName ?? provider} to approve access, then back here.
          </Text>
          <ApiErrorAlert error={oauth.error} />
          <Group>
            <RequiresRole level="admin">
              {(disabled) => (
                <Button
                  onClick={() => void oauth.run()}
                  loading={oauth.running}
                  disabled={disabled || descriptor?.oauthConfigured === false}
                >
                  Connect {descriptor?.displayName ?? provider}
                </Button>
              )}
            </RequiresRole>
            {descriptor?.oauthConfigured === false && (
              <Text size="sm">OAuth is not configured on this deployment.</Text>
            )}
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void withToken.run();
          }}
        >
          <Stack gap="xs">
            <Title order={4}>Or paste a {provider === 'hubspot' ? 'private-app' : 'API'} token</Title>
            <PasswordInput
              label="Token"
              value={token}
              onChange={(e) => setToken(e.currentTarget.value)}
              error={withToken.error?.fieldMessage('token')}
              autoComplete="off"
            />
            <TextInput
              label="Name (optional)"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <ApiErrorAlert error={withToken.error} showFields={false} />
            <Group>
              <RequiresRole level="admin">
                {(disabled) => (
                  <Button
                    type="submit"
                    variant="light"
                    loading={withToken.running}
                    disabled={disabled || token === ''}
                  >
                    Connect with token
                  </Button>
                )}
              </RequiresRole>
            </Group>
          </Stack>
        </form>
      </Paper>
      {live.length > 0 && (
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Title order={4}>Or continue with a connection you already have</Title>
            {live.map((c) => (
              <Group key={c.id} justify="space-between">
                <Text size="sm">
                  {c.name} · account {c.externalAccountId} · {c.status}
                </Text>
                <Button size="xs" variant="subtle" onClick={() => onConnected(c.id)}>
                  Use this one
                </Button>
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function SourceStep({ connectionId, onDone }: { connectionId: string; onDone: () => void }) {
  const connection = useApi(
    () => unwrap(api.GET('/v1/connections/{id}', { params: { path: { id: connectionId } } })),
    [connectionId],
  );
  return (
    <Stack mt="md" maw={720}>
      <LoadState state={connection}>
        {(c) =>
          c.provider === 'monday' ? (
            <MondayBoardStep connection={c} onDone={onDone} />
          ) : (
            <HubSpotObjectStep connection={c} onDone={onDone} />
          )
        }
      </LoadState>
    </Stack>
  );
}

function HubSpotObjectStep({ connection, onDone }: { connection: Connection; onDone: () => void }) {
  const object =
    typeof connection.settings.primaryObject === 'string' ? connection.settings.primaryObject : 'leads';
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Text>
          <b>{connection.name}</b> (portal {connection.externalAccountId}) routes new{' '}
          <b data-testid="primary-object">{object}</b>. The owner is HubSpot&apos;s record owner (
          <code>hubspot_owner_id</code>); the lead&apos;s stage maps to open / won / lost in the next step.
        </Text>
        <Group>
          <Button onClick={onDone}>Continue to field mapping</Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function MondayBoardStep({ connection, onDone }: { connection: Connection; onDone: () => void }) {
  const boards = useApi(
    () => unwrap(api.GET('/v1/connections/{id}/boards', { params: { path: { id: connection.id } } })),
    [connection.id],
  );
  // The board's columns, once a board is chosen (the fields endpoint reads the connection's board).
  const fields = useApi(
    () =>
      unwrap(api.GET('/v1/connections/{id}/fields', { params: { path: { id: connection.id }, query: {} } })),
    [connection.id],
  );
  const columns = (fields.data?.fields ?? []).filter((f) => f.object === 'column');
  const current = connection.settings as {
    boardId?: string;
    ownerColumnId?: string;
    statusColumnId?: string;
  };
  const [sourceId, setSourceId] = useState<string | null>(current.boardId ?? null);
  const [ownerField, setOwnerField] = useState(current.ownerColumnId ?? 'person');
  const [statusField, setStatusField] = useState(current.statusColumnId ?? 'status');
  const save = useAction(async () => {
    await unwrap(
      api.PUT('/v1/connections/{id}/source', {
        params: { path: { id: connection.id } },
        body: { sourceId: sourceId ?? '', ownerField, ...(statusField ? { statusField } : {}) },
      }),
    );
    onDone();
  });
  return (
    <Paper withBorder p="md">
      <LoadState
        state={boards}
        isEmpty={(d) => d.items.length === 0}
        empty="This account has no boards Leadflow can read."
      >
        {(data) => (
          <Stack gap="xs">
            <Select
              label="Board"
              data={data.items.map((b) => ({
                value: b.id,
                label: `${b.name}${b.itemCount === null ? '' : ` (${b.itemCount} items)`}`,
              }))}
              value={sourceId}
              onChange={setSourceId}
              error={save.error?.fieldMessage('sourceId')}
            />
            <ColumnPicker
              label="Owner column (People)"
              columns={columns.filter((c) => c.type === 'people')}
              value={ownerField}
              onChange={setOwnerField}
              error={save.error?.fieldMessage('ownerField')}
            />
            <ColumnPicker
              label="Status column (optional)"
              columns={columns.filter((c) => c.type === 'status')}
              value={statusField}
              onChange={setStatusField}
              error={save.error?.fieldMessage('statusField')}
            />
            <ApiErrorAlert error={save.error} showFields={false} />
            <Group>
              <RequiresRole level="admin">
                {(disabled) => (
                  <Button
                    onClick={() => void save.run()}
                    loading={save.running}
                    disabled={disabled || !sourceId}
                  >
                    Use this board
                  </Button>
                )}
              </RequiresRole>
            </Group>
          </Stack>
        )}
      </LoadState>
    </Paper>
  );
}

type DiscoveredField = Schemas['FieldsDto_Output']['fields'][number];

/** A board column: chosen from the board's columns when they are known, else typed as its id. */
function ColumnPicker({
  label,
  columns,
  value,
  onChange,
  error,
}: {
  label: string;
  columns: DiscoveredField[];
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  if (columns.length === 0) {
    return (
      <TextInput
        label={`${label}: column id`}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
      />
    );
  }
  return (
    <Select
      label={label}
      data={columns.map((c) => ({ value: c.name, label: `${c.label} (${c.name})` }))}
      value={value}
      onChange={(v) => onChange(v ?? '')}
      error={error}
    />
  );
}

/** Appends “every lead → this pool” to the rule-set draft and publishes it. */
async function publishRuleTo(poolId: string, poolName: string): Promise<void> {
  const draft = await unwrap(api.GET('/v1/rule-sets/draft'));
  await unwrap(
    api.PUT('/v1/rule-sets/draft', {
      body: {
        rules: [
          ...draft.rules,
          {
            id: `to-${poolId.slice(-8)}`,
            name: `Everyone to ${poolName}`,
            action: { type: 'route_to_pool', poolId },
            ownerPolicy: 'override',
          },
        ],
      },
    }),
  );
  await unwrap(api.POST('/v1/rule-sets/draft/publish'));
}

/** Owners the CRM reports (HubSpot's owner property options), offered as the first reps. */
function FirstPoolStep({ connectionId, onDone }: { connectionId: string; onDone: (poolId: string) => void }) {
  const fields = useApi(
    () =>
      unwrap(
        api.GET('/v1/connections/{id}/fields', {
          params: { path: { id: connectionId }, query: {} },
        }),
      ),
    [connectionId],
  );
  const ownerField = fields.data?.fields.find(
    (f) => f.name === 'hubspot_owner_id' || f.type === 'people' || f.name === 'person',
  );
  const owners = ownerField?.options ?? [];
  const [chosen, setChosen] = useState<string[] | undefined>();
  const selected = chosen ?? owners.map((o) => o.value);
  const [poolName, setPoolName] = useState('Inbound team');
  const create = useAction(async () => {
    const repIds: string[] = [];
    for (const owner of owners.filter((o) => selected.includes(o.value))) {
      const email = /[^\s()<>]+@[^\s()<>]+/.exec(owner.label)?.[0] ?? null;
      const rep = await unwrap(
        api.POST('/v1/reps', {
          body: asCreateBody<Schemas['CreateRepDto']>({
            name: owner.label.replace(/\s*\(.*\)$/, ''),
            email,
            crmOwnerIds: { [connectionId]: owner.value },
          } satisfies NewRep),
        }),
      );
      repIds.push(rep.id);
    }
    const pool = await unwrap(
      api.POST('/v1/pools', {
        body: asCreateBody<Schemas['CreatePoolDto']>({
          name: poolName,
          strategy: 'round_robin',
          members: repIds.map((repId) => ({ repId })),
        } satisfies NewPool),
      }),
    );
    await publishRuleTo(pool.id, poolName);
    onDone(pool.id);
  });
  const pools = useApi(() => unwrap(api.GET('/v1/pools', { params: { query: { limit: 100 } } })), []);
  const [existingPool, setExistingPool] = useState<string | null>(null);
  const toExistingPool = useAction(async () => {
    const pool = pools.data?.items.find((p) => p.id === existingPool);
    if (!pool) return;
    await publishRuleTo(pool.id, pool.name);
    onDone(pool.id);
  });
  return (
    <Stack mt="md" maw={720}>
      <Text>
        Leads go to a <b>pool</b> of reps by a <b>rule</b>. Start with one round-robin pool of the CRM&apos;s
        owners and a rule that sends every lead to it; refine both later under Routing.
      </Text>
      <LoadState
        state={fields}
        isEmpty={() => owners.length === 0}
        empty="The CRM reports no owners yet; add reps under Routing."
      >
        {() => (
          <Paper withBorder p="md">
            <Stack gap="xs">
              <TextInput
                label="Pool name"
                value={poolName}
                onChange={(e) => setPoolName(e.currentTarget.value)}
                error={create.error?.fieldMessage('name')}
              />
              <Checkbox.Group label="Reps (CRM owners)" value={selected} onChange={setChosen}>
                <Stack gap={4} mt={4}>
                  {owners.map((o) => (
                    <Checkbox key={o.value} value={o.value} label={o.label} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <ApiErrorAlert error={create.error} />
              <Group>
                <RequiresRole level="admin">
                  {(disabled) => (
                    <Button
                      onClick={() => void create.run()}
                      loading={create.running}
                      disabled={disabled || selected.length === 0}
                    >
                      Create pool and publish rule
                    </Button>
                  )}
                </RequiresRole>
              </Group>
            </Stack>
          </Paper>
        )}
      </LoadState>
      {(pools.data?.items.length ?? 0) > 0 && (
        <Paper withBorder p="md">
          <Stack gap="xs">
            <Title order={4}>Or send every lead to a pool you already have</Title>
            <Select
              label="Pool"
              data={(pools.data?.items ?? []).map((p) => ({
                value: p.id,
                label: `${p.name} (${p.members.length} reps)`,
              }))}
              value={existingPool}
              onChange={setExistingPool}
            />
            <ApiErrorAlert error={toExistingPool.error} />
            <Group>
              <RequiresRole level="admin">
                {(disabled) => (
                  <Button
                    variant="light"
                    onClick={() => void toExistingPool.run()}
                    loading={toExistingPool.running}
                    disabled={disabled || !existingPool}
                  >
                    Publish a rule to this pool
                  </Button>
                )}
              </RequiresRole>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function LiveTestStep({ connectionId, onRouted }: { connectionId: string; onRouted: () => void }) {
  const [since] = useState(() => new Date(Date.now() - 60_000).toISOString());
  const leads = useApi(
    () => unwrap(api.GET('/v1/leads', { params: { query: { connectionId, from: since, limit: 5 } } })),
    [connectionId, since],
    { pollMs: 1500 },
  );
  const reps = useApi(() => unwrap(api.GET('/v1/reps', { params: { query: { limit: 100 } } })), []);
  const repName = (id: string | null) => reps.data?.items.find((r) => r.id === id)?.name ?? id ?? '—';
  const routed = leads.data?.items.find((l) => l.decision?.repId);
  const routedId = routed?.id;
  useEffect(() => {
    if (routedId) onRouted();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per routed lead
  }, [routedId]);
  return (
    <Stack mt="md" maw={900}>
      <Text>
        Create a lead in the CRM now (in the demo, the sandbox creates one every few seconds). It appears here
        as Leadflow takes it in, routes it and writes the owner back.
      </Text>
      <LoadState state={leads} isEmpty={(d) => d.items.length === 0} empty="Waiting for a new lead…">
        {(data) => (
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Lead</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Routed to</Table.Th>
                <Table.Th>Write-back</Table.Th>
                <Table.Th>Received</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((l) => (
                <Table.Tr key={l.id} data-testid="live-lead">
                  <Table.Td>
                    <Link to={`/leads/${l.id}`}>{leadTitle(l.lead, l.externalId)}</Link>
                  </Table.Td>
                  <Table.Td>{l.status}</Table.Td>
                  <Table.Td data-testid="live-lead-rep">
                    {l.decision ? repName(l.decision.repId) : '…'}
                  </Table.Td>
                  <Table.Td>{l.decision?.writeback.status ?? '…'}</Table.Td>
                  <Table.Td>{formatTime(l.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </LoadState>
      {routed && (
        <Alert color="green" title="Your first lead was routed" data-testid="live-routed">
          {leadTitle(routed.lead, routed.externalId)} went to {repName(routed.decision?.repId ?? null)}.
          Onboarding is complete — <Link to={`/leads/${routed.id}`}>see its journey</Link>.
        </Alert>
      )}
    </Stack>
  );
}

export function leadTitle(lead: Record<string, unknown>, fallback: string): string {
  const parts = [
    lead.fullName,
    [lead.firstName, lead.lastName].filter(Boolean).join(' '),
    lead.email,
    lead.company,
  ];
  const found = parts.find((p) => typeof p === 'string' && p.trim() !== '');
  return typeof found === 'string' ? found : fallback;
}
