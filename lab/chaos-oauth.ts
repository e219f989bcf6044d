/**
 * Switches the stack's HubSpot connection to OAuth the way an admin would (the sandbox consents by
 * itself). Connecting the same portal again reconnects the existing connection with the new
 * credentials, so its id, mapping and rep owner ids stay as the harness provisioned them.
 */
import type { Stack } from './stack';

export async function reconnectHubSpotByOAuth(stack: Stack): Promise<void> {
  const start = await stack.api<{ authorizeUrl: string }>('POST', '/v1/connections/hubspot/oauth/start', {});
  const consent = await fetch(start.authorizeUrl, { redirect: 'manual' });
  const callback = new URL(consent.headers.get('location') ?? '');
  const landed = await fetch(`${stack.urls.api}${callback.pathname}${callback.search}`, {
    redirect: 'manual',
  });
  const target = new URL(landed.headers.get('location') ?? '', stack.urls.api);
  if (target.searchParams.get('connected') !== '1') {
    throw new Error(`HubSpot OAuth did not complete: ${target.searchParams.get('error_description')}`);
  }
  const connection = await stack.api<{ id: string; authType: string }>(
    'GET',
    `/v1/connections/${stack.hubspot.connectionId}`,
  );
  if (connection.authType !== 'oauth') {
    throw new Error(`the HubSpot connection is still ${connection.authType} after OAuth`);
  }
}
