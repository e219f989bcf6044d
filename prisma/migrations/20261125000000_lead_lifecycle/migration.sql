-- Lead lifecycle after routing: the CRM-side outcome (status parity), when the CRM last changed the
-- record as intake saw it (polling re-reads only records changed since), decisions superseded by an
-- operator's re-route, and indexes for the sweepers that re-queue stranded work.
ALTER TABLE "lead" ADD COLUMN "crm_status" TEXT NOT NULL DEFAULT 'open';
ALTER TABLE "lead" ADD CONSTRAINT "lead_crm_status_check" CHECK ("crm_status" IN ('open', 'won', 'lost', 'excluded'));
ALTER TABLE "lead" ADD COLUMN "closed_at" TIMESTAMPTZ(3);
ALTER TABLE "lead" ADD COLUMN "crm_updated_at" TIMESTAMPTZ(3);

CREATE TABLE "routing_decision_history" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "lead_id" UUID NOT NULL,
    "rule_set_version" INTEGER NOT NULL,
    "rule_id" TEXT,
    "outcome" "RoutingOutcome" NOT NULL,
    "rep_id" UUID,
    "crm_owner_id" TEXT,
    "pool_id" UUID,
    "decision" JSONB NOT NULL,
    "trace_id" TEXT,
    "writeback_status" TEXT NOT NULL,
    "written_back_at" TIMESTAMPTZ(3),
    "decided_at" TIMESTAMPTZ(3) NOT NULL,
    "superseded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "superseded_by" TEXT NOT NULL,
    "reason" TEXT,
    CONSTRAINT "routing_decision_history_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "routing_decision_history_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "routing_decision_history_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "routing_decision_history_lead_id_idx" ON "routing_decision_history"("lead_id", "superseded_at");

-- What the stranded-work sweeper looks for besides pending write-backs (indexed by the intake
-- migration): deliveries stored but never fanned out.
CREATE INDEX "webhook_delivery_received_idx" ON "webhook_delivery"("received_at") WHERE "status" = 'received';
