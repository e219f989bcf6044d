-- Routing: reps, pools, rule sets, rotation state, loads, KPIs, leads and decisions.
CREATE TYPE "PoolStrategy" AS ENUM ('round_robin', 'weighted_round_robin', 'least_loaded', 'kpi_weighted');
CREATE TYPE "RepAvailability" AS ENUM ('available', 'unavailable');
CREATE TYPE "RoutingOutcome" AS ENUM ('assigned', 'kept_existing_owner', 'unrouted', 'excluded');

CREATE TABLE "rep" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "availability" "RepAvailability" NOT NULL DEFAULT 'available',
    "time_zone" TEXT NOT NULL,
    "working_hours" JSONB,
    "out_of_office" JSONB NOT NULL DEFAULT '[]',
    "daily_cap" INTEGER,
    "open_cap" INTEGER,
    "skills" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "territories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "crm_owner_ids" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "rep_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rep_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "rep_tenant_id_created_at_id_idx" ON "rep"("tenant_id", "created_at", "id");

CREATE TABLE "pool" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "strategy" "PoolStrategy" NOT NULL,
    "required_skills" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "required_territories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "catch_up" BOOLEAN NOT NULL DEFAULT false,
    "fallback" JSONB,
    "kpi_weights" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "pool_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "pool_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "pool_tenant_id_name_key" ON "pool"("tenant_id", "name");
CREATE INDEX "pool_tenant_id_created_at_id_idx" ON "pool"("tenant_id", "created_at", "id");

CREATE TABLE "pool_member" (
    "pool_id" UUID NOT NULL,
    "rep_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL DEFAULT 1,
    CONSTRAINT "pool_member_pkey" PRIMARY KEY ("pool_id", "rep_id"),
    CONSTRAINT "pool_member_pool_id_fkey" FOREIGN KEY ("pool_id") REFERENCES "pool"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "pool_member_rep_id_fkey" FOREIGN KEY ("rep_id") REFERENCES "rep"("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "pool_member_rep_id_idx" ON "pool_member"("rep_id");

CREATE TABLE "pool_state" (
    "pool_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "state" JSONB NOT NULL DEFAULT '{}',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "pool_state_pkey" PRIMARY KEY ("pool_id"),
    CONSTRAINT "pool_state_pool_id_fkey" FOREIGN KEY ("pool_id") REFERENCES "pool"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "pool_state_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "rep_load" (
    "rep_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "open_count" INTEGER NOT NULL DEFAULT 0,
    "assigned_today" INTEGER NOT NULL DEFAULT 0,
    "day" TEXT NOT NULL DEFAULT '',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rep_load_pkey" PRIMARY KEY ("rep_id"),
    CONSTRAINT "rep_load_rep_id_fkey" FOREIGN KEY ("rep_id") REFERENCES "rep"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "rep_load_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "rep_kpi" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "rep_id" UUID NOT NULL,
    "kpi" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "window_end" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "rep_kpi_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rep_kpi_rep_id_fkey" FOREIGN KEY ("rep_id") REFERENCES "rep"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "rep_kpi_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "rep_kpi_rep_id_kpi_key" ON "rep_kpi"("rep_id", "kpi");

CREATE TABLE "rule_set_draft" (
    "tenant_id" UUID NOT NULL,
    "rules" JSONB NOT NULL DEFAULT '[]',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" TEXT,
    CONSTRAINT "rule_set_draft_pkey" PRIMARY KEY ("tenant_id"),
    CONSTRAINT "rule_set_draft_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "rule_set_version" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "rules" JSONB NOT NULL,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_by" TEXT,
    "restored_from" INTEGER,
    CONSTRAINT "rule_set_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "rule_set_version_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "rule_set_version_tenant_id_version_key" ON "rule_set_version"("tenant_id", "version");

CREATE TABLE "lead" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "connection_id" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "normalized" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'new',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "lead_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "lead_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "lead_tenant_id_connection_id_external_id_key" ON "lead"("tenant_id", "connection_id", "external_id");
CREATE INDEX "lead_tenant_id_created_at_id_idx" ON "lead"("tenant_id", "created_at", "id");

CREATE TABLE "routing_decision" (
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
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "routing_decision_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "routing_decision_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "lead"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "routing_decision_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "routing_decision_lead_id_key" ON "routing_decision"("lead_id");
CREATE INDEX "routing_decision_tenant_id_created_at_id_idx" ON "routing_decision"("tenant_id", "created_at", "id");
CREATE INDEX "routing_decision_tenant_id_rep_id_idx" ON "routing_decision"("tenant_id", "rep_id");
