import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { api, type Schemas, unwrap } from '../api/client';
import { useAction, useApi } from '../api/use-api';
import { ApiErrorAlert, formatTime, LoadState, RequiresRole } from './status';

type Mapping = Schemas['PutDraftDto'];
type FieldRule = Mapping['fields'][number];
type Source = FieldRule['sources'][number];
type DiscoveredField = Schemas['FieldsDto_Output']['fields'][number];
type Preview = Schemas['PreviewDto_Output'];
const CRM_STATUSES = ['open', 'won', 'lost', 'excluded'] as const;
const PREVIEW_COLUMNS = ['email', 'firstName', 'lastName', 'company', 'country', 'status'];

function sourceKey(source: Source | undefined): string | null {
  if (!source) return null;
  switch (source.kind) {
    case 'property':
      return `${source.object}:${source.name}`;
    case 'column':
      return `column:${source.id}`;
    case 'constant':
      return `constant:${String(source.value)}`;
    case 'record':
      return `record:${source.field}`;
  }
}

/** A discovered field as a mapping source key: Monday's board columns are `column` sources, the rest properties. */
function discoveredKey(field: DiscoveredField): string {
  return field.object === 'column' ? `column:${field.name}` : `${field.object}:${field.name}`;
}

function describeTransform(t: NonNullable<FieldRule['transforms']>[number]): string {
  return t.type.replace(/_/g, ' ');
}

/**
 * The field-mapping wizard over the connection's mapping API: discovered fields with types and
 * samples, the suggested mapping pre-filled (with each suggestion's confidence), status parity, a
 * live preview (raw → normalized, errors highlighted) and publish.
 */
export function MappingWizard({
  connectionId,
  onPublished,
}: {
  connectionId: string;
  onPublished?: () => void;
}) {
  const path = { params: { path: { id: connectionId } } };
  const fields = useApi(
    () =>
      unwrap(
        api.GET('/v1/connections/{id}/fields', {
          params: { path: { id: connectionId }, query: {} },
        }),
      ),
    [connectionId],
  );
  const suggestions = useApi(
    () =>
      unwrap(
        api.GET('/v1/connections/{id}/mapping/suggestions', {
          params: { path: { id: connectionId }, query: {} },
        }),
      ),
    [connectionId],
  );
  const draft = useApi(
    () =>
      unwrap(
        api.GET('/v1/connections/{id}/mapping/draft', {
          params: { path: { id: connectionId }, query: {} },
        }),
      ),
    [connectionId],
  );
  const versions = useApi(
    () => unwrap(api.GET('/v1/connections/{id}/mapping/versions', path)),
    [connectionId],
  );
  const [mapping, setMapping] = useState<Mapping>();
  const [preview, setPreview] = useState<Preview>();
  const [published, setPublished] = useState<number>();

  useEffect(() => {
    if (draft.data && mapping === undefined) setMapping(draft.data.mapping as unknown as Mapping);
  }, [draft.data, mapping]);

  const discovered = useMemo(() => fields.data?.fields ?? [], [fields.data]);
  const sourceOptions = useMemo(
    () =>
      discovered.map((f) => ({
        value: discoveredKey(f),
        label: `${f.label} (${f.object}.${f.name}, ${f.type})`,
      })),
    [discovered],
  );
  const byKey = useMemo(() => new Map(discovered.map((f) => [discoveredKey(f), f])), [discovered]);

  const save = useAction(async () => {
    if (!mapping) return;
    const saved = await unwrap(api.PUT('/v1/connections/{id}/mapping/draft', { ...path, body: mapping }));
    draft.reload();
    return saved;
  });
  const runPreview = useAction(async () => {
    if (!mapping) return;
    setPreview(
      await unwrap(
        api.POST('/v1/connections/{id}/mapping/preview', { ...path, body: { limit: 5, mapping } }),
      ),
    );
  });
  const publish = useAction(async () => {
    if (!mapping) return;
    await unwrap(api.PUT('/v1/connections/{id}/mapping/draft', { ...path, body: mapping }));
    const version = await unwrap(api.POST('/v1/connections/{id}/mapping/publish', path));
    setPublished(version.version);
    versions.reload();
    onPublished?.();
  });

  const setSource = (index: number, key: string | null) => {
    if (!mapping || key === null) return;
    const [object, ...rest] = key.split(':');
    const name = rest.join(':');
    const source: Source =
      object === 'column'
        ? { kind: 'column', id: name, read: 'auto' }
        : { kind: 'property', object: object as 'lead', name };
    setMapping({
      ...mapping,
      fields: mapping.fields.map((f, i) => (i === index ? { ...f, sources: [source] } : f)),
    });
  };
  const setParity = (value: string, status: (typeof CRM_STATUSES)[number]) => {
    if (!mapping) return;
    const entries = mapping.statusParity.entries.map((e) => (e.value === value ? { ...e, status } : e));
    setMapping({ ...mapping, statusParity: { ...mapping.statusParity, entries } });
  };
  const problems = draft.data?.problems ?? [];

  return (
    <Stack mt="md" data-testid="mapping-wizard">
      <LoadState state={draft}>
        {(d) => (
          <Text size="sm" c="dimmed">
            Object <b>{d.object}</b> · starting from the {d.origin}
            {d.basedOnVersion ? ` (version ${d.basedOnVersion})` : ''} · {discovered.length} fields discovered
            {fields.data ? ` at ${formatTime(fields.data.fetchedAt)}` : ''}
          </Text>
        )}
      </LoadState>
      <ApiErrorAlert error={fields.error ?? suggestions.error} onRetry={fields.reload} />
      {mapping && (
        <Paper withBorder p="sm">
          <Title order={4} mb="xs">
            Fields
          </Title>
          <ScrollArea>
            <Table striped miw={760}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Lead field</Table.Th>
                  <Table.Th>CRM field</Table.Th>
                  <Table.Th>Transforms</Table.Th>
                  <Table.Th>Suggestion</Table.Th>
                  <Table.Th>Samples</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {mapping.fields.map((rule, index) => {
                  const key = sourceKey(rule.sources[0]);
                  const suggestion = suggestions.data?.fields.find((s) => s.target === rule.target);
                  const problem = problems.find(
                    (p) =>
                      p.path.startsWith(`fields.${index}.`) ||
                      p.path === `fields.${index}` ||
                      p.path.includes(`"${rule.target}"`),
                  );
                  const sample = key ? byKey.get(key)?.samples.slice(0, 2).join(', ') : '';
                  return (
                    <Table.Tr key={`${rule.target}-${index}`}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {rule.target}
                          {rule.required ? ' *' : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td miw={260}>
                        {rule.sources[0]?.kind === 'property' ||
                        rule.sources[0]?.kind === 'column' ||
                        !rule.sources[0] ? (
                          <Select
                            size="xs"
                            aria-label={`Source of ${rule.target}`}
                            data={
                              sourceOptions.some((o) => o.value === key) || key === null
                                ? sourceOptions
                                : [...sourceOptions, { value: key, label: key }]
                            }
                            value={key}
                            onChange={(v) => setSource(index, v)}
                            searchable
                            error={problem?.message}
                          />
                        ) : (
                          <Text size="xs" ff="monospace">
                            {key}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {(rule.transforms ?? []).map((t, i) => (
                            <Badge key={i} size="xs" variant="outline">
                              {describeTransform(t)}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {suggestion ? (
                          <Tooltip label={suggestion.reason}>
                            <Badge
                              size="sm"
                              color={
                                suggestion.confidence >= 0.8
                                  ? 'green'
                                  : suggestion.confidence >= 0.5
                                    ? 'yellow'
                                    : 'gray'
                              }
                            >
                              {Math.round(suggestion.confidence * 100)}%
                            </Badge>
                          </Tooltip>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {sample || '—'}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      )}
      {mapping && mapping.statusParity.entries.length > 0 && (
        <Paper withBorder p="sm">
          <Title order={4} mb="xs">
            Status parity
          </Title>
          <Table>
            <Table.Tbody>
              {mapping.statusParity.entries.map((e) => (
                <Table.Tr key={e.value}>
                  <Table.Td>
                    {suggestions.data?.statusParity.find((s) => s.value === e.value)?.label ?? e.value}
                  </Table.Td>
                  <Table.Td w={180}>
                    <Select
                      size="xs"
                      aria-label={`Status for ${e.value}`}
                      data={[...CRM_STATUSES]}
                      value={e.status}
                      allowDeselect={false}
                      onChange={(v) => v && setParity(e.value, v)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {problems.length > 0 && (
        <Alert color="yellow" title="Problems publishing would report">
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {problems.map((p) => (
              <li key={`${p.path}:${p.code}`}>
                <code>{p.path}</code> {p.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <ApiErrorAlert error={save.error ?? runPreview.error ?? publish.error} />
      <Group>
        <Button
          variant="default"
          onClick={() => void runPreview.run()}
          loading={runPreview.running}
          disabled={!mapping}
        >
          Preview with live records
        </Button>
        <RequiresRole level="admin">
          {(disabled) => (
            <Button
              variant="light"
              onClick={() => void save.run()}
              loading={save.running}
              disabled={disabled || !mapping}
            >
              Save draft
            </Button>
          )}
        </RequiresRole>
        <RequiresRole level="admin">
          {(disabled) => (
            <Button
              onClick={() => void publish.run()}
              loading={publish.running}
              disabled={disabled || !mapping}
            >
              Publish mapping
            </Button>
          )}
        </RequiresRole>
      </Group>
      {published !== undefined && (
        <Alert color="green" title={`Version ${published} published`} data-testid="mapping-published">
          New leads are normalized with it from now on.
        </Alert>
      )}
      {preview && <PreviewGrid preview={preview} />}
      {versions.data && versions.data.items.length > 0 && (
        <Text size="sm" c="dimmed">
          Published versions:{' '}
          {versions.data.items.map((v) => `v${v.version}${v.active ? ' (active)' : ''}`).join(', ')}
        </Text>
      )}
      {versions.data && versions.data.items.length > 1 && (
        <MappingVersionDiff
          key={versions.data.items[0]?.version}
          connectionId={connectionId}
          versions={versions.data.items.map((v) => v.version)}
        />
      )}
    </Stack>
  );
}

/** Lines for one section of a mapping diff: `fields added: email, phone`. */
function diffLines(section: string, value: Record<string, unknown>): string[] {
  return Object.entries(value).flatMap(([kind, items]) => {
    if (!Array.isArray(items) || items.length === 0) return [];
    const names = items.map((item: unknown) => {
      if (typeof item !== 'object' || item === null) return String(item);
      const named = item as Record<string, unknown>;
      const name = named.target ?? named.key ?? named.value;
      return typeof name === 'string' ? name : JSON.stringify(item);
    });
    return [`${section} ${kind}: ${names.join(', ')}`];
  });
}

function MappingVersionDiff({ connectionId, versions }: { connectionId: string; versions: number[] }) {
  const [from, setFrom] = useState<string | null>(String(versions[1]));
  const [to, setTo] = useState<string | null>(String(versions[0]));
  const [lines, setLines] = useState<string[]>();
  const compare = useAction(async () => {
    if (!from || !to) return;
    const diff = await unwrap(
      api.GET('/v1/connections/{id}/mapping/versions/{version}/diff/{other}', {
        params: { path: { id: connectionId, version: Number(from), other: Number(to) } },
      }),
    );
    setLines(
      diff.identical
        ? ['The two versions are identical.']
        : [
            ...diffLines('fields', diff.fields),
            ...diffLines('custom fields', diff.customFields),
            ...diffLines('status parity', diff.statusParity),
          ],
    );
  });
  const options = versions.map((v) => ({ value: String(v), label: `v${v}` }));
  return (
    <Paper withBorder p="sm">
      <Group align="flex-end">
        <Select size="xs" label="Compare version" data={options} value={from} onChange={setFrom} w={120} />
        <Select size="xs" label="with" data={options} value={to} onChange={setTo} w={120} />
        <Button size="xs" variant="default" onClick={() => void compare.run()} loading={compare.running}>
          Show changes
        </Button>
      </Group>
      <ApiErrorAlert error={compare.error} />
      {lines?.map((line) => (
        <Text key={line} size="sm" mt={4}>
          {line}
        </Text>
      ))}
    </Paper>
  );
}

function PreviewGrid({ preview }: { preview: Preview }) {
  return (
    <Paper withBorder p="sm" data-testid="mapping-preview">
      <Title order={4} mb="xs">
        Preview: {preview.records.length} live records, raw → normalized
      </Title>
      {preview.records.length === 0 ? (
        <Text c="dimmed">The CRM has no records to preview yet.</Text>
      ) : (
        <ScrollArea>
          <Table withTableBorder miw={760}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Record</Table.Th>
                {PREVIEW_COLUMNS.map((c) => (
                  <Table.Th key={c}>{c}</Table.Th>
                ))}
                <Table.Th>Errors</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.records.map((r) => (
                <Table.Tr
                  key={r.externalId}
                  bg={r.errors.length > 0 ? 'var(--mantine-color-red-light)' : undefined}
                >
                  <Table.Td>
                    <Text size="xs" ff="monospace">
                      {r.externalId}
                    </Text>
                  </Table.Td>
                  {PREVIEW_COLUMNS.map((c) => (
                    <Table.Td key={c}>
                      <Text size="xs">
                        {r.lead && r.lead[c] !== undefined && r.lead[c] !== null
                          ? String(r.lead[c] as string)
                          : '—'}
                      </Text>
                    </Table.Td>
                  ))}
                  <Table.Td>
                    {r.errors.map((e) => (
                      <Text key={`${e.target}:${e.code}`} size="xs" c="red">
                        {e.target}: {e.message}
                      </Text>
                    ))}
                    {r.warnings.map((w) => (
                      <Text key={`${w.target}:${w.code}`} size="xs" c="orange">
                        {w.target}: {w.message}
                      </Text>
                    ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      )}
    </Paper>
  );
}
