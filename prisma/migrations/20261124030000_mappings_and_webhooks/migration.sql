-- Field mappings per connection and object (draft + immutable versions), a cache of discovered
-- fields, the webhook inbox, PKCE verifiers for OAuth, and the mapping version on each lead.
ALTER TABLE "oauth_state" ADD COLUMN "code_verifier" TEXT;

CREATE TABLE "field_mapping_draft" (
    "tenant_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "object_type" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "based_on_version" INTEGER,
    "updated_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "field_mapping_draft_pkey" PRIMARY KEY ("connection_id", "object_type"),
    CONSTRAINT "field_mapping_draft_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "field_mapping_draft_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "crm_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "field_mapping_draft_tenant_id_idx" ON "field_mapping_draft"("tenant_id");

-- Published mappings never change; the highest version per (connection, object) is the active one.
CREATE TABLE "field_mapping_version" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "object_type" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "mapping" JSONB NOT NULL,
    "published_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "field_mapping_version_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "field_mapping_version_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "field_mapping_version_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "crm_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX "field_mapping_version_connection_id_object_type_version_key" ON "field_mapping_version"("connection_id", "object_type", "version");
CREATE INDEX "field_mapping_version_tenant_id_created_at_id_idx" ON "field_mapping_version"("tenant_id", "created_at", "id");

CREATE TABLE "discovered_fields" (
    "tenant_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "object_type" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "discovered_fields_pkey" PRIMARY KEY ("connection_id", "object_type"),
    CONSTRAINT "discovered_fields_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "discovered_fields_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "crm_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "discovered_fields_tenant_id_idx" ON "discovered_fields"("tenant_id");

ALTER TABLE "lead" ADD COLUMN "mapping_version" INTEGER;

-- Every inbound webhook request, kept before it is answered: authentic ones feed intake, rejected
-- ones stay with the reason for the webhook debugger. Headers are stored without credentials.
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('received', 'rejected', 'challenge', 'queued', 'processed', 'failed');
CREATE TABLE "webhook_delivery" (
    "id" UUID NOT NULL,
    "tenant_id" UUID,
    "connection_id" UUID,
    "provider" TEXT NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL,
    "reason" TEXT,
    "headers" JSONB NOT NULL,
    "body" TEXT NOT NULL,
    "event_count" INTEGER NOT NULL DEFAULT 0,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(3),
    CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "webhook_delivery_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "webhook_delivery_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "crm_connection"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "webhook_delivery_connection_id_received_at_idx" ON "webhook_delivery"("connection_id", "received_at");
CREATE INDEX "webhook_delivery_tenant_id_received_at_id_idx" ON "webhook_delivery"("tenant_id", "received_at", "id");
