import { Alert, Button, Center, Group, Loader, Stack, Text, Tooltip } from '@mantine/core';
import type { ReactElement, ReactNode } from 'react';
import type { ApiError, FieldProblem } from '../api/client';
import { usePermissions } from '../auth/session';

/** An API error with its problem detail (and the fields it names, when no form shows them in place). */
export function ApiErrorAlert({
  error,
  title,
  showFields = true,
  fields,
  onRetry,
}: {
  error: ApiError | undefined;
  title?: string;
  showFields?: boolean;
  /** The field errors to list, when a form shows some of them in place already. */
  fields?: FieldProblem[];
  onRetry?: () => void;
}) {
  if (!error) return null;
  const listed = fields ?? error.errors;
  return (
    <Alert color="red" variant="light" title={title ?? error.title} role="alert" data-testid="api-error">
      <Stack gap={4}>
        <Text size="sm">{error.detail || error.message}</Text>
        {showFields && listed.length > 0 && (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {listed.map((e) => (
              <li key={`${e.path}:${e.message}`}>
                <Text size="sm" span ff="monospace">
                  {e.path}
                </Text>{' '}
                <Text size="sm" span>
                  {e.message}
                </Text>
              </li>
            ))}
          </ul>
        )}
        {onRetry && (
          <Group>
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/**
 * The three states every list and page has before its content: loading (first load only), error
 * (with retry) and empty (with what to do about it).
 */
export function LoadState<T>({
  state,
  isEmpty,
  empty,
  children,
}: {
  state: { data: T | undefined; error: ApiError | undefined; loading: boolean; reload: () => void };
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (state.data === undefined) {
    if (state.error) return <ApiErrorAlert error={state.error} onRetry={state.reload} />;
    return (
      <Center py="xl" aria-busy="true">
        <Loader size="sm" aria-label="Loading" />
      </Center>
    );
  }
  return (
    <>
      {state.error && <ApiErrorAlert error={state.error} onRetry={state.reload} />}
      {isEmpty?.(state.data) ? (
        <Text c="dimmed" py="md" data-testid="empty-state">
          {empty}
        </Text>
      ) : (
        children(state.data)
      )}
    </>
  );
}

/** Wraps an edit control: disabled, with the reason in a tooltip, for keys whose role may not change things. */
export function RequiresRole({
  level,
  children,
}: {
  level: 'admin' | 'operator';
  children: (disabled: boolean) => ReactElement;
}) {
  const { canEdit, canOperate } = usePermissions();
  const allowed = level === 'admin' ? canEdit : canOperate;
  if (allowed) return children(false);
  return (
    <Tooltip label={`Needs the ${level} role`}>
      <span>{children(true)}</span>
    </Tooltip>
  );
}

export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}
