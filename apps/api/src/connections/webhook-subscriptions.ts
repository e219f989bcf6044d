import type { CrmWebhookSubscription, CrmWebhookSubscriptions } from '@leadflow/crm';

/** Where a connection's CRM sends its webhooks. */
export function webhookUrl(publicBaseUrl: string, provider: string, connectionId: string): string {
  return `${publicBaseUrl}/v1/webhooks/${provider}/${connectionId}`;
}

/**
 * Makes the connection's subscriptions at `targetUrl` exactly `wanted`: missing ones are created,
 * ones for anything else (a previously chosen board) removed. Subscriptions to other URLs are
 * not ours and are left alone.
 */
export async function syncWebhooks(
  webhooks: CrmWebhookSubscriptions,
  targetUrl: string,
  wanted: readonly Omit<CrmWebhookSubscription, 'id' | 'active'>[],
): Promise<void> {
  const key = (s: { event: string; objectType: string }) => `${s.event}\u0000${s.objectType}`;
  const wantedKeys = new Set(wanted.map(key));
  // A null URL means the provider does not report it (Monday); its list holds only our app's
  // subscriptions on the connection's boards, so they are ours.
  const existing = (await webhooks.list()).filter((s) => s.targetUrl === targetUrl || s.targetUrl === null);
  for (const stale of existing.filter((s) => !wantedKeys.has(key(s)))) await webhooks.remove(stale.id);
  if (wanted.length > 0) await webhooks.ensure(wanted);
}
