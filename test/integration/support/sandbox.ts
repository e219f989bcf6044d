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
