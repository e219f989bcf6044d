import { startSandbox as startSandboxApp } from '../../../apps/sandbox/test/sandbox-harness';

/** The HubSpot-compatible sandbox, in this process, on a random port; reached only over HTTP. */
export interface RunningSandbox {
  baseUrl: string;
  /** Calls the sandbox's control API (`/_sandbox/hubspot{path}`); throws on a non-2xx answer. */
  control<T = any>(method: string, path: string, body?: unknown): Promise<T>;
  /** A new portal with a private-app token. */
  portal(input?: Record<string, unknown>): Promise<{ portalId: number; privateAppToken: string }>;
  /** Registers an OAuth app installing into `portalId`; returns its client credentials. */
  oauthApp(
    portalId: number,
    input?: Record<string, unknown>,
  ): Promise<{ clientId: string; clientSecret: string; appId: number }>;
  close(): Promise<void>;
}

let appCounter = 0;

export async function startSandbox(): Promise<RunningSandbox> {
  const sandbox = await startSandboxApp();
  const control = <T>(method: string, path: string, body?: unknown): Promise<T> =>
    sandbox.control(method, path, body) as Promise<T>;
  return {
    baseUrl: sandbox.base,
    control,
    portal: (input = {}) => control('POST', '/portals', input),
    async oauthApp(portalId, input = {}) {
      const n = ++appCounter;
      const app = {
        clientId: `client-${n}-${Date.now()}`,
        clientSecret: `client-secret-${n}-${Math.random().toString(36).slice(2)}`,
        appId: 900_000 + n,
        portalId,
        ...input,
      };
      await control('POST', '/apps', app);
      return { clientId: app.clientId, clientSecret: app.clientSecret, appId: app.appId };
    },
    close: () => sandbox.close(),
  };
}

/** Follows the sandbox's auto-consent for an authorize URL and returns the redirect it answers with. */
export async function consent(authorizeUrl: string): Promise<URL> {
  const res = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || location === null) {
    throw new Error(`authorize answered ${res.status}: ${await res.text()}`);
  }
  return new URL(location);
}

/** A sandbox HubSpot portal with owners and an OAuth app, and the environment that points at it. */
export interface HubSpotPortalSetup {
  portalId: number;
  privateAppToken: string;
  ownerIds: string[];
  app: { clientId: string; clientSecret: string };
  /** HubSpot base URLs and app credentials for the API and worker processes. */
  env: Record<string, string>;
}

export async function hubSpotPortalWithApp(
  sandbox: RunningSandbox,
  name: string,
  ownerDomain: string,
): Promise<HubSpotPortalSetup> {
  const portal = await sandbox.portal({ name });
  const { owners } = await sandbox.control<{ owners: { id: string }[] }>(
    'POST',
    `/portals/${portal.portalId}/owners`,
    { owners: ['rep0', 'rep1', 'rep2'].map((n) => ({ email: `${n}@${ownerDomain}` })) },
  );
  const app = await sandbox.oauthApp(portal.portalId);
  return {
    ...portal,
    ownerIds: owners.map((o) => o.id),
    app,
    env: {
      HUBSPOT_API_BASE_URL: sandbox.baseUrl,
      HUBSPOT_AUTH_BASE_URL: sandbox.baseUrl,
      HUBSPOT_CLIENT_ID: app.clientId,
      HUBSPOT_CLIENT_SECRET: app.clientSecret,
    },
  };
}
