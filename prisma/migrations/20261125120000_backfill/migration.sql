-- Backfill: importing a connection's existing records over a time range (docs/adr/0019). One row per
-- backfill with its range, its checkpoint (stage, cursor and how far it got, written in the same
-- transaction as each page's leads, so a restarted job resumes after the last committed page) and
-- its counters. A backfill first lists the range into the lead store (stage `list`); one asked to
-- route then routes the leads it stored, by lead id (stage `route`).
CREATE TYPE "BackfillStatus" AS ENUM ('queued', 'running', 'completed', 'failed', 'cancelled');

CREATE TABLE "backfill" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "object_type" TEXT NOT NULL,
    "range_from" TIMESTAMPTZ(3) NOT NULL,
    "range_to" TIMESTAMPTZ(3) NOT NULL,
    "route" BOOLEAN NOT NULL DEFAULT false,
    "status" "BackfillStatus" NOT NULL DEFAULT 'queued',
    "stage" TEXT NOT NULL DEFAULT 'list',
    "cursor" TEXT,
    "position_at" TIMESTAMPTZ(3),
    "pages" INTEGER NOT NULL DEFAULT 0,
    "items_seen" INTEGER NOT NULL DEFAULT 0,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "routed" INTEGER NOT NULL DEFAULT 0,
    "sent_to_intake" INTEGER NOT NULL DEFAULT 0,
    "needs_mapping" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "missing" INTEGER NOT NULL DEFAULT 0,
    "crm_calls" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "requested_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "backfill_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "backfill_range_check" CHECK ("range_to" > "range_from"),
    CONSTRAINT "backfill_stage_check" CHECK ("stage" IN ('list', 'route')),
    CONSTRAINT "backfill_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "backfill_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "crm_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "backfill_connection_id_created_at_id_idx" ON "backfill"("connection_id", "created_at", "id");
CREATE INDEX "backfill_tenant_id_created_at_id_idx" ON "backfill"("tenant_id", "created_at", "id");
-- At most one backfill per connection is queued or running; the API answers 409 on this index.
CREATE UNIQUE INDEX "backfill_one_active_per_connection" ON "backfill"("connection_id") WHERE "status" IN ('queued', 'running');
-- What the stranded-work sweeper looks for: active backfills that stopped moving.
CREATE INDEX "backfill_active_updated_at_idx" ON "backfill"("updated_at") WHERE "status" IN ('queued', 'running');

-- The backfill that stored a lead. While that backfill is an import-only one, intake keeps the lead
-- up to date but does not route it (status `imported`); an operator's re-route clears it, a routing
-- backfill takes it over.
ALTER TABLE "lead" ADD COLUMN "backfill_id" UUID;
ALTER TABLE "lead" ADD CONSTRAINT "lead_backfill_id_fkey" FOREIGN KEY ("backfill_id") REFERENCES "backfill"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "lead_backfill_id_idx" ON "lead"("backfill_id") WHERE "backfill_id" IS NOT NULL;
