// Generated from docs/openapi.json by scripts/console-api-types.mjs (`npm run openapi`); do not edit.
export interface paths {
  '/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The process is up */
    get: operations['HealthController_live'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Postgres and Redis answer; 503 naming the failing part otherwise */
    get: operations['HealthController_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/tenants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create a tenant and its first admin key (needs ADMIN_BOOTSTRAP_TOKEN as the Bearer token) */
    post: operations['TenantsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The tenant and API key this request is authenticated as */
    get: operations['TenantsController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the tenant's API keys by prefix (never the secret) */
    get: operations['ApiKeysController_list'];
    put?: never;
    /** Create an API key; the key itself is returned only in this response */
    post: operations['ApiKeysController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One API key (never the secret) */
    get: operations['ApiKeysController_get'];
    put?: never;
    post?: never;
    /** Revoke an API key; it stops working immediately */
    delete: operations['ApiKeysController_revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit-log': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the tenant's audit log, newest first */
    get: operations['AuditLogController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/encryption': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The key ring (ids only), which keys stored secrets use, and recent rotations */
    get: operations['EncryptionController_status'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/encryption/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Re-encrypt every stored secret with the active key (first in TOKEN_ENCRYPTION_KEYS)
     * @description Runs as a worker job in batches while the system keeps serving; follow it at GET /v1/admin/encryption/rotations/{id}. Remove an old key from the ring only after its usage is 0.
     */
    post: operations['EncryptionController_rotate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/admin/encryption/rotations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Progress of one rotation */
    get: operations['EncryptionController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/leads': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Leads, newest first, filtered by status, connection, rep, pool and time */
    get: operations['LeadsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/leads/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One lead's journey: raw record, mapping version and errors, decision with trail, write-back */
    get: operations['LeadsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/leads/{id}/reroute': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Route a lead again (operator)
     * @description Moves the current decision to the lead’s history and queues intake for the record: a fresh read from the CRM, the active mapping and the published rules decide again, and the new owner is written back (over the owner our earlier decision wrote, not over one someone else set since). 409 when the connection is paused or needs re-authorisation.
     */
    post: operations['LeadsController_reroute'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhook-deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Webhook deliveries, newest first, by connection, status, time or record id */
    get: operations['WebhookDeliveriesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhook-deliveries/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One delivery: payload, verification outcome, its events and the leads they concern */
    get: operations['WebhookDeliveriesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhook-deliveries/{id}/replay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Run an accepted delivery through intake again (after a mapping fix, say)
     * @description Refused deliveries cannot be replayed. Dedupe applies: a lead already routed is not routed again, unless `force` is true — then its decision moves to the lead’s history and it is routed afresh (as POST /v1/leads/{id}/reroute).
     */
    post: operations['WebhookDeliveriesController_replay'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/reps': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the tenant's reps with their current load and KPIs, newest first */
    get: operations['RepsController_list'];
    put?: never;
    /**
     * Create a rep
     * @description The rep starts with no load (0 open, 0 assigned today). Checked as the router checks it: time zone, working hours, out-of-office windows, caps, and CRM owner ids not shared with another rep.
     */
    post: operations['RepsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/reps/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One rep with its current load and KPIs */
    get: operations['RepsController_get'];
    put?: never;
    post?: never;
    /**
     * Delete a rep, with its load counters and KPIs
     * @description To stop routing to a rep without losing its settings, set active to false instead.
     */
    delete: operations['RepsController_remove'];
    options?: never;
    head?: never;
    /** Change a rep; only the fields given change */
    patch: operations['RepsController_update'];
    trace?: never;
  };
  '/v1/reps/{id}/kpis': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A rep's KPIs (the values kpi_weighted pools score) */
    get: operations['RepKpisController_get'];
    /**
     * Record a rep's KPI values
     * @description Each KPI is created or replaced by name; KPIs not in the request keep their values.
     */
    put: operations['RepKpisController_put'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/pools': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the tenant's pools, newest first */
    get: operations['PoolsController_list'];
    put?: never;
    /**
     * Create a pool
     * @description Checked as the router checks it, with the tenant’s other pools and reps: members are this tenant’s reps, listed once, with weights > 0; kpi_weighted pools have kpiWeights; the fallback exists and does not lead back to this pool.
     */
    post: operations['PoolsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/pools/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One pool */
    get: operations['PoolsController_get'];
    put?: never;
    post?: never;
    /** Delete a pool, with its members and rotation state */
    delete: operations['PoolsController_remove'];
    options?: never;
    head?: never;
    /**
     * Change a pool; only the fields given change
     * @description Checked as the router checks it, with the tenant’s other pools and reps: members are this tenant’s reps, listed once, with weights > 0; kpi_weighted pools have kpiWeights; the fallback exists and does not lead back to this pool.
     */
    patch: operations['PoolsController_update'];
    trace?: never;
  };
  '/v1/rule-sets/draft': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The rule-set draft (an empty rule list when none was saved yet) */
    get: operations['RuleSetsController_getDraft'];
    /**
     * Replace the draft
     * @description Checks the shape of every rule (400 naming body.rules[i]...); checks against pools, reps and fields happen on publish.
     */
    put: operations['RuleSetsController_saveDraft'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rule-sets/draft/publish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Publish the draft as the next version
     * @description Validates the draft against the current pools and reps; every problem is answered with 400, its path starting with draft.rules[...] (or pools["<id>"] for a pool the rules reach). 409 when another version was published at the same moment: retry.
     */
    post: operations['RuleSetsController_publish'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rule-sets/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Published versions, newest first (without their rules) */
    get: operations['RuleSetsController_listVersions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rule-sets/versions/{v}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One published version with its rules */
    get: operations['RuleSetsController_getVersion'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rule-sets/versions/{v}/diff/{w}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What changed from version v to version w, rule by rule (by rule id) */
    get: operations['RuleSetsController_diff'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rule-sets/versions/{v}/rollback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Republish version v as a new version (restoredFrom: v)
     * @description Re-validates the rules against the current pools and reps (400 with paths version.rules[...] when, say, a pool they use was deleted). The draft is not changed.
     */
    post: operations['RuleSetsController_rollback'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/routing/simulate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Route leads against the draft or a version without changing anything
     * @description Give exactly one of leads or lastN. Uses the current pools, reps and routing state, at the current time. An invalid draft is answered with 400 (paths draft.rules[...]).
     */
    post: operations['SimulationController_simulate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/leads/{id}/decision': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How a lead was routed: the stored decision with its full trail */
    get: operations['DecisionsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/providers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** CRM providers this deployment supports, with their capabilities and limits */
    get: operations['ConnectionsController_providers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the tenant's CRM connections, newest first */
    get: operations['ConnectionsController_list'];
    put?: never;
    /**
     * Connect a CRM account with a static token (HubSpot private app)
     * @description The token is checked with a real call and stored encrypted; it is never returned. Connecting an account this tenant already has replaces its credentials (200).
     */
    post: operations['ConnectionsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One connection: status, account, scopes, token expiry (never a secret) */
    get: operations['ConnectionsController_get'];
    put?: never;
    post?: never;
    /** Disconnect: erase the credentials; the connection stays as history */
    delete: operations['ConnectionsController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Status, circuit breakers, rate-limit headroom and recent events of a connection */
    get: operations['ConnectionsController_health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What happened to a connection (connected, needs re-auth, paused, ...), newest first */
    get: operations['ConnectionsController_events'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/boards': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Boards the connection can route from (Monday); 400 for providers without boards */
    get: operations['ConnectionsController_boards'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/source': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Choose the board and its owner (People) and status columns; subscribes the webhooks
     * @description Checked against the live board: it exists, the owner column is a People column, the status column a Status column.
     */
    put: operations['ConnectionsController_chooseSource'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/webhook-deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Webhook debugger: deliveries for this connection, newest first, refused ones with the reason */
    get: operations['ConnectionsController_deliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/sync-runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Polling history: each run with its window, records seen and enqueued, errors */
    get: operations['ConnectionsController_syncRuns'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/polling': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** How often the connection is polled for changed records */
    put: operations['ConnectionsController_setPolling'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/pause': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pause a connection: no CRM calls, no intake, until resumed */
    post: operations['ConnectionsController_pause'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/resume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resume a paused connection */
    post: operations['ConnectionsController_resume'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{provider}/oauth/start': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Start connecting by OAuth: returns the URL to send the admin to
     * @description The state in the URL is random, single-use, bound to this tenant and expires in 10 minutes.
     */
    post: operations['ConnectionsController_oauthStart'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{provider}/oauth/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Complete an OAuth connection from the console
     * @description For consoles that receive the redirect themselves: the state must have been issued to the calling tenant.
     */
    post: operations['ConnectionsController_oauthComplete'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/oauth/{provider}/callback': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** OAuth redirect target (public): checks the state, stores the connection, redirects to the console */
    get: operations['ConnectionsController_oauthCallback'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/backfill': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The latest backfill of a connection, with its progress and counters */
    get: operations['BackfillController_latest'];
    put?: never;
    /**
     * Start a backfill: import the records the CRM changed in a time range
     * @description Pages through the records the CRM last changed in [from, to) — 100 per page, batch calls, inside the connection’s rate budget, one page at a time beside live intake — and stores them as leads with status `imported`, without routing them, unless `route` is true. Progress is checkpointed after every page, so a restarted worker resumes where it stopped. Records created after the connection was first made that are not stored yet are handed to normal intake. 409 when a backfill of the connection is still queued or running, the connection is not active, or it has no published mapping.
     */
    post: operations['BackfillController_start'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/backfills': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every backfill of a connection, newest first */
    get: operations['BackfillController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/backfill/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Cancel the active backfill
     * @description It stops after the page in flight; what earlier pages imported stays. A new backfill can start at once.
     */
    post: operations['BackfillController_cancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/providers/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Health of each CRM connection: circuit, rate limits, token, calls, webhooks, polling
     * @description Unhealthy: needs re-authorisation, a circuit breaker open, at least half of 5 or more CRM calls failed in the last 5 minutes, or polling more than max(10 min, 5 poll intervals) behind. Disconnected connections are left out.
     */
    get: operations['ProviderHealthController_health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/fields': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Fields the CRM reports for the routed object and its associated records, with sample values
     * @description Cached for an hour; `refresh=true` asks the CRM again.
     */
    get: operations['MappingWizardController_fields'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/mapping/suggestions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A proposed mapping: the provider defaults plus name, label and type similarity */
    get: operations['MappingWizardController_suggestions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/mapping/draft': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The mapping being edited, with every problem publishing would report
     * @description Without saved edits: the active version, or a suggestion when nothing is published yet.
     */
    get: operations['MappingWizardController_draft'];
    /** Save the draft (it may still have problems; they are returned) */
    put: operations['MappingWizardController_saveDraft'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/mapping/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Normalize recent records fetched live from the CRM with the draft (or a given mapping)
     * @description Changes nothing; each record comes back raw, normalized, and with its per-field errors.
     */
    post: operations['MappingWizardController_preview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/mapping/publish': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Validate the draft and make it the next, active, immutable version */
    post: operations['MappingWizardController_publish'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/mapping/versions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Published versions, newest (active) first */
    get: operations['MappingWizardController_versions'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/mapping/versions/{version}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One published version */
    get: operations['MappingWizardController_version'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/connections/{id}/mapping/versions/{version}/diff/{other}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What changed from one version to another: fields, custom fields, status parity */
    get: operations['MappingWizardController_diff'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    LivenessDto_Output: {
      /** @enum {string} */
      status: 'ok';
    };
    ReadinessDto_Output: {
      /** @enum {string} */
      status: 'ok' | 'unavailable';
      checks: {
        [key: string]: {
          /** @enum {string} */
          status: 'up' | 'down';
          error?: string;
        };
      };
      /** @description Present when not ready, with title and detail (problem details) */
      type?: string;
      title?: string;
      /** @description Names each failing part */
      detail?: string;
    };
    CreateTenantDto: {
      name: string;
      /** @description URL-safe identifier; derived from the name when omitted */
      slug?: string;
      /** @default First admin key */
      adminKeyName: string;
    };
    CreatedTenantDto_Output: {
      tenant: {
        /** Format: uuid */
        id: string;
        name: string;
        slug: string;
        /** Format: date-time */
        createdAt: string;
      };
      apiKey: {
        /** Format: uuid */
        id: string;
        name: string;
        /** @description The public part of the key: lf_<prefix>_... */
        prefix: string;
        /**
         * @description admin: everything; operator: read everything, replay, pause; viewer: read only
         * @enum {string}
         */
        role: 'viewer' | 'operator' | 'admin';
        /** Format: date-time */
        createdAt: string;
        /** Format: date-time */
        lastUsedAt: string | null;
        /** Format: date-time */
        revokedAt: string | null;
        /** @description The first admin key. Shown only in this response. */
        key: string;
      };
    };
    WhoAmIDto_Output: {
      tenant: {
        /** Format: uuid */
        id: string;
        name: string;
        slug: string;
        /** Format: date-time */
        createdAt: string;
      };
      apiKey: {
        /** Format: uuid */
        id: string;
        prefix: string;
        name: string;
        /**
         * @description admin: everything; operator: read everything, replay, pause; viewer: read only
         * @enum {string}
         */
        role: 'viewer' | 'operator' | 'admin';
      };
    };
    CreateApiKeyDto: {
      name: string;
      /**
       * @description admin: everything; operator: read everything, replay, pause; viewer: read only
       * @enum {string}
       */
      role: 'viewer' | 'operator' | 'admin';
    };
    CreatedApiKeyDto_Output: {
      /** Format: uuid */
      id: string;
      name: string;
      /** @description The public part of the key: lf_<prefix>_... */
      prefix: string;
      /**
       * @description admin: everything; operator: read everything, replay, pause; viewer: read only
       * @enum {string}
       */
      role: 'viewer' | 'operator' | 'admin';
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      lastUsedAt: string | null;
      /** Format: date-time */
      revokedAt: string | null;
      /** @description The whole key. Shown only in this response; store it now. */
      key: string;
    };
    ApiKeyPageDto_Output: {
      items: {
        /** Format: uuid */
        id: string;
        name: string;
        /** @description The public part of the key: lf_<prefix>_... */
        prefix: string;
        /**
         * @description admin: everything; operator: read everything, replay, pause; viewer: read only
         * @enum {string}
         */
        role: 'viewer' | 'operator' | 'admin';
        /** Format: date-time */
        createdAt: string;
        /** Format: date-time */
        lastUsedAt: string | null;
        /** Format: date-time */
        revokedAt: string | null;
      }[];
      nextCursor: string[];
    };
    ApiKeyDto_Output: {
      /** Format: uuid */
      id: string;
      name: string;
      /** @description The public part of the key: lf_<prefix>_... */
      prefix: string;
      /**
       * @description admin: everything; operator: read everything, replay, pause; viewer: read only
       * @enum {string}
       */
      role: 'viewer' | 'operator' | 'admin';
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      lastUsedAt: string | null;
      /** Format: date-time */
      revokedAt: string | null;
    };
    AuditLogPageDto_Output: {
      items: {
        id: string;
        /** @description api_key, bootstrap_token or system */
        actorType: string;
        actorId: string | null;
        /** @description The key prefix (lf_xxxxxxxxxx) or a description of the actor */
        actorLabel: string | null;
        /** @description For example api_key.created */
        action: string;
        targetType: string;
        targetId: string | null;
        details: {
          [key: string]: unknown;
        };
        requestId: string | null;
        /** Format: date-time */
        createdAt: string;
      }[];
      nextCursor: string[];
    };
    EncryptionStatusDto_Output: {
      activeKeyId: string;
      /** @description TOKEN_ENCRYPTION_KEYS ids, active first (never the keys) */
      keyIds: string[];
      /** @description How many connections each key still encrypts */
      usage: {
        keyId: string;
        connections: number;
      }[];
      /** @description The latest rotations, newest first */
      rotations: {
        /** Format: uuid */
        id: string;
        /** @description The key everything is being re-encrypted with (the active one when it started) */
        targetKeyId: string;
        /** @enum {string} */
        status: 'running' | 'completed' | 'failed';
        /** @description Connections on other keys when the rotation started */
        total: number;
        rotated: number;
        /** @description Connections whose secrets could not be decrypted; left as they were */
        failed: number;
        lastError: string | null;
        requestedBy: string;
        /** Format: date-time */
        startedAt: string;
        /** Format: date-time */
        finishedAt: string | null;
      }[];
    };
    KeyRotationDto_Output: {
      /** Format: uuid */
      id: string;
      /** @description The key everything is being re-encrypted with (the active one when it started) */
      targetKeyId: string;
      /** @enum {string} */
      status: 'running' | 'completed' | 'failed';
      /** @description Connections on other keys when the rotation started */
      total: number;
      rotated: number;
      /** @description Connections whose secrets could not be decrypted; left as they were */
      failed: number;
      lastError: string[];
      requestedBy: string;
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      finishedAt: string | null;
    };
    LeadPageDto_Output: {
      items: {
        /** Format: uuid */
        id: string;
        connectionId: string;
        externalId: string;
        objectType: string | null;
        status: string;
        mappingVersion: number | null;
        /** @description The canonical lead */
        lead: {
          [key: string]: unknown;
        };
        decision: {
          /** Format: uuid */
          id: string;
          outcome: string;
          ruleId: string | null;
          /** Format: uuid */
          repId: string | null;
          /** Format: uuid */
          poolId: string | null;
          crmOwnerId: string | null;
          ruleSetVersion: number;
          /** Format: date-time */
          decidedAt: string;
          writeback: {
            /** @description pending, done, skipped, conflict, failed */
            status: string;
            attempts: number;
            error: string | null;
            /** Format: date-time */
            writtenBackAt: string | null;
          };
        } | null;
        /**
         * @description The CRM-side outcome, via status parity
         * @enum {string}
         */
        crmStatus: 'open' | 'won' | 'lost' | 'excluded';
        /**
         * Format: date-time
         * @description When it was won, lost or excluded
         */
        closedAt: string | null;
        /** Format: date-time */
        createdAt: string;
        /** Format: date-time */
        updatedAt: string;
      }[];
      nextCursor: string[];
    };
    LeadJourneyDto_Output: {
      /** Format: uuid */
      id: string;
      connectionId: string;
      externalId: string;
      objectType: string[];
      status: string;
      mappingVersion: number | null;
      /** @description The canonical lead */
      lead: {
        [key: string]: unknown;
      };
      decision: {
        /** Format: uuid */
        id: string;
        outcome: string;
        ruleId: string | null;
        /** Format: uuid */
        repId: string | null;
        /** Format: uuid */
        poolId: string | null;
        crmOwnerId: string | null;
        ruleSetVersion: number;
        /** Format: date-time */
        decidedAt: string;
        writeback: {
          /** @description pending, done, skipped, conflict, failed */
          status: string;
          attempts: number;
          error: string | null;
          /** Format: date-time */
          writtenBackAt: string | null;
        };
      } | null;
      /**
       * @description The CRM-side outcome, via status parity
       * @enum {string}
       */
      crmStatus: 'open' | 'won' | 'lost' | 'excluded';
      /**
       * Format: date-time
       * @description When it was won, lost or excluded
       */
      closedAt: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description The record as the CRM returned it */
      raw: {
        [key: string]: unknown;
      } | null;
      /** @description Mapping errors (needs_mapping) */
      errors:
        | {
            [key: string]: unknown;
          }[]
        | null;
      /** @description The engine’s full decision trail */
      trail: {
        [key: string]: unknown;
      } | null;
      traceId: string[];
      /** @description Decisions replaced by re-routes, newest first */
      pastDecisions: {
        /** Format: uuid */
        id: string;
        outcome: string;
        ruleId: string | null;
        /** Format: uuid */
        repId: string | null;
        crmOwnerId: string | null;
        ruleSetVersion: number;
        /** Format: date-time */
        decidedAt: string;
        writebackStatus: string;
        /** Format: date-time */
        supersededAt: string;
        /** @description The API key id of the operator who re-routed */
        supersededBy: string;
        reason: string | null;
        traceId: string | null;
      }[];
      /** @description Webhook deliveries that mention the record (newest 20); details at /v1/webhook-deliveries/{id} */
      deliveries: {
        /** Format: uuid */
        id: string;
        status: string;
        /** Format: date-time */
        receivedAt: string;
        eventCount: number;
      }[];
    };
    RerouteLeadDto: {
      /** @description Why, for the journey and the audit log */
      reason?: string;
    };
    RerouteResultDto_Output: {
      /** Format: uuid */
      leadId: string;
      /**
       * Format: uuid
       * @description The decision moved to the lead’s history; null when it had none yet
       */
      supersededDecisionId: string | null;
      /**
       * @description Intake for the record is queued: fresh read, mapping, routing, write-back
       * @enum {boolean}
       */
      queued: true;
    };
    DeliveryPageDto_Output: {
      items: {
        /** Format: uuid */
        id: string;
        provider: string;
        /** Format: uuid */
        connectionId: string | null;
        /** @enum {string} */
        status: 'received' | 'rejected' | 'challenge' | 'queued' | 'processed' | 'failed';
        /** @description Why it was refused */
        reason: string | null;
        /** @description As received, without credentials */
        headers: {
          [key: string]: string;
        };
        /** @description The raw body, as signed */
        body: string;
        eventCount: number;
        /** Format: date-time */
        receivedAt: string;
      }[];
      nextCursor: string[];
    };
    DeliveryDetailDto_Output: {
      /** Format: uuid */
      id: string;
      provider: string;
      /** Format: uuid */
      connectionId: string | null;
      /** @enum {string} */
      status: 'received' | 'rejected' | 'challenge' | 'queued' | 'processed' | 'failed';
      /** @description Why it was refused */
      reason: string[];
      /** @description As received, without credentials */
      headers: {
        [key: string]: string;
      };
      /** @description The raw body, as signed */
      body: string;
      eventCount: number;
      /** Format: date-time */
      receivedAt: string;
      /** @description The events read from the stored body (empty for refused deliveries) */
      events: {
        externalId: string;
        type: string;
        eventId: string | null;
      }[];
      /** @description Leads of the delivery’s connection these events are about, with their state now */
      leads: {
        /** Format: uuid */
        id: string;
        externalId: string;
        status: string;
      }[];
    };
    ReplayDeliveryDto: {
      /** @description Re-route leads already routed (their decisions move to history) */
      force?: boolean;
    };
    ReplayResultDto_Output: {
      /** @description Intake jobs queued (a lead already routed is not routed again unless forced) */
      jobs: number;
      /** @description Decisions moved to history by `force` */
      rerouted: number;
    };
    CreateRepDto: {
      /** @description Display name */
      name: string;
      /**
       * Format: email
       * @description Contact email (informational)
       * @default null
       */
      email: string | null;
      /**
       * @description Inactive reps never get leads and cannot keep existing owners
       * @default true
       */
      active: boolean;
      /**
       * @description unavailable takes the rep out of routing (and counts as absent for catch-up)
       * @default available
       * @enum {string}
       */
      availability: 'available' | 'unavailable';
      /**
       * @description IANA time zone; working hours and the daily cap’s “today” are read in it
       * @default UTC
       */
      timeZone: string;
      /**
       * @description null: no working-hours restriction
       * @default null
       */
      workingHours: {
        mon?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        tue?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        wed?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        thu?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        fri?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        sat?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        sun?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
      } | null;
      /**
       * @description Absences; the rep gets no leads between start (inclusive) and end (exclusive)
       * @default []
       */
      outOfOffice: {
        /** @description ISO instant with offset, inclusive (2024-08-01T00:00:00+02:00) */
        start: string;
        /** @description ISO instant with offset, exclusive; must be after start */
        end: string;
      }[];
      /**
       * @description Most leads per local day; null: uncapped
       * @default null
       */
      dailyCap: number | null;
      /**
       * @description Most open leads held at once; null: uncapped
       * @default null
       */
      openCap: number | null;
      /**
       * @description Tags matched (case-insensitively) against pool and rule requirements
       * @default []
       */
      skills: string[];
      /**
       * @description Territory tags matched against pool and rule requirements
       * @default []
       */
      territories: string[];
      /**
       * @description CRM connection id → this rep’s owner id in that CRM. A rep can only be assigned leads from connections listed here.
       * @default {}
       */
      crmOwnerIds: {
        [key: string]: string;
      };
    };
    RepDto_Output: {
      /** Format: uuid */
      id: string;
      name: string;
      email: string[];
      active: boolean;
      /**
       * @description unavailable takes the rep out of routing (and counts as absent for catch-up)
       * @enum {string}
       */
      availability: 'available' | 'unavailable';
      timeZone: string;
      /** @description Weekday (mon…sun) → time ranges in the rep’s time zone. A weekday left out is a day off. Split an overnight shift into two ranges on two days. */
      workingHours: {
        mon?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        tue?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        wed?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        thu?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        fri?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        sat?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        sun?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
      } | null;
      outOfOffice: {
        /** @description ISO instant with offset, inclusive (2024-08-01T00:00:00+02:00) */
        start: string;
        /** @description ISO instant with offset, exclusive; must be after start */
        end: string;
      }[];
      dailyCap: number | null;
      openCap: number | null;
      skills: string[];
      territories: string[];
      crmOwnerIds: {
        [key: string]: string;
      };
      /** @description Current load, as the router counts it */
      load: {
        /** @description Open leads the rep holds */
        openCount: number;
        /** @description Leads assigned on the rep’s current local day */
        assignedToday: number;
      };
      kpis: {
        /** @description snake_case KPI name, as pools’ kpiWeights name it */
        kpi: string;
        value: number;
        /**
         * Format: date-time
         * @description Start of the period the value covers
         */
        windowStart: string;
        /**
         * Format: date-time
         * @description End of the period the value covers
         */
        windowEnd: string;
        /** Format: date-time */
        updatedAt: string;
      }[];
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    RepPageDto_Output: {
      items: {
        /** Format: uuid */
        id: string;
        name: string;
        email: string | null;
        active: boolean;
        /**
         * @description unavailable takes the rep out of routing (and counts as absent for catch-up)
         * @enum {string}
         */
        availability: 'available' | 'unavailable';
        timeZone: string;
        /** @description Weekday (mon…sun) → time ranges in the rep’s time zone. A weekday left out is a day off. Split an overnight shift into two ranges on two days. */
        workingHours: {
          mon?: {
            /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
            start: string;
            /** @description HH:MM (00:01-24:00), exclusive; must be after start */
            end: string;
          }[];
          tue?: {
            /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
            start: string;
            /** @description HH:MM (00:01-24:00), exclusive; must be after start */
            end: string;
          }[];
          wed?: {
            /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
            start: string;
            /** @description HH:MM (00:01-24:00), exclusive; must be after start */
            end: string;
          }[];
          thu?: {
            /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
            start: string;
            /** @description HH:MM (00:01-24:00), exclusive; must be after start */
            end: string;
          }[];
          fri?: {
            /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
            start: string;
            /** @description HH:MM (00:01-24:00), exclusive; must be after start */
            end: string;
          }[];
          sat?: {
            /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
            start: string;
            /** @description HH:MM (00:01-24:00), exclusive; must be after start */
            end: string;
          }[];
          sun?: {
            /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
            start: string;
            /** @description HH:MM (00:01-24:00), exclusive; must be after start */
            end: string;
          }[];
        } | null;
        outOfOffice: {
          /** @description ISO instant with offset, inclusive (2024-08-01T00:00:00+02:00) */
          start: string;
          /** @description ISO instant with offset, exclusive; must be after start */
          end: string;
        }[];
        dailyCap: number | null;
        openCap: number | null;
        skills: string[];
        territories: string[];
        crmOwnerIds: {
          [key: string]: string;
        };
        /** @description Current load, as the router counts it */
        load: {
          /** @description Open leads the rep holds */
          openCount: number;
          /** @description Leads assigned on the rep’s current local day */
          assignedToday: number;
        };
        kpis: {
          /** @description snake_case KPI name, as pools’ kpiWeights name it */
          kpi: string;
          value: number;
          /**
           * Format: date-time
           * @description Start of the period the value covers
           */
          windowStart: string;
          /**
           * Format: date-time
           * @description End of the period the value covers
           */
          windowEnd: string;
          /** Format: date-time */
          updatedAt: string;
        }[];
        /** Format: date-time */
        createdAt: string;
        /** Format: date-time */
        updatedAt: string;
      }[];
      nextCursor: string[];
    };
    /** @description Only the fields given change; lists and maps are replaced as a whole */
    UpdateRepDto: {
      /** @description Display name */
      name?: string;
      /**
       * Format: email
       * @description Contact email (informational)
       */
      email?: string | null;
      /** @description Inactive reps never get leads and cannot keep existing owners */
      active?: boolean;
      /**
       * @description unavailable takes the rep out of routing (and counts as absent for catch-up)
       * @enum {string}
       */
      availability?: 'available' | 'unavailable';
      /** @description IANA time zone; working hours and the daily cap’s “today” are read in it */
      timeZone?: string;
      /** @description null: no working-hours restriction */
      workingHours?: {
        mon?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        tue?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        wed?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        thu?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        fri?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        sat?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
        sun?: {
          /** @description HH:MM (00:00-23:59), inclusive, in the rep’s time zone */
          start: string;
          /** @description HH:MM (00:01-24:00), exclusive; must be after start */
          end: string;
        }[];
      } | null;
      /** @description Absences; the rep gets no leads between start (inclusive) and end (exclusive) */
      outOfOffice?: {
        /** @description ISO instant with offset, inclusive (2024-08-01T00:00:00+02:00) */
        start: string;
        /** @description ISO instant with offset, exclusive; must be after start */
        end: string;
      }[];
      /** @description Most leads per local day; null: uncapped */
      dailyCap?: number | null;
      /** @description Most open leads held at once; null: uncapped */
      openCap?: number | null;
      /** @description Tags matched (case-insensitively) against pool and rule requirements */
      skills?: string[];
      /** @description Territory tags matched against pool and rule requirements */
      territories?: string[];
      /** @description Replaces the whole map */
      crmOwnerIds?: {
        [key: string]: string;
      };
    };
    RepKpisDto_Output: {
      /** Format: uuid */
      repId: string;
      /** @description Sorted by KPI name */
      kpis: {
        /** @description snake_case KPI name, as pools’ kpiWeights name it */
        kpi: string;
        value: number;
        /**
         * Format: date-time
         * @description Start of the period the value covers
         */
        windowStart: string;
        /**
         * Format: date-time
         * @description End of the period the value covers
         */
        windowEnd: string;
        /** Format: date-time */
        updatedAt: string;
      }[];
    };
    PutRepKpisDto: {
      /** @description Upserted per KPI name; KPIs not listed are left as they are */
      kpis: {
        /** @description snake_case KPI name, e.g. conversion_rate, first_response_time */
        kpi: string;
        /** @description The measured value */
        value: number;
        /**
         * Format: date-time
         * @description Start of the period the value covers (ISO instant)
         */
        windowStart: string;
        /**
         * Format: date-time
         * @description End of the period the value covers; after windowStart
         */
        windowEnd: string;
      }[];
    };
    CreatePoolDto: {
      /** @description Unique within the tenant */
      name: string;
      /**
       * @description round_robin: strict rotation; weighted_round_robin: smooth rotation by member weight; least_loaded: fewest open leads; kpi_weighted: best KPI score (needs kpiWeights)
       * @enum {string}
       */
      strategy: 'round_robin' | 'weighted_round_robin' | 'least_loaded' | 'kpi_weighted';
      /** @description The reps of the pool, in rotation and tie-break order; at least one */
      members: {
        /**
         * Format: uuid
         * @description A rep of this tenant
         */
        repId: string;
        /** @description Share of leads in weighted_round_robin (default 1; must be greater than 0) */
        weight?: number;
      }[];
      /**
       * @description Skills every member must have to get a lead from this pool
       * @default []
       */
      requiredSkills: string[];
      /**
       * @description Territories every member must have to get a lead from this pool
       * @default []
       */
      requiredTerritories: string[];
      /**
       * @description Reps who missed turns while absent get them first when back (round robin strategies)
       * @default false
       */
      catchUp: boolean;
      /**
       * @description Where a lead goes when no member is eligible: another pool or a rep
       * @default null
       */
      fallback:
        | (
            | {
                /** @enum {string} */
                type: 'pool';
                /** Format: uuid */
                poolId: string;
              }
            | {
                /** @enum {string} */
                type: 'rep';
                /** Format: uuid */
                repId: string;
              }
          )
        | null;
      /**
       * @description How KPIs make up the score of kpi_weighted pools; required for that strategy
       * @default []
       */
      kpiWeights: {
        /** @description The KPI name as reps’ KPIs are recorded (conversion_rate) */
        kpi: string;
        /** @description Share of the score; must be greater than 0 */
        weight: number;
        /** @enum {string} */
        direction: 'higher_is_better' | 'lower_is_better';
      }[];
    };
    PoolWriteResultDto_Output: {
      /** Format: uuid */
      id: string;
      name: string;
      /**
       * @description round_robin: strict rotation; weighted_round_robin: smooth rotation by member weight; least_loaded: fewest open leads; kpi_weighted: best KPI score (needs kpiWeights)
       * @enum {string}
       */
      strategy: 'round_robin' | 'weighted_round_robin' | 'least_loaded' | 'kpi_weighted';
      members: {
        /** Format: uuid */
        repId: string;
        weight: number;
        /** @description 0-based rotation order */
        position: number;
      }[];
      requiredSkills: string[];
      requiredTerritories: string[];
      catchUp: boolean;
      /** @description Where a lead goes when no member is eligible: another pool or a rep */
      fallback:
        | (
            | {
                /** @enum {string} */
                type: 'pool';
                /** Format: uuid */
                poolId: string;
              }
            | {
                /** @enum {string} */
                type: 'rep';
                /** Format: uuid */
                repId: string;
              }
          )
        | null;
      kpiWeights: {
        /** @description The KPI name as reps’ KPIs are recorded (conversion_rate) */
        kpi: string;
        /** @description Share of the score; must be greater than 0 */
        weight: number;
        /** @enum {string} */
        direction: 'higher_is_better' | 'lower_is_better';
      }[];
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description Settings that are accepted but have no effect (catchUp on least_loaded, …) */
      warnings: {
        /** @description The field, as in the request (body.catchUp) */
        path: string;
        code: string;
        message: string;
      }[];
    };
    PoolPageDto_Output: {
      items: {
        /** Format: uuid */
        id: string;
        name: string;
        /**
         * @description round_robin: strict rotation; weighted_round_robin: smooth rotation by member weight; least_loaded: fewest open leads; kpi_weighted: best KPI score (needs kpiWeights)
         * @enum {string}
         */
        strategy: 'round_robin' | 'weighted_round_robin' | 'least_loaded' | 'kpi_weighted';
        members: {
          /** Format: uuid */
          repId: string;
          weight: number;
          /** @description 0-based rotation order */
          position: number;
        }[];
        requiredSkills: string[];
        requiredTerritories: string[];
        catchUp: boolean;
        /** @description Where a lead goes when no member is eligible: another pool or a rep */
        fallback:
          | (
              | {
                  /** @enum {string} */
                  type: 'pool';
                  /** Format: uuid */
                  poolId: string;
                }
              | {
                  /** @enum {string} */
                  type: 'rep';
                  /** Format: uuid */
                  repId: string;
                }
            )
          | null;
        kpiWeights: {
          /** @description The KPI name as reps’ KPIs are recorded (conversion_rate) */
          kpi: string;
          /** @description Share of the score; must be greater than 0 */
          weight: number;
          /** @enum {string} */
          direction: 'higher_is_better' | 'lower_is_better';
        }[];
        /** Format: date-time */
        createdAt: string;
        /** Format: date-time */
        updatedAt: string;
      }[];
      nextCursor: string[];
    };
    PoolDto_Output: {
      /** Format: uuid */
      id: string;
      name: string;
      /**
       * @description round_robin: strict rotation; weighted_round_robin: smooth rotation by member weight; least_loaded: fewest open leads; kpi_weighted: best KPI score (needs kpiWeights)
       * @enum {string}
       */
      strategy: 'round_robin' | 'weighted_round_robin' | 'least_loaded' | 'kpi_weighted';
      members: {
        /** Format: uuid */
        repId: string;
        weight: number;
        /** @description 0-based rotation order */
        position: number;
      }[];
      requiredSkills: string[];
      requiredTerritories: string[];
      catchUp: boolean;
      /** @description Where a lead goes when no member is eligible: another pool or a rep */
      fallback:
        | (
            | {
                /** @enum {string} */
                type: 'pool';
                /** Format: uuid */
                poolId: string;
              }
            | {
                /** @enum {string} */
                type: 'rep';
                /** Format: uuid */
                repId: string;
              }
          )
        | null;
      kpiWeights: {
        /** @description The KPI name as reps’ KPIs are recorded (conversion_rate) */
        kpi: string;
        /** @description Share of the score; must be greater than 0 */
        weight: number;
        /** @enum {string} */
        direction: 'higher_is_better' | 'lower_is_better';
      }[];
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    /** @description Only the fields given change; lists are replaced as a whole */
    UpdatePoolDto: {
      /** @description Unique within the tenant */
      name?: string;
      /**
       * @description round_robin: strict rotation; weighted_round_robin: smooth rotation by member weight; least_loaded: fewest open leads; kpi_weighted: best KPI score (needs kpiWeights)
       * @enum {string}
       */
      strategy?: 'round_robin' | 'weighted_round_robin' | 'least_loaded' | 'kpi_weighted';
      /** @description Replaces the whole member list */
      members?: {
        /**
         * Format: uuid
         * @description A rep of this tenant
         */
        repId: string;
        /** @description Share of leads in weighted_round_robin (default 1; must be greater than 0) */
        weight?: number;
      }[];
      /** @description Skills every member must have to get a lead from this pool */
      requiredSkills?: string[];
      /** @description Territories every member must have to get a lead from this pool */
      requiredTerritories?: string[];
      /** @description Reps who missed turns while absent get them first when back (round robin strategies) */
      catchUp?: boolean;
      /** @description Where a lead goes when no member is eligible: another pool or a rep */
      fallback?:
        | (
            | {
                /** @enum {string} */
                type: 'pool';
                /** Format: uuid */
                poolId: string;
              }
            | {
                /** @enum {string} */
                type: 'rep';
                /** Format: uuid */
                repId: string;
              }
          )
        | null;
      /** @description How KPIs make up the score of kpi_weighted pools; required for that strategy */
      kpiWeights?: {
        /** @description The KPI name as reps’ KPIs are recorded (conversion_rate) */
        kpi: string;
        /** @description Share of the score; must be greater than 0 */
        weight: number;
        /** @enum {string} */
        direction: 'higher_is_better' | 'lower_is_better';
      }[];
    };
    DraftDto_Output: {
      rules: {
        /** @description Unique within the rule set; diffs and decisions name rules by id */
        id: string;
        name?: string;
        /** @description Absent, null or no groups: the rule matches every lead (the default rule, which must come last) */
        conditions?: {
          /**
           * @description How the groups combine
           * @enum {string}
           */
          combinator: 'all' | 'any';
          groups: {
            /** @enum {string} */
            combinator: 'all' | 'any';
            conditions: {
              /** @description A canonical lead field (country) or a declared custom field (custom.employees) */
              field: string;
              /**
               * @description See docs/routing.md for which types each applies to
               * @enum {string}
               */
              operator:
                | 'equals'
                | 'not_equals'
                | 'in'
                | 'not_in'
                | 'contains'
                | 'starts_with'
                | 'ends_with'
                | 'gt'
                | 'gte'
                | 'lt'
                | 'lte'
                | 'between'
                | 'exists'
                | 'not_exists'
                | 'matches';
              /** @description Omitted for exists/not_exists; [low, high] for between; a list for in/not_in */
              value?: ((string | number | boolean) | (string | number | boolean)[]) | null;
            }[];
          }[];
        } | null;
        /** @description What happens to a lead the rule matches */
        action:
          | {
              /** @enum {string} */
              type: 'route_to_pool';
              /** @description A pool of this tenant */
              poolId: string;
            }
          | {
              /** @enum {string} */
              type: 'assign_rep';
              /** @description A rep of this tenant */
              repId: string;
              /** @description Where the lead goes if the rep is not eligible */
              fallback?:
                | (
                    | {
                        /** @enum {string} */
                        type: 'pool';
                        poolId: string;
                      }
                    | {
                        /** @enum {string} */
                        type: 'rep';
                        repId: string;
                      }
                  )
                | null;
            }
          | {
              /** @enum {string} */
              type: 'keep_existing_owner';
            }
          | {
              /** @enum {string} */
              type: 'leave_unrouted';
            }
          | {
              /** @enum {string} */
              type: 'exclude';
            };
        /**
         * @description When the lead already has a CRM owner: keep_if_active_rep keeps it if the owner is an active rep; keep_if_available only if that rep is eligible now; override always routes
         * @enum {string}
         */
        ownerPolicy: 'keep_if_active_rep' | 'override' | 'keep_if_available';
        /** @description Skills every chosen rep must have */
        requiredSkills?: string[];
        /** @description Territories every chosen rep must have */
        requiredTerritories?: string[];
      }[];
      /**
       * Format: date-time
       * @description Null when the draft was never saved
       */
      updatedAt: string | null;
      /** @description The published version in force when the draft was last saved or published (null: none) */
      basedOnVersion: number | null;
    };
    /** @description Saving checks only the shape of the rules; publishing checks them against pools, reps and fields */
    SaveDraftDto: {
      /** @description The whole rule list, in evaluation order; it replaces the draft */
      rules: {
        /** @description Unique within the rule set; diffs and decisions name rules by id */
        id: string;
        name?: string;
        /** @description Absent, null or no groups: the rule matches every lead (the default rule, which must come last) */
        conditions?: {
          /**
           * @description How the groups combine
           * @enum {string}
           */
          combinator: 'all' | 'any';
          groups: {
            /** @enum {string} */
            combinator: 'all' | 'any';
            conditions: {
              /** @description A canonical lead field (country) or a declared custom field (custom.employees) */
              field: string;
              /**
               * @description See docs/routing.md for which types each applies to
               * @enum {string}
               */
              operator:
                | 'equals'
                | 'not_equals'
                | 'in'
                | 'not_in'
                | 'contains'
                | 'starts_with'
                | 'ends_with'
                | 'gt'
                | 'gte'
                | 'lt'
                | 'lte'
                | 'between'
                | 'exists'
                | 'not_exists'
                | 'matches';
              /** @description Omitted for exists/not_exists; [low, high] for between; a list for in/not_in */
              value?: ((string | number | boolean) | (string | number | boolean)[]) | null;
            }[];
          }[];
        } | null;
        /** @description What happens to a lead the rule matches */
        action:
          | {
              /** @enum {string} */
              type: 'route_to_pool';
              /** @description A pool of this tenant */
              poolId: string;
            }
          | {
              /** @enum {string} */
              type: 'assign_rep';
              /** @description A rep of this tenant */
              repId: string;
              /** @description Where the lead goes if the rep is not eligible */
              fallback?:
                | (
                    | {
                        /** @enum {string} */
                        type: 'pool';
                        poolId: string;
                      }
                    | {
                        /** @enum {string} */
                        type: 'rep';
                        repId: string;
                      }
                  )
                | null;
            }
          | {
              /** @enum {string} */
              type: 'keep_existing_owner';
            }
          | {
              /** @enum {string} */
              type: 'leave_unrouted';
            }
          | {
              /** @enum {string} */
              type: 'exclude';
            };
        /**
         * @description When the lead already has a CRM owner: keep_if_active_rep keeps it if the owner is an active rep; keep_if_available only if that rep is eligible now; override always routes
         * @enum {string}
         */
        ownerPolicy: 'keep_if_active_rep' | 'override' | 'keep_if_available';
        /** @description Skills every chosen rep must have */
        requiredSkills?: string[];
        /** @description Territories every chosen rep must have */
        requiredTerritories?: string[];
      }[];
    };
    PublishedRuleSetVersionDto_Output: {
      version: number;
      /** Format: date-time */
      publishedAt: string;
      /** @description The API key (lf_<prefix>) that published it */
      publishedBy: string[];
      /** @description Set when this version republished an older one (rollback) */
      restoredFrom: number | null;
      rules: {
        /** @description Unique within the rule set; diffs and decisions name rules by id */
        id: string;
        name?: string;
        /** @description Absent, null or no groups: the rule matches every lead (the default rule, which must come last) */
        conditions?: {
          /**
           * @description How the groups combine
           * @enum {string}
           */
          combinator: 'all' | 'any';
          groups: {
            /** @enum {string} */
            combinator: 'all' | 'any';
            conditions: {
              /** @description A canonical lead field (country) or a declared custom field (custom.employees) */
              field: string;
              /**
               * @description See docs/routing.md for which types each applies to
               * @enum {string}
               */
              operator:
                | 'equals'
                | 'not_equals'
                | 'in'
                | 'not_in'
                | 'contains'
                | 'starts_with'
                | 'ends_with'
                | 'gt'
                | 'gte'
                | 'lt'
                | 'lte'
                | 'between'
                | 'exists'
                | 'not_exists'
                | 'matches';
              /** @description Omitted for exists/not_exists; [low, high] for between; a list for in/not_in */
              value?: ((string | number | boolean) | (string | number | boolean)[]) | null;
            }[];
          }[];
        } | null;
        /** @description What happens to a lead the rule matches */
        action:
          | {
              /** @enum {string} */
              type: 'route_to_pool';
              /** @description A pool of this tenant */
              poolId: string;
            }
          | {
              /** @enum {string} */
              type: 'assign_rep';
              /** @description A rep of this tenant */
              repId: string;
              /** @description Where the lead goes if the rep is not eligible */
              fallback?:
                | (
                    | {
                        /** @enum {string} */
                        type: 'pool';
                        poolId: string;
                      }
                    | {
                        /** @enum {string} */
                        type: 'rep';
                        repId: string;
                      }
                  )
                | null;
            }
          | {
              /** @enum {string} */
              type: 'keep_existing_owner';
            }
          | {
              /** @enum {string} */
              type: 'leave_unrouted';
            }
          | {
              /** @enum {string} */
              type: 'exclude';
            };
        /**
         * @description When the lead already has a CRM owner: keep_if_active_rep keeps it if the owner is an active rep; keep_if_available only if that rep is eligible now; override always routes
         * @enum {string}
         */
        ownerPolicy: 'keep_if_active_rep' | 'override' | 'keep_if_available';
        /** @description Skills every chosen rep must have */
        requiredSkills?: string[];
        /** @description Territories every chosen rep must have */
        requiredTerritories?: string[];
      }[];
      /** @description Accepted problems (unreachable rules, unknown enum values); paths as for errors */
      warnings: {
        /** @description Where the problem is: draft.rules[2].action.poolId when publishing or simulating the draft, version.rules[...] when rolling back or simulating a version, pools["<poolId>"]... for a pool the rules reach */
        path: string;
        code: string;
        message: string;
      }[];
    };
    RuleSetVersionPageDto_Output: {
      /** @description Newest first, without the rules (GET one version for them) */
      items: {
        version: number;
        /** Format: date-time */
        publishedAt: string;
        /** @description The API key (lf_<prefix>) that published it */
        publishedBy: string | null;
        /** @description Set when this version republished an older one (rollback) */
        restoredFrom: number | null;
        ruleCount: number;
      }[];
      nextCursor: string[];
    };
    RuleSetVersionDto_Output: {
      version: number;
      /** Format: date-time */
      publishedAt: string;
      /** @description The API key (lf_<prefix>) that published it */
      publishedBy: string[];
      /** @description Set when this version republished an older one (rollback) */
      restoredFrom: number | null;
      rules: {
        /** @description Unique within the rule set; diffs and decisions name rules by id */
        id: string;
        name?: string;
        /** @description Absent, null or no groups: the rule matches every lead (the default rule, which must come last) */
        conditions?: {
          /**
           * @description How the groups combine
           * @enum {string}
           */
          combinator: 'all' | 'any';
          groups: {
            /** @enum {string} */
            combinator: 'all' | 'any';
            conditions: {
              /** @description A canonical lead field (country) or a declared custom field (custom.employees) */
              field: string;
              /**
               * @description See docs/routing.md for which types each applies to
               * @enum {string}
               */
              operator:
                | 'equals'
                | 'not_equals'
                | 'in'
                | 'not_in'
                | 'contains'
                | 'starts_with'
                | 'ends_with'
                | 'gt'
                | 'gte'
                | 'lt'
                | 'lte'
                | 'between'
                | 'exists'
                | 'not_exists'
                | 'matches';
              /** @description Omitted for exists/not_exists; [low, high] for between; a list for in/not_in */
              value?: ((string | number | boolean) | (string | number | boolean)[]) | null;
            }[];
          }[];
        } | null;
        /** @description What happens to a lead the rule matches */
        action:
          | {
              /** @enum {string} */
              type: 'route_to_pool';
              /** @description A pool of this tenant */
              poolId: string;
            }
          | {
              /** @enum {string} */
              type: 'assign_rep';
              /** @description A rep of this tenant */
              repId: string;
              /** @description Where the lead goes if the rep is not eligible */
              fallback?:
                | (
                    | {
                        /** @enum {string} */
                        type: 'pool';
                        poolId: string;
                      }
                    | {
                        /** @enum {string} */
                        type: 'rep';
                        repId: string;
                      }
                  )
                | null;
            }
          | {
              /** @enum {string} */
              type: 'keep_existing_owner';
            }
          | {
              /** @enum {string} */
              type: 'leave_unrouted';
            }
          | {
              /** @enum {string} */
              type: 'exclude';
            };
        /**
         * @description When the lead already has a CRM owner: keep_if_active_rep keeps it if the owner is an active rep; keep_if_available only if that rep is eligible now; override always routes
         * @enum {string}
         */
        ownerPolicy: 'keep_if_active_rep' | 'override' | 'keep_if_available';
        /** @description Skills every chosen rep must have */
        requiredSkills?: string[];
        /** @description Territories every chosen rep must have */
        requiredTerritories?: string[];
      }[];
    };
    RuleSetDiffDto_Output: {
      from: number;
      to: number;
      /** @description Rules only in `to` */
      added: {
        ruleId: string;
        /** @description 0-based position */
        index: number;
        rule: {
          /** @description Unique within the rule set; diffs and decisions name rules by id */
          id: string;
          name?: string;
          /** @description Absent, null or no groups: the rule matches every lead (the default rule, which must come last) */
          conditions?: {
            /**
             * @description How the groups combine
             * @enum {string}
             */
            combinator: 'all' | 'any';
            groups: {
              /** @enum {string} */
              combinator: 'all' | 'any';
              conditions: {
                /** @description A canonical lead field (country) or a declared custom field (custom.employees) */
                field: string;
                /**
                 * @description See docs/routing.md for which types each applies to
                 * @enum {string}
                 */
                operator:
                  | 'equals'
                  | 'not_equals'
                  | 'in'
                  | 'not_in'
                  | 'contains'
                  | 'starts_with'
                  | 'ends_with'
                  | 'gt'
                  | 'gte'
                  | 'lt'
                  | 'lte'
                  | 'between'
                  | 'exists'
                  | 'not_exists'
                  | 'matches';
                /** @description Omitted for exists/not_exists; [low, high] for between; a list for in/not_in */
                value?: ((string | number | boolean) | (string | number | boolean)[]) | null;
              }[];
            }[];
          } | null;
          /** @description What happens to a lead the rule matches */
          action:
            | {
                /** @enum {string} */
                type: 'route_to_pool';
                /** @description A pool of this tenant */
                poolId: string;
              }
            | {
                /** @enum {string} */
                type: 'assign_rep';
                /** @description A rep of this tenant */
                repId: string;
                /** @description Where the lead goes if the rep is not eligible */
                fallback?:
                  | (
                      | {
                          /** @enum {string} */
                          type: 'pool';
                          poolId: string;
                        }
                      | {
                          /** @enum {string} */
                          type: 'rep';
                          repId: string;
                        }
                    )
                  | null;
              }
            | {
                /** @enum {string} */
                type: 'keep_existing_owner';
              }
            | {
                /** @enum {string} */
                type: 'leave_unrouted';
              }
            | {
                /** @enum {string} */
                type: 'exclude';
              };
          /**
           * @description When the lead already has a CRM owner: keep_if_active_rep keeps it if the owner is an active rep; keep_if_available only if that rep is eligible now; override always routes
           * @enum {string}
           */
          ownerPolicy: 'keep_if_active_rep' | 'override' | 'keep_if_available';
          /** @description Skills every chosen rep must have */
          requiredSkills?: string[];
          /** @description Territories every chosen rep must have */
          requiredTerritories?: string[];
        };
      }[];
      /** @description Rules only in `from` */
      removed: {
        ruleId: string;
        /** @description 0-based position */
        index: number;
        rule: {
          /** @description Unique within the rule set; diffs and decisions name rules by id */
          id: string;
          name?: string;
          /** @description Absent, null or no groups: the rule matches every lead (the default rule, which must come last) */
          conditions?: {
            /**
             * @description How the groups combine
             * @enum {string}
             */
            combinator: 'all' | 'any';
            groups: {
              /** @enum {string} */
              combinator: 'all' | 'any';
              conditions: {
                /** @description A canonical lead field (country) or a declared custom field (custom.employees) */
                field: string;
                /**
                 * @description See docs/routing.md for which types each applies to
                 * @enum {string}
                 */
                operator:
                  | 'equals'
                  | 'not_equals'
                  | 'in'
                  | 'not_in'
                  | 'contains'
                  | 'starts_with'
                  | 'ends_with'
                  | 'gt'
                  | 'gte'
                  | 'lt'
                  | 'lte'
                  | 'between'
                  | 'exists'
                  | 'not_exists'
                  | 'matches';
                /** @description Omitted for exists/not_exists; [low, high] for between; a list for in/not_in */
                value?: ((string | number | boolean) | (string | number | boolean)[]) | null;
              }[];
            }[];
          } | null;
          /** @description What happens to a lead the rule matches */
          action:
            | {
                /** @enum {string} */
                type: 'route_to_pool';
                /** @description A pool of this tenant */
                poolId: string;
              }
            | {
                /** @enum {string} */
                type: 'assign_rep';
                /** @description A rep of this tenant */
                repId: string;
                /** @description Where the lead goes if the rep is not eligible */
                fallback?:
                  | (
                      | {
                          /** @enum {string} */
                          type: 'pool';
                          poolId: string;
                        }
                      | {
                          /** @enum {string} */
                          type: 'rep';
                          repId: string;
                        }
                    )
                  | null;
              }
            | {
                /** @enum {string} */
                type: 'keep_existing_owner';
              }
            | {
                /** @enum {string} */
                type: 'leave_unrouted';
              }
            | {
                /** @enum {string} */
                type: 'exclude';
              };
          /**
           * @description When the lead already has a CRM owner: keep_if_active_rep keeps it if the owner is an active rep; keep_if_available only if that rep is eligible now; override always routes
           * @enum {string}
           */
          ownerPolicy: 'keep_if_active_rep' | 'override' | 'keep_if_available';
          /** @description Skills every chosen rep must have */
          requiredSkills?: string[];
          /** @description Territories every chosen rep must have */
          requiredTerritories?: string[];
        };
      }[];
      /** @description Rules in both whose content differs */
      changed: {
        ruleId: string;
        fromIndex: number;
        toIndex: number;
        /** @description skills covers requiredSkills and requiredTerritories; order: it also moved */
        parts: ('name' | 'conditions' | 'action' | 'ownerPolicy' | 'skills' | 'order')[];
        before: {
          /** @description Unique within the rule set; diffs and decisions name rules by id */
          id: string;
          name?: string;
          /** @description Absent, null or no groups: the rule matches every lead (the default rule, which must come last) */
          conditions?: {
            /**
             * @description How the groups combine
             * @enum {string}
             */
            combinator: 'all' | 'any';
            groups: {
              /** @enum {string} */
              combinator: 'all' | 'any';
              conditions: {
                /** @description A canonical lead field (country) or a declared custom field (custom.employees) */
                field: string;
                /**
                 * @description See docs/routing.md for which types each applies to
                 * @enum {string}
                 */
                operator:
                  | 'equals'
                  | 'not_equals'
                  | 'in'
                  | 'not_in'
                  | 'contains'
                  | 'starts_with'
                  | 'ends_with'
                  | 'gt'
                  | 'gte'
                  | 'lt'
                  | 'lte'
                  | 'between'
                  | 'exists'
                  | 'not_exists'
                  | 'matches';
                /** @description Omitted for exists/not_exists; [low, high] for between; a list for in/not_in */
                value?: ((string | number | boolean) | (string | number | boolean)[]) | null;
              }[];
            }[];
          } | null;
          /** @description What happens to a lead the rule matches */
          action:
            | {
                /** @enum {string} */
                type: 'route_to_pool';
                /** @description A pool of this tenant */
                poolId: string;
              }
            | {
                /** @enum {string} */
                type: 'assign_rep';
                /** @description A rep of this tenant */
                repId: string;
                /** @description Where the lead goes if the rep is not eligible */
                fallback?:
                  | (
                      | {
                          /** @enum {string} */
                          type: 'pool';
                          poolId: string;
                        }
                      | {
                          /** @enum {string} */
                          type: 'rep';
                          repId: string;
                        }
                    )
                  | null;
              }
            | {
                /** @enum {string} */
                type: 'keep_existing_owner';
              }
            | {
                /** @enum {string} */
                type: 'leave_unrouted';
              }
            | {
                /** @enum {string} */
                type: 'exclude';
              };
          /**
           * @description When the lead already has a CRM owner: keep_if_active_rep keeps it if the owner is an active rep; keep_if_available only if that rep is eligible now; override always routes
           * @enum {string}
           */
          ownerPolicy: 'keep_if_active_rep' | 'override' | 'keep_if_available';
          /** @description Skills every chosen rep must have */
          requiredSkills?: string[];
          /** @description Territories every chosen rep must have */
          requiredTerritories?: string[];
        };
        after: {
          /** @description Unique within the rule set; diffs and decisions name rules by id */
          id: string;
          name?: string;
          /** @description Absent, null or no groups: the rule matches every lead (the default rule, which must come last) */
          conditions?: {
            /**
             * @description How the groups combine
             * @enum {string}
             */
            combinator: 'all' | 'any';
            groups: {
              /** @enum {string} */
              combinator: 'all' | 'any';
              conditions: {
                /** @description A canonical lead field (country) or a declared custom field (custom.employees) */
                field: string;
                /**
                 * @description See docs/routing.md for which types each applies to
                 * @enum {string}
                 */
                operator:
                  | 'equals'
                  | 'not_equals'
                  | 'in'
                  | 'not_in'
                  | 'contains'
                  | 'starts_with'
                  | 'ends_with'
                  | 'gt'
                  | 'gte'
                  | 'lt'
                  | 'lte'
                  | 'between'
                  | 'exists'
                  | 'not_exists'
                  | 'matches';
                /** @description Omitted for exists/not_exists; [low, high] for between; a list for in/not_in */
                value?: ((string | number | boolean) | (string | number | boolean)[]) | null;
              }[];
            }[];
          } | null;
          /** @description What happens to a lead the rule matches */
          action:
            | {
                /** @enum {string} */
                type: 'route_to_pool';
                /** @description A pool of this tenant */
                poolId: string;
              }
            | {
                /** @enum {string} */
                type: 'assign_rep';
                /** @description A rep of this tenant */
                repId: string;
                /** @description Where the lead goes if the rep is not eligible */
                fallback?:
                  | (
                      | {
                          /** @enum {string} */
                          type: 'pool';
                          poolId: string;
                        }
                      | {
                          /** @enum {string} */
                          type: 'rep';
                          repId: string;
                        }
                    )
                  | null;
              }
            | {
                /** @enum {string} */
                type: 'keep_existing_owner';
              }
            | {
                /** @enum {string} */
                type: 'leave_unrouted';
              }
            | {
                /** @enum {string} */
                type: 'exclude';
              };
          /**
           * @description When the lead already has a CRM owner: keep_if_active_rep keeps it if the owner is an active rep; keep_if_available only if that rep is eligible now; override always routes
           * @enum {string}
           */
          ownerPolicy: 'keep_if_active_rep' | 'override' | 'keep_if_available';
          /** @description Skills every chosen rep must have */
          requiredSkills?: string[];
          /** @description Territories every chosen rep must have */
          requiredTerritories?: string[];
        };
      }[];
      /** @description Rules in both, unchanged, whose order relative to the other common rules changed */
      moved: {
        ruleId: string;
        fromIndex: number;
        toIndex: number;
      }[];
      /** @description How many rules are identical and in the same relative order */
      unchanged: number;
    };
    /** @description Routes leads against current pools, reps and routing state without writing anything */
    SimulateDto: {
      /** @description Leads to route, in order (normalized, plus their connectionId) */
      leads?: {
        externalId: string;
        /** @description The CRM connection the lead came from */
        connectionId: string;
        email?: string | null;
        firstName?: string | null;
        lastName?: string | null;
        fullName?: string | null;
        phone?: string | null;
        company?: string | null;
        domain?: string | null;
        country?: string | null;
        region?: string | null;
        industry?: string | null;
        source?: string | null;
        amount?: number | null;
        /** @enum {string|null} */
        status?: 'open' | 'won' | 'lost' | 'excluded' | null;
        existingOwnerId?: string | null;
        /** @description ISO 8601 instant */
        createdAt?: string | null;
        custom?: {
          [key: string]: (string | number | boolean | string[]) | null;
        };
      }[];
      /** @description Instead of leads: the tenant’s latest N stored leads, routed oldest first */
      lastN?: number;
      /** @description "draft", or a published version number; default: the latest published version */
      ruleSet?: 'draft' | number;
    };
    SimulationResultDto_Output: {
      /** @description What was simulated */
      ruleSet: 'draft' | number;
      decisions: {
        externalId: string;
        /** @enum {string} */
        outcome: 'assigned' | 'kept_existing_owner' | 'unrouted' | 'excluded';
        repId: string | null;
        poolId: string | null;
        ruleId: string | null;
        crmOwnerId: string | null;
        unroutedReason: string | null;
        /** @description Rules evaluated, owner check, pools and reps tried (see docs/routing.md) */
        trail: {
          [key: string]: unknown;
        };
      }[];
      /** @description Every rep, in configuration order, including those who got nothing */
      distribution: {
        repId: string;
        assigned: number;
        keptExisting: number;
      }[];
      outcomes: {
        assigned: number;
        kept_existing_owner: number;
        unrouted: number;
        excluded: number;
      };
      /** @description What validation finds in the simulated rule set: warnings for the draft (errors refuse the simulation with 400); for a published version, errors too (it is simulated as production routes with it: a deleted pool leaves its leads unrouted) */
      issues: {
        /** @description Where the problem is: draft.rules[2].action.poolId when publishing or simulating the draft, version.rules[...] when rolling back or simulating a version, pools["<poolId>"]... for a pool the rules reach */
        path: string;
        code: string;
        message: string;
        /** @enum {string} */
        severity: 'error' | 'warning';
      }[];
    };
    StoredDecisionDto_Output: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      leadId: string;
      ruleSetVersion: number;
      ruleId: string[];
      /** @enum {string} */
      outcome: 'assigned' | 'kept_existing_owner' | 'unrouted' | 'excluded';
      repId: string[];
      poolId: string[];
      crmOwnerId: string[];
      traceId: string[];
      /** Format: date-time */
      decidedAt: string;
      /** @description The engine’s full decision, with its trail */
      decision: {
        [key: string]: unknown;
      };
    };
    ProviderListDto_Output: {
      items: {
        name: string;
        displayName: string;
        authKinds: ('oauth' | 'token')[];
        /** @description Whether this deployment has the provider’s OAuth client id and secret */
        oauthConfigured: boolean;
        capabilities: {
          [key: string]: boolean;
        };
        objects: {
          type: string;
          displayName: string;
        }[];
        rateLimits: {
          bucket: string;
          limit: number;
          intervalMs: number;
          /** @enum {string|null} */
          authKind: 'oauth' | 'token' | null;
          note: string | null;
        }[];
      }[];
    };
    CreateConnectionDto: {
      /** @description Provider name from GET /v1/providers (hubspot, monday) */
      provider: string;
      /**
       * @description Static tokens only; OAuth connections start at /v1/connections/{provider}/oauth/start
       * @enum {string}
       */
      authType: 'token';
      /** @description A HubSpot private-app token or Monday personal API token; checked with a real call, never returned */
      token: string;
      name?: string;
      /**
       * @description Provider-specific settings (HubSpot: primaryObject, leadStageOnAssign, allowLegacyWebhookSignatures)
       * @default {}
       */
      settings: {
        [key: string]: unknown;
      };
    };
    ConnectionDto_Output: {
      /** Format: uuid */
      id: string;
      provider: string;
      /** @enum {string} */
      authType: 'oauth' | 'token';
      /** @description HubSpot portal id, Monday account id */
      externalAccountId: string;
      name: string;
      /**
       * @description active: routing; needs_reauth: the CRM rejected our credentials, reconnect; paused: by an admin; disconnected: deleted, credentials erased
       * @enum {string}
       */
      status: 'active' | 'needs_reauth' | 'paused' | 'disconnected';
      statusReason: string[];
      /** @description Scopes the credentials carry */
      scopes: string[];
      settings: {
        [key: string]: unknown;
      };
      /** @description How often the connection is polled (PUT …/polling) */
      pollIntervalSeconds: number;
      /**
       * Format: date-time
       * @description When the access token expires; null for static tokens
       */
      tokenExpiresAt: string | null;
      /** Format: date-time */
      lastRefreshedAt: string | null;
      /** Format: date-time */
      connectedAt: string;
      /** Format: date-time */
      disconnectedAt: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    ConnectionPageDto_Output: {
      items: {
        /** Format: uuid */
        id: string;
        provider: string;
        /** @enum {string} */
        authType: 'oauth' | 'token';
        /** @description HubSpot portal id, Monday account id */
        externalAccountId: string;
        name: string;
        /**
         * @description active: routing; needs_reauth: the CRM rejected our credentials, reconnect; paused: by an admin; disconnected: deleted, credentials erased
         * @enum {string}
         */
        status: 'active' | 'needs_reauth' | 'paused' | 'disconnected';
        statusReason: string | null;
        /** @description Scopes the credentials carry */
        scopes: string[];
        settings: {
          [key: string]: unknown;
        };
        /** @description How often the connection is polled (PUT …/polling) */
        pollIntervalSeconds: number;
        /**
         * Format: date-time
         * @description When the access token expires; null for static tokens
         */
        tokenExpiresAt: string | null;
        /** Format: date-time */
        lastRefreshedAt: string | null;
        /** Format: date-time */
        connectedAt: string;
        /** Format: date-time */
        disconnectedAt: string | null;
        /** Format: date-time */
        createdAt: string;
        /** Format: date-time */
        updatedAt: string;
      }[];
      nextCursor: string[];
    };
    ConnectionHealthDto_Output: {
      /** Format: uuid */
      id: string;
      provider: string;
      /**
       * @description active: routing; needs_reauth: the CRM rejected our credentials, reconnect; paused: by an admin; disconnected: deleted, credentials erased
       * @enum {string}
       */
      status: 'active' | 'needs_reauth' | 'paused' | 'disconnected';
      statusReason: string[];
      /** Format: date-time */
      tokenExpiresAt: string | null;
      /** @description Circuit breakers as the worker processes last reported them */
      breakers: {
        /** @description read, write, search or metadata */
        family: string;
        /** @enum {string} */
        state: 'closed' | 'open' | 'half-open';
        /** Format: date-time */
        since: string;
        process: string;
      }[];
      /** @description Each budget of the connection and the requests left in its current window */
      rateLimits: {
        bucket: string;
        limit: number;
        intervalMs: number;
        remaining: number;
      }[];
      recentEvents: {
        /** Format: uuid */
        id: string;
        kind: string;
        message: string;
        details: {
          [key: string]: unknown;
        };
        /** Format: date-time */
        createdAt: string;
      }[];
    };
    ConnectionEventPageDto_Output: {
      items: {
        /** Format: uuid */
        id: string;
        kind: string;
        message: string;
        details: {
          [key: string]: unknown;
        };
        /** Format: date-time */
        createdAt: string;
      }[];
      nextCursor: string[];
    };
    SourceListDto_Output: {
      items: {
        id: string;
        name: string;
        kind: string;
        itemCount: number | null;
      }[];
    };
    SourceSelectionDto: {
      /** @description Monday: the board id */
      sourceId: string;
      /** @description Monday: the People column the owner is written to */
      ownerField: string;
      /** @description Monday: the Status column read for won/lost/excluded (and optionally written) */
      statusField?: string;
    };
    WebhookDeliveryPageDto_Output: {
      items: {
        /** Format: uuid */
        id: string;
        /** @enum {string} */
        status: 'received' | 'rejected' | 'challenge' | 'queued' | 'processed' | 'failed';
        /** @description Why it was refused (signature, expiry, audience, payload) */
        reason: string | null;
        /** @description As received, without credentials */
        headers: {
          [key: string]: string;
        };
        /** @description The raw body, as signed */
        body: string;
        eventCount: number;
        /** Format: date-time */
        receivedAt: string;
        /** Format: date-time */
        processedAt: string | null;
      }[];
      nextCursor: string[];
    };
    SyncRunPageDto_Output: {
      items: {
        /** Format: uuid */
        id: string;
        objectType: string;
        /** Format: date-time */
        windowStart: string;
        /** Format: date-time */
        windowEnd: string;
        itemsSeen: number;
        /** @description Records without a decision, sent to intake */
        itemsNew: number;
        pages: number;
        durationMs: number;
        error: string | null;
        /** Format: date-time */
        createdAt: string;
      }[];
      nextCursor: string[];
    };
    PollingSettingsDto: {
      /** @description How often the connection is polled for changed records (default 60) */
      intervalSeconds: number;
    };
    OAuthStartDto: {
      /**
       * @description Provider-specific settings (HubSpot: primaryObject, leadStageOnAssign, allowLegacyWebhookSignatures)
       * @default {}
       */
      settings: {
        [key: string]: unknown;
      };
    };
    OAuthStartResultDto_Output: {
      /**
       * Format: uri
       * @description Send the admin’s browser here to consent
       */
      authorizeUrl: string;
      /**
       * Format: date-time
       * @description The authorization must complete before this time (10 minutes)
       */
      expiresAt: string;
    };
    OAuthCompleteDto: {
      code: string;
      state: string;
    };
    StartBackfillDto: {
      /**
       * Format: date-time
       * @description Start of the range (inclusive); give this or days
       */
      from?: string;
      /**
       * Format: date-time
       * @description End of the range (exclusive); defaults to now
       */
      to?: string;
      /** @description The range as days before to (30: the last 30 days); give this or from */
      days?: number;
      /**
       * @description Route what is found, as live intake would (owners are written to the CRM). Default false: leads are stored as `imported`, not routed
       * @default false
       */
      route: boolean;
    };
    BackfillDto_Output: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      connectionId: string;
      /** @description The CRM object imported (HubSpot leads, Monday items) */
      objectType: string;
      /**
       * Format: date-time
       * @description Records the CRM last changed at or after this...
       */
      from: string;
      /**
       * Format: date-time
       * @description ...and before this
       */
      to: string;
      /** @description Whether what it finds is routed (otherwise stored as imported) */
      route: boolean;
      /**
       * @description queued and running backfills are active: at most one per connection
       * @enum {string}
       */
      status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
      progress: {
        /** @description How far through the range the listing is, by the CRM change time it has reached */
        percent: number;
        /**
         * Format: date-time
         * @description The newest CRM change time listed so far
         */
        positionAt: string | null;
        /** @description Pages committed: the checkpoint a restart resumes after */
        pages: number;
      };
      counts: {
        /** @description Records listed */
        seen: number;
        /** @description Stored as leads with status imported (not routed) */
        imported: number;
        /** @description Decided by routing (route: true) */
        routed: number;
        /** @description Created after the connection was first made and not yet stored: queued for normal intake */
        sentToIntake: number;
        /** @description Stored with mapping errors (status needs_mapping) */
        needsMapping: number;
        /** @description Already stored (decided, or in live intake): left as they are */
        skipped: number;
        /** @description Gone from the CRM when read */
        missing: number;
      };
      /** @description CRM client calls made, each one batch (a listing page, a batch read) */
      crmCalls: number;
      /** @description The last error (a failed page is retried; "waiting: …" while the connection is paused) */
      error: string[];
      /** @description The API key id that started it */
      requestedBy: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      startedAt: string | null;
      /** Format: date-time */
      finishedAt: string | null;
      /** Format: date-time */
      updatedAt: string;
    };
    BackfillPageDto_Output: {
      items: {
        /** Format: uuid */
        id: string;
        /** Format: uuid */
        connectionId: string;
        /** @description The CRM object imported (HubSpot leads, Monday items) */
        objectType: string;
        /**
         * Format: date-time
         * @description Records the CRM last changed at or after this...
         */
        from: string;
        /**
         * Format: date-time
         * @description ...and before this
         */
        to: string;
        /** @description Whether what it finds is routed (otherwise stored as imported) */
        route: boolean;
        /**
         * @description queued and running backfills are active: at most one per connection
         * @enum {string}
         */
        status: 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';
        progress: {
          /** @description How far through the range the listing is, by the CRM change time it has reached */
          percent: number;
          /**
           * Format: date-time
           * @description The newest CRM change time listed so far
           */
          positionAt: string | null;
          /** @description Pages committed: the checkpoint a restart resumes after */
          pages: number;
        };
        counts: {
          /** @description Records listed */
          seen: number;
          /** @description Stored as leads with status imported (not routed) */
          imported: number;
          /** @description Decided by routing (route: true) */
          routed: number;
          /** @description Created after the connection was first made and not yet stored: queued for normal intake */
          sentToIntake: number;
          /** @description Stored with mapping errors (status needs_mapping) */
          needsMapping: number;
          /** @description Already stored (decided, or in live intake): left as they are */
          skipped: number;
          /** @description Gone from the CRM when read */
          missing: number;
        };
        /** @description CRM client calls made, each one batch (a listing page, a batch read) */
        crmCalls: number;
        /** @description The last error (a failed page is retried; "waiting: …" while the connection is paused) */
        error: string | null;
        /** @description The API key id that started it */
        requestedBy: string;
        /** Format: date-time */
        createdAt: string;
        /** Format: date-time */
        startedAt: string | null;
        /** Format: date-time */
        finishedAt: string | null;
        /** Format: date-time */
        updatedAt: string;
      }[];
      nextCursor: string[];
    };
    ProviderHealthListDto_Output: {
      /** @description False when any connection is unhealthy */
      healthy: boolean;
      /** @description Ids of the unhealthy connections */
      unhealthy: string[];
      /** Format: date-time */
      checkedAt: string;
      connections: {
        /** Format: uuid */
        id: string;
        provider: string;
        name: string;
        /**
         * @description active: routing; needs_reauth: the CRM rejected our credentials, reconnect; paused: by an admin; disconnected: deleted, credentials erased
         * @enum {string}
         */
        status: 'active' | 'needs_reauth' | 'paused' | 'disconnected';
        statusReason: string | null;
        healthy: boolean;
        /** @description Why the connection is unhealthy, one sentence each */
        problems: string[];
        /**
         * @description The worst state of its circuit breakers
         * @enum {string}
         */
        circuit: 'closed' | 'half-open' | 'open';
        /** @description Each call family’s breaker as the workers last published it */
        breakers: {
          family: string;
          /** @enum {string} */
          state: 'closed' | 'half-open' | 'open';
          /** Format: date-time */
          since: string;
        }[];
        /** @description Each rate-limit budget and what is left of it in the current window */
        rateLimits: {
          bucket: string;
          limit: number;
          intervalMs: number;
          remaining: number;
          /** @description remaining / limit: 1 idle, 0 exhausted */
          headroom: number;
        }[];
        /**
         * Format: date-time
         * @description Access token expiry; null for static tokens
         */
        tokenExpiresAt: string | null;
        /** @description Negative once expired: an OAuth token is refreshed on its next use */
        tokenExpiresInSeconds: number | null;
        /** Format: date-time */
        lastSuccessfulCallAt: string | null;
        /** Format: date-time */
        lastErrorAt: string | null;
        lastErrorCode: string | null;
        /**
         * Format: date-time
         * @description Last accepted webhook delivery for the connection
         */
        lastWebhookAt: string | null;
        /** Format: date-time */
        lastPollAt: string | null;
        /** @description How far behind now the oldest poll cursor is; null before the first poll */
        pollingLagSeconds: number | null;
        errorRate: {
          last5m: {
            /** @description CRM calls made in the window (final outcomes, after retries) */
            calls: number;
            /** @description Calls that failed with any code but NOT_FOUND */
            errors: number;
            /** @description errors / calls; 0 without calls */
            ratio: number;
          };
          last60m: {
            /** @description CRM calls made in the window (final outcomes, after retries) */
            calls: number;
            /** @description Calls that failed with any code but NOT_FOUND */
            errors: number;
            /** @description errors / calls; 0 without calls */
            ratio: number;
          };
        };
      }[];
    };
    FieldsDto_Output: {
      object: string;
      /** Format: date-time */
      fetchedAt: string;
      fields: {
        /** @description lead (the routed record), contact, company, deal, or column (Monday) */
        object: string;
        name: string;
        label: string;
        type: string;
        options?: {
          value: string;
          label: string;
          statusHint?: string;
        }[];
        /** @description Up to three distinct values from recent records */
        samples: string[];
      }[];
    };
    SuggestionsDto_Output: {
      object: string;
      /** @description A field mapping (docs/field-mapping.md) */
      mapping: {
        [key: string]: unknown;
      };
      fields: {
        target: string;
        rule: {
          [key: string]: unknown;
        };
        confidence: number;
        reason: string;
      }[];
      statusParity: {
        value: string;
        label: string;
        status: string;
        confidence: number;
        reason: string;
      }[];
    };
    MappingDraftDto_Output: {
      object: string;
      /**
       * @description draft: saved edits; version: the active version (no edits yet); suggestion: nothing published yet
       * @enum {string}
       */
      origin: 'draft' | 'version' | 'suggestion';
      basedOnVersion: number | null;
      /** @description A field mapping (docs/field-mapping.md) */
      mapping: {
        [key: string]: unknown;
      };
      /** @description What publishing would refuse (errors) or warn about */
      problems: {
        code: string;
        /** @enum {string} */
        severity: 'error' | 'warning';
        /** @description Into the mapping, e.g. fields[3].transforms[1] */
        path: string;
        message: string;
        missingOptions?: string[];
      }[];
      /** Format: date-time */
      updatedAt: string | null;
    };
    PutDraftDto: {
      /** @default [] */
      customFields: {
        key: string;
        label: string;
        /** @enum {string} */
        type: 'text' | 'number' | 'money' | 'date' | 'boolean' | 'enum' | 'list';
        options?: string[];
      }[];
      fields: {
        target: string;
        sources: (
          | {
              /** @enum {string} */
              kind: 'property';
              /** @enum {string} */
              object: 'lead' | 'contact' | 'company' | 'deal';
              name: string;
            }
          | {
              /** @enum {string} */
              kind: 'column';
              id: string;
              /**
               * @default auto
               * @enum {string}
               */
              read: 'auto' | 'text';
            }
          | {
              /** @enum {string} */
              kind: 'constant';
              value: string | number | boolean;
            }
          | {
              /** @enum {string} */
              kind: 'record';
              /** @enum {string} */
              field: 'externalId' | 'ownerId' | 'createdAt';
            }
        )[];
        transforms?: (
          | {
              /** @enum {string} */
              type: 'trim';
            }
          | {
              /** @enum {string} */
              type: 'lower';
            }
          | {
              /** @enum {string} */
              type: 'upper';
            }
          | {
              /** @enum {string} */
              type: 'split_name';
              /** @enum {string} */
              part: 'first' | 'last';
            }
          | {
              /** @enum {string} */
              type: 'join';
              /** @default  */
              separator: string;
            }
          | {
              /** @enum {string} */
              type: 'split';
              separator: string;
            }
          | {
              /** @enum {string} */
              type: 'first';
            }
          | {
              /** @enum {string} */
              type: 'number';
              /**
               * @default .
               * @enum {string}
               */
              decimalSeparator: '.' | ',';
            }
          | {
              /** @enum {string} */
              type: 'money';
              currency?: string;
              /**
               * @default .
               * @enum {string}
               */
              decimalSeparator: '.' | ',';
            }
          | {
              /** @enum {string} */
              type: 'date';
              /** @default iso8601 */
              format: string;
              /** @default UTC */
              timeZone: string;
            }
          | {
              /** @enum {string} */
              type: 'boolean';
              truthy?: string[];
              falsy?: string[];
            }
          | {
              /** @enum {string} */
              type: 'value_map';
              entries: {
                from: string;
                to: string | null;
              }[];
              default?: string | null;
              /** @default false */
              caseSensitive: boolean;
            }
          | {
              /** @enum {string} */
              type: 'email_to_domain';
            }
          | {
              /** @enum {string} */
              type: 'phone_e164';
              defaultCountry?: string;
            }
          | {
              /** @enum {string} */
              type: 'country';
            }
          | {
              /** @enum {string} */
              type: 'regex_extract';
              pattern: string;
              /** @default  */
              flags: string;
              group?: number | string;
            }
          | {
              /** @enum {string} */
              type: 'truncate';
              maxLength: number;
            }
        )[];
        /** @default false */
        required: boolean;
      }[];
      /**
       * @default {
       *       "entries": [],
       *       "default": null
       *     }
       */
      statusParity: {
        /** @default [] */
        entries: {
          value: string;
          /** @enum {string} */
          status: 'open' | 'won' | 'lost' | 'excluded';
        }[];
        /**
         * @default null
         * @enum {string|null}
         */
        default: 'open' | 'won' | 'lost' | 'excluded' | null;
      };
    };
    PreviewBodyDto: {
      /**
       * @description How many recent records to normalize
       * @default 5
       */
      limit: number;
      /** @description Preview this mapping instead of the saved draft */
      mapping?: {
        /** @default [] */
        customFields: {
          key: string;
          label: string;
          /** @enum {string} */
          type: 'text' | 'number' | 'money' | 'date' | 'boolean' | 'enum' | 'list';
          options?: string[];
        }[];
        fields: {
          target: string;
          sources: (
            | {
                /** @enum {string} */
                kind: 'property';
                /** @enum {string} */
                object: 'lead' | 'contact' | 'company' | 'deal';
                name: string;
              }
            | {
                /** @enum {string} */
                kind: 'column';
                id: string;
                /**
                 * @default auto
                 * @enum {string}
                 */
                read: 'auto' | 'text';
              }
            | {
                /** @enum {string} */
                kind: 'constant';
                value: string | number | boolean;
              }
            | {
                /** @enum {string} */
                kind: 'record';
                /** @enum {string} */
                field: 'externalId' | 'ownerId' | 'createdAt';
              }
          )[];
          transforms?: (
            | {
                /** @enum {string} */
                type: 'trim';
              }
            | {
                /** @enum {string} */
                type: 'lower';
              }
            | {
                /** @enum {string} */
                type: 'upper';
              }
            | {
                /** @enum {string} */
                type: 'split_name';
                /** @enum {string} */
                part: 'first' | 'last';
              }
            | {
                /** @enum {string} */
                type: 'join';
                /** @default  */
                separator: string;
              }
            | {
                /** @enum {string} */
                type: 'split';
                separator: string;
              }
            | {
                /** @enum {string} */
                type: 'first';
              }
            | {
                /** @enum {string} */
                type: 'number';
                /**
                 * @default .
                 * @enum {string}
                 */
                decimalSeparator: '.' | ',';
              }
            | {
                /** @enum {string} */
                type: 'money';
                currency?: string;
                /**
                 * @default .
                 * @enum {string}
                 */
                decimalSeparator: '.' | ',';
              }
            | {
                /** @enum {string} */
                type: 'date';
                /** @default iso8601 */
                format: string;
                /** @default UTC */
                timeZone: string;
              }
            | {
                /** @enum {string} */
                type: 'boolean';
                truthy?: string[];
                falsy?: string[];
              }
            | {
                /** @enum {string} */
                type: 'value_map';
                entries: {
                  from: string;
                  to: string | null;
                }[];
                default?: string | null;
                /** @default false */
                caseSensitive: boolean;
              }
            | {
                /** @enum {string} */
                type: 'email_to_domain';
              }
            | {
                /** @enum {string} */
                type: 'phone_e164';
                defaultCountry?: string;
              }
            | {
                /** @enum {string} */
                type: 'country';
              }
            | {
                /** @enum {string} */
                type: 'regex_extract';
                pattern: string;
                /** @default  */
                flags: string;
                group?: number | string;
              }
            | {
                /** @enum {string} */
                type: 'truncate';
                maxLength: number;
              }
          )[];
          /** @default false */
          required: boolean;
        }[];
        /**
         * @default {
         *       "entries": [],
         *       "default": null
         *     }
         */
        statusParity: {
          /** @default [] */
          entries: {
            value: string;
            /** @enum {string} */
            status: 'open' | 'won' | 'lost' | 'excluded';
          }[];
          /**
           * @default null
           * @enum {string|null}
           */
          default: 'open' | 'won' | 'lost' | 'excluded' | null;
        };
      };
    };
    PreviewDto_Output: {
      object: string;
      records: {
        externalId: string;
        /** @description What the CRM returned: properties, associations, columns */
        raw: {
          [key: string]: unknown;
        };
        /** @description The canonical lead, or null when a required field failed */
        lead: {
          [key: string]: unknown;
        } | null;
        errors: {
          code: string;
          target: string;
          message: string;
          source?: string;
        }[];
        warnings: {
          code: string;
          target: string;
          message: string;
          source?: string;
        }[];
      }[];
    };
    MappingVersionDto_Output: {
      /** Format: uuid */
      id: string;
      object: string;
      version: number;
      active: boolean;
      /** @description A field mapping (docs/field-mapping.md) */
      mapping: {
        [key: string]: unknown;
      };
      publishedBy: string;
      /** Format: date-time */
      createdAt: string;
    };
    MappingVersionListDto_Output: {
      items: {
        /** Format: uuid */
        id: string;
        object: string;
        version: number;
        active: boolean;
        publishedBy: string;
        /** Format: date-time */
        createdAt: string;
      }[];
    };
    MappingDiffDto_Output: {
      from: number;
      to: number;
      identical: boolean;
      fields: {
        [key: string]: unknown;
      };
      customFields: {
        [key: string]: unknown;
      };
      statusParity: {
        [key: string]: unknown;
      };
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  HealthController_live: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LivenessDto_Output'];
        };
      };
    };
  };
  HealthController_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReadinessDto_Output'];
        };
      };
    };
  };
  TenantsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTenantDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedTenantDto_Output'];
        };
      };
    };
  };
  TenantsController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WhoAmIDto_Output'];
        };
      };
    };
  };
  ApiKeysController_list: {
    parameters: {
      query?: {
        /** @description Items per page (1-200) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
        /** @description Also list revoked keys */
        includeRevoked?: 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyPageDto_Output'];
        };
      };
    };
  };
  ApiKeysController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiKeyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedApiKeyDto_Output'];
        };
      };
    };
  };
  ApiKeysController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyDto_Output'];
        };
      };
    };
  };
  ApiKeysController_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked (or already revoked) */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  AuditLogController_list: {
    parameters: {
      query?: {
        /** @description Items per page (1-200) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
        /** @description Only entries with this action */
        action?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditLogPageDto_Output'];
        };
      };
    };
  };
  EncryptionController_status: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EncryptionStatusDto_Output'];
        };
      };
    };
  };
  EncryptionController_rotate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['KeyRotationDto_Output'];
        };
      };
      /** @description A rotation is already running */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  EncryptionController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['KeyRotationDto_Output'];
        };
      };
    };
  };
  LeadsController_list: {
    parameters: {
      query?: {
        /** @description Items per page (1-200) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
        /** @description new, needs_mapping, imported (stored by a backfill, not routed), assigned, kept_existing_owner, unrouted, excluded, routed, writeback_failed, writeback_conflict */
        status?: string;
        /** @description The CRM-side outcome (status parity) */
        crmStatus?: 'open' | 'won' | 'lost' | 'excluded';
        connectionId?: string;
        /** @description Leads decided for this rep */
        repId?: string;
        /** @description Leads decided through this pool */
        poolId?: string;
        /** @description Created at or after */
        from?: string;
        /** @description Created before */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LeadPageDto_Output'];
        };
      };
    };
  };
  LeadsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LeadJourneyDto_Output'];
        };
      };
    };
  };
  LeadsController_reroute: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['RerouteLeadDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RerouteResultDto_Output'];
        };
      };
    };
  };
  WebhookDeliveriesController_list: {
    parameters: {
      query?: {
        /** @description Items per page (1-200) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
        connectionId?: string;
        status?: 'received' | 'rejected' | 'challenge' | 'queued' | 'processed' | 'failed';
        /** @description Received at or after */
        from?: string;
        /** @description Received before */
        to?: string;
        /** @description Deliveries that mention this record id */
        objectId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeliveryPageDto_Output'];
        };
      };
    };
  };
  WebhookDeliveriesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeliveryDetailDto_Output'];
        };
      };
    };
  };
  WebhookDeliveriesController_replay: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': components['schemas']['ReplayDeliveryDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReplayResultDto_Output'];
        };
      };
    };
  };
  RepsController_list: {
    parameters: {
      query?: {
        /** @description Items per page (1-200) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
        /** @description Only active (true) or inactive (false) reps; both when omitted */
        active?: 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RepPageDto_Output'];
        };
      };
    };
  };
  RepsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateRepDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RepDto_Output'];
        };
      };
    };
  };
  RepsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RepDto_Output'];
        };
      };
    };
  };
  RepsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description The rep is a member or the fallback of a pool, or a rule of the published rule set names it; the problem names them */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RepsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateRepDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RepDto_Output'];
        };
      };
    };
  };
  RepKpisController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RepKpisDto_Output'];
        };
      };
    };
  };
  RepKpisController_put: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PutRepKpisDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RepKpisDto_Output'];
        };
      };
    };
  };
  PoolsController_list: {
    parameters: {
      query?: {
        /** @description Items per page (1-200) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PoolPageDto_Output'];
        };
      };
    };
  };
  PoolsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreatePoolDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PoolWriteResultDto_Output'];
        };
      };
      /** @description Another pool has this name */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  PoolsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PoolDto_Output'];
        };
      };
    };
  };
  PoolsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Another pool falls back to it, or a rule of the published rule set routes to it; the problem names them */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  PoolsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdatePoolDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PoolWriteResultDto_Output'];
        };
      };
      /** @description Another pool has this name */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  RuleSetsController_getDraft: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DraftDto_Output'];
        };
      };
    };
  };
  RuleSetsController_saveDraft: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SaveDraftDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DraftDto_Output'];
        };
      };
    };
  };
  RuleSetsController_publish: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublishedRuleSetVersionDto_Output'];
        };
      };
    };
  };
  RuleSetsController_listVersions: {
    parameters: {
      query?: {
        /** @description Items per page (1-200) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RuleSetVersionPageDto_Output'];
        };
      };
    };
  };
  RuleSetsController_getVersion: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        v: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RuleSetVersionDto_Output'];
        };
      };
    };
  };
  RuleSetsController_diff: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        v: string;
        w: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RuleSetDiffDto_Output'];
        };
      };
    };
  };
  RuleSetsController_rollback: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        v: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PublishedRuleSetVersionDto_Output'];
        };
      };
    };
  };
  SimulationController_simulate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SimulateDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SimulationResultDto_Output'];
        };
      };
    };
  };
  DecisionsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StoredDecisionDto_Output'];
        };
      };
    };
  };
  ConnectionsController_providers: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProviderListDto_Output'];
        };
      };
    };
  };
  ConnectionsController_list: {
    parameters: {
      query?: {
        /** @description Items per page (1-200) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
        /** @description Only connections with this status */
        status?: 'active' | 'needs_reauth' | 'paused' | 'disconnected';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionPageDto_Output'];
        };
      };
    };
  };
  ConnectionsController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateConnectionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionDto_Output'];
        };
      };
      /** @description The CRM account is connected to another tenant */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionDto_Output'];
        };
      };
    };
  };
  ConnectionsController_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Disconnected */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_health: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionHealthDto_Output'];
        };
      };
    };
  };
  ConnectionsController_events: {
    parameters: {
      query?: {
        /** @description Items per page (1-200) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionEventPageDto_Output'];
        };
      };
    };
  };
  ConnectionsController_boards: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SourceListDto_Output'];
        };
      };
    };
  };
  ConnectionsController_chooseSource: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SourceSelectionDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionDto_Output'];
        };
      };
    };
  };
  ConnectionsController_deliveries: {
    parameters: {
      query?: {
        /** @description Items per page (1-200) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
        status?: 'received' | 'rejected' | 'challenge' | 'queued' | 'processed' | 'failed';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDeliveryPageDto_Output'];
        };
      };
    };
  };
  ConnectionsController_syncRuns: {
    parameters: {
      query?: {
        /** @description Items per page (1-200) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SyncRunPageDto_Output'];
        };
      };
    };
  };
  ConnectionsController_setPolling: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PollingSettingsDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionDto_Output'];
        };
      };
    };
  };
  ConnectionsController_pause: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionDto_Output'];
        };
      };
    };
  };
  ConnectionsController_resume: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionDto_Output'];
        };
      };
      /** @description The connection needs re-authorisation or is disconnected */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_oauthStart: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Provider name from GET /v1/providers (hubspot, monday) */
        provider: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['OAuthStartDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OAuthStartResultDto_Output'];
        };
      };
    };
  };
  ConnectionsController_oauthComplete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Provider name from GET /v1/providers (hubspot, monday) */
        provider: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['OAuthCompleteDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionDto_Output'];
        };
      };
      /** @description The CRM account is connected to another tenant */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ConnectionsController_oauthCallback: {
    parameters: {
      query?: {
        code?: string;
        state?: string;
        error?: string;
        error_description?: string;
      };
      header?: never;
      path: {
        /** @description Provider name from GET /v1/providers (hubspot, monday) */
        provider: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description To /console/connections/{id}?connected=1, or /console/connections?error=… */
      302: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BackfillController_latest: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BackfillDto_Output'];
        };
      };
    };
  };
  BackfillController_start: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['StartBackfillDto'];
      };
    };
    responses: {
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BackfillDto_Output'];
        };
      };
      /** @description A backfill is already active, the connection is not active, or no mapping is published */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  BackfillController_list: {
    parameters: {
      query?: {
        /** @description Items per page (1-200) */
        limit?: number;
        /** @description The `nextCursor` of the previous page */
        cursor?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BackfillPageDto_Output'];
        };
      };
    };
  };
  BackfillController_cancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BackfillDto_Output'];
        };
      };
      /** @description No backfill of the connection is queued or running */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  ProviderHealthController_health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ProviderHealthListDto_Output'];
        };
      };
    };
  };
  MappingWizardController_fields: {
    parameters: {
      query?: {
        /** @description The routed object type (HubSpot leads, contacts, deals; Monday items); defaults to the connection's */
        object?: string;
        /** @description Ask the CRM again instead of using the cached fields */
        refresh?: 'true' | 'false';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FieldsDto_Output'];
        };
      };
    };
  };
  MappingWizardController_suggestions: {
    parameters: {
      query?: {
        /** @description The routed object type (HubSpot leads, contacts, deals; Monday items); defaults to the connection's */
        object?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SuggestionsDto_Output'];
        };
      };
    };
  };
  MappingWizardController_draft: {
    parameters: {
      query?: {
        /** @description The routed object type (HubSpot leads, contacts, deals; Monday items); defaults to the connection's */
        object?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MappingDraftDto_Output'];
        };
      };
    };
  };
  MappingWizardController_saveDraft: {
    parameters: {
      query?: {
        /** @description The routed object type (HubSpot leads, contacts, deals; Monday items); defaults to the connection's */
        object?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PutDraftDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MappingDraftDto_Output'];
        };
      };
    };
  };
  MappingWizardController_preview: {
    parameters: {
      query?: {
        /** @description The routed object type (HubSpot leads, contacts, deals; Monday items); defaults to the connection's */
        object?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PreviewBodyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PreviewDto_Output'];
        };
      };
    };
  };
  MappingWizardController_publish: {
    parameters: {
      query?: {
        /** @description The routed object type (HubSpot leads, contacts, deals; Monday items); defaults to the connection's */
        object?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MappingVersionDto_Output'];
        };
      };
      /** @description The draft has problems; errors[] lists every one with its path */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  MappingWizardController_versions: {
    parameters: {
      query?: {
        /** @description The routed object type (HubSpot leads, contacts, deals; Monday items); defaults to the connection's */
        object?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MappingVersionListDto_Output'];
        };
      };
    };
  };
  MappingWizardController_version: {
    parameters: {
      query?: {
        /** @description The routed object type (HubSpot leads, contacts, deals; Monday items); defaults to the connection's */
        object?: string;
      };
      header?: never;
      path: {
        id: string;
        version: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MappingVersionDto_Output'];
        };
      };
    };
  };
  MappingWizardController_diff: {
    parameters: {
      query?: {
        /** @description The routed object type (HubSpot leads, contacts, deals; Monday items); defaults to the connection's */
        object?: string;
      };
      header?: never;
      path: {
        id: string;
        version: number;
        other: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MappingDiffDto_Output'];
        };
      };
    };
  };
}
