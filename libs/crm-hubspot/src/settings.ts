import type { SettingsProblem } from '@leadflow/crm';
import { z } from 'zod';
import { HUBSPOT_RECORD_TYPES } from './hubspot-objects';

/** What an admin chooses for a HubSpot connection, stored on it and validated here. */
export const hubSpotSettingsSchema = z
  .strictObject({
    /**
     * The object whose new records are routed. Leads (Sales Hub Professional and up) by default;
     * contacts for portals without the Leads object; deals for teams that route opportunities.
     */
    primaryObject: z.enum(HUBSPOT_RECORD_TYPES).default('leads'),
    /**
     * Lead pipeline stage id written together with the owner, so the lead shows as open work in the
     * rep's Sales Workspace. Portals rename stages: the id comes from `GET /crm/v3/pipelines/leads`.
     */
    leadStageOnAssign: z.string().trim().min(1).max(100).optional(),
    /**
     * Accept the legacy webhook signatures (v1/v2) when a delivery carries no v3 one. They have no
     * timestamp, so a captured delivery can be replayed: off unless a source that still signs the old
     * way must be accepted.
     */
    allowLegacyWebhookSignatures: z.boolean().default(false),
  })
  .superRefine((settings, ctx) => {
    if (settings.leadStageOnAssign !== undefined && settings.primaryObject !== 'leads') {
      ctx.addIssue({
        code: 'custom',
        path: ['leadStageOnAssign'],
        message: `only applies when primaryObject is "leads" (it is "${settings.primaryObject}")`,
      });
    }
  });

export type HubSpotSettings = z.output<typeof hubSpotSettingsSchema>;

/** Settings with defaults filled in, or every problem with the field it concerns. Absent input means defaults. */
export function parseHubSpotSettings(
  input: unknown,
): { settings: HubSpotSettings } | { problems: SettingsProblem[] } {
  const parsed = hubSpotSettingsSchema.safeParse(input ?? {});
  if (parsed.success) return { settings: parsed.data };
  return {
    problems: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}
