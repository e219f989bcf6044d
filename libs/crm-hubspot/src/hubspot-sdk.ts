import { Client } from '@hubspot/api-client';

type Crm = Client['crm'];

/** The generated SDK APIs the adapter calls, bound to one access token. */
export interface HubSpotApis {
  objectsBatch: Crm['objects']['batchApi'];
  objectsSearch: Crm['objects']['searchApi'];
  associationsBatch: Crm['associations']['v4']['batchApi'];
  owners: Crm['owners']['ownersApi'];
  properties: Crm['properties']['coreApi'];
  pipelines: Crm['pipelines']['pipelinesApi'];
  accessTokens: Client['oauth']['accessTokensApi'];
}

/**
 * Builds the SDK for a token. No `limiterOptions` and zero retries: Leadflow's transport rate-limits per
 * connection and retries itself, and the SDK's versions are process-wide. The API objects are created
 * right here because the SDK applies its process-wide decorator list (set by the most recently
 * constructed `Client`, anywhere in the process) when an API object is first created; creating them in
 * the same tick as our `Client` pins them to our empty list.
 */
export function createHubSpotApis(accessToken: string, basePath: string): HubSpotApis {
  const client = new Client({ accessToken, basePath, numberOfApiCallRetries: 0 });
  return {
    objectsBatch: client.crm.objects.batchApi,
    objectsSearch: client.crm.objects.searchApi,
    associationsBatch: client.crm.associations.v4.batchApi,
    owners: client.crm.owners.ownersApi,
    properties: client.crm.properties.coreApi,
    pipelines: client.crm.pipelines.pipelinesApi,
    accessTokens: client.oauth.accessTokensApi,
  };
}

/**
 * One SDK client per access token value: reused while the token stays the same (building one costs a
 * dozen objects), rebuilt when the factory hands over a refreshed token.
 */
export class HubSpotSdkCache {
  private current: { accessToken: string; apis: HubSpotApis } | undefined;

  constructor(private readonly basePath: string) {}

  for(accessToken: string): HubSpotApis {
    if (this.current?.accessToken !== accessToken) {
      this.current = { accessToken, apis: createHubSpotApis(accessToken, this.basePath) };
    }
    return this.current.apis;
  }
}
