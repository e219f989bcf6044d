/** Typed failures of persisted routing; the API maps them to problem details. */
export class NoPublishedRuleSetError extends Error {
  constructor(readonly tenantId: string) {
    super('No rule set has been published yet: publish the draft before routing leads.');
    this.name = 'NoPublishedRuleSetError';
  }
}

export class LeadNotFoundError extends Error {
  constructor(readonly leadId: string) {
    super(`Lead ${leadId} was not found`);
    this.name = 'LeadNotFoundError';
  }
}

/** The engine's path kept changing under concurrent edits of pools; the caller may retry. */
export class RoutingContentionError extends Error {
  constructor(readonly leadId: string) {
    super(`Routing lead ${leadId} could not settle on the pools to lock; retry`);
    this.name = 'RoutingContentionError';
  }
}
