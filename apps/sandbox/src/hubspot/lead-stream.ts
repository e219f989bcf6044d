import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type RateStreamPlan, RateStreams, streamPersonName } from '../rate-streams';
import { SANDBOX_USER_SOURCE } from './crm-change';
import type { HubSpotPortal } from './hubspot-portal';
import { resolveObjectType } from './hubspot-schema';

type Value = string | number | boolean | null;

export interface LeadStreamInput extends RateStreamPlan {
  /** Extra lead properties (unknown ones get a text definition, as seeding does). */
  properties: Record<string, Value>;
}

const CONTACTS = resolveObjectType('contacts')!;
const LEADS = resolveObjectType('leads')!;

/**
 * Leads arriving over time, as they would in a busy portal: each a new contact plus a lead with
 * that contact as its primary contact. One stream per portal; creations fire webhooks.
 */
@Injectable()
export class LeadStreams implements OnApplicationShutdown {
  private readonly streams = new RateStreams<number>(
    new Logger('LeadStreams'),
    (portalId) => `lead stream for portal ${portalId}`,
  );
  private serial = 0;

  /** Undefined when the portal already has a running stream. */
  start(portal: HubSpotPortal, input: LeadStreamInput, now = Date.now()) {
    const started = this.streams.start(
      portal.id,
      input,
      () => this.createLead(portal, input.properties),
      now,
    );
    return started ? this.progress(portal.id) : undefined;
  }

  stop(portalId: number) {
    return this.streams.stop(portalId) ? this.progress(portalId) : undefined;
  }

  progress(portalId: number) {
    const progress = this.streams.progress(portalId);
    return progress === undefined ? undefined : { portalId, ...progress };
  }

  onApplicationShutdown(): void {
    this.streams.stopAll();
  }

  private createLead(portal: HubSpotPortal, properties: Record<string, Value>): void {
    const n = this.serial++;
    const { first: firstname, last: lastname } = streamPersonName(n);
    const contact = portal.create(
      CONTACTS,
      { firstname, lastname, email: `${firstname}.${lastname}.${n}@stream.leadflow.test`.toLowerCase() },
      { source: SANDBOX_USER_SOURCE },
    );
    const lead = portal.create(
      LEADS,
      { hs_lead_name: `${firstname} ${lastname}`, ...properties },
      { source: SANDBOX_USER_SOURCE, defineUnknown: true },
    );
    portal.associateDefault('leads', lead.id, 'contacts', contact.id, true);
  }
}
