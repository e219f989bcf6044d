import { z } from 'zod';
import { httpUrl } from './env-fields';

/** CRM variables (brief §5). The base URLs are how the sandbox stands in for the real services. */
export const crmFields = {
  HUBSPOT_CLIENT_ID: z.string().optional(),
  HUBSPOT_CLIENT_SECRET: z.string().optional(),
  HUBSPOT_APP_ID: z.string().regex(/^\d+$/, 'must be the numeric HubSpot app id').optional(),
  HUBSPOT_API_BASE_URL: httpUrl('https://api.hubapi.com').default('https://api.hubapi.com'),
  HUBSPOT_AUTH_BASE_URL: httpUrl('https://app.hubspot.com').default('https://app.hubspot.com'),
  MONDAY_CLIENT_ID: z.string().optional(),
  MONDAY_CLIENT_SECRET: z.string().optional(),
  MONDAY_SIGNING_SECRET: z.string().optional(),
  MONDAY_API_URL: httpUrl('https://api.monday.com/v2').default('https://api.monday.com/v2'),
  MONDAY_AUTH_BASE_URL: httpUrl('https://auth.monday.com').default('https://auth.monday.com'),
};

export interface HubSpotConfig {
  clientId: string | undefined;
  clientSecret: string | undefined;
  appId: string | undefined;
  apiBaseUrl: string;
  authBaseUrl: string;
}

export interface MondayConfig {
  clientId: string | undefined;
  clientSecret: string | undefined;
  signingSecret: string | undefined;
  apiUrl: string;
  authBaseUrl: string;
}

type CrmEnv = z.infer<z.ZodObject<typeof crmFields>>;

export function crmConfigFrom(env: CrmEnv): { hubspot: HubSpotConfig; monday: MondayConfig } {
  return {
    hubspot: {
      clientId: env.HUBSPOT_CLIENT_ID,
      clientSecret: env.HUBSPOT_CLIENT_SECRET,
      appId: env.HUBSPOT_APP_ID,
      apiBaseUrl: env.HUBSPOT_API_BASE_URL.replace(/\/+$/, ''),
      authBaseUrl: env.HUBSPOT_AUTH_BASE_URL.replace(/\/+$/, ''),
    },
    monday: {
      clientId: env.MONDAY_CLIENT_ID,
      clientSecret: env.MONDAY_CLIENT_SECRET,
      signingSecret: env.MONDAY_SIGNING_SECRET,
      apiUrl: env.MONDAY_API_URL,
      authBaseUrl: env.MONDAY_AUTH_BASE_URL.replace(/\/+$/, ''),
    },
  };
}
