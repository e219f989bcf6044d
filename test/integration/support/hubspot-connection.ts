import { expect } from 'vitest';
import { request } from '@leadflow/testing';

/**
 * Connects a sandbox HubSpot portal to a tenant by private-app token through the public API and
 * publishes the connection's suggested mapping, as an admin would; returns the connection id.
 */
export async function connectHubSpotWithSuggestedMapping(
  apiUrl: string,
  adminKey: string,
  privateAppToken: string,
): Promise<string> {
  const connected = await request(apiUrl, 'POST', '/v1/connections', {
    key: adminKey,
    body: { provider: 'hubspot', authType: 'token', token: privateAppToken },
  });
  expect(connected.status).toBe(201);
  const connectionId = (connected.body as { id: string }).id;
  const mapping = `/v1/connections/${connectionId}/mapping`;
  const draft = await request(apiUrl, 'GET', `${mapping}/draft`, { key: adminKey });
  const saved = await request(apiUrl, 'PUT', `${mapping}/draft`, {
    key: adminKey,
    body: (draft.body as { mapping: unknown }).mapping,
  });
  expect(saved.status).toBe(200);
  const published = await request(apiUrl, 'POST', `${mapping}/publish`, { key: adminKey });
  expect(published.status).toBe(201);
  return connectionId;
}
