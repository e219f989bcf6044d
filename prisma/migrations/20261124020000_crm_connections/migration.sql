-- CRM connections with vault-encrypted credentials, their events, OAuth states and key rotations.
CREATE TYPE "ConnectionStatus" AS ENUM ('active', 'needs_reauth', 'paused', 'disconnected');
CREATE TYPE "ConnectionAuthType" AS ENUM ('oauth', 'token');
CREATE TYPE "KeyRotationStatus" AS ENUM ('running', 'completed', 'failed');

CREATE TABLE "crm_connection" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "auth_type" "ConnectionAuthType" NOT NULL,
    "external_account_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "ConnectionStatus" NOT NULL DEFAULT 'active',
    "status_reason" TEXT,
    "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "settings" JSONB NOT NULL DEFAULT '{}',
    -- Token vault envelopes (AES-256-GCM, bound to tenant, connection and column); never plaintext.
    "access_token" TEXT,
    "refresh_token" TEXT,
    -- The key both envelopes use: what rotation selects on and the start-up ring check reads.
    "credentials_key_id" TEXT,
    -- Bumped on every credential write, so a refresh and a rotation never overwrite each other.
    "credentials_version" INTEGER NOT NULL DEFAULT 0,
    "token_expires_at" TIMESTAMPTZ(3),
    "last_refreshed_at" TIMESTAMPTZ(3),
    "connected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disconnected_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "crm_connection_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "crm_connection_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "crm_connection_credentials_check" CHECK (
        ("status" = 'disconnected' AND "access_token" IS NULL AND "refresh_token" IS NULL)
        OR ("status" <> 'disconnected' AND "access_token" IS NOT NULL AND "credentials_key_id" IS NOT NULL)
    )
);
-- One live connection per CRM account across all tenants: the same portal in two tenants would
-- route its leads twice.
CREATE UNIQUE INDEX "crm_connection_live_account_key" ON "crm_connection"("provider", "external_account_id") WHERE "status" <> 'disconnected';
CREATE INDEX "crm_connection_tenant_id_created_at_id_idx" ON "crm_connection"("tenant_id", "created_at", "id");
CREATE INDEX "crm_connection_credentials_key_id_idx" ON "crm_connection"("credentials_key_id") WHERE "credentials_key_id" IS NOT NULL;

CREATE TABLE "crm_connection_event" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "crm_connection_event_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "crm_connection_event_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "crm_connection_event_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "crm_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "crm_connection_event_connection_id_created_at_idx" ON "crm_connection_event"("connection_id", "created_at");

-- OAuth `state` values: stored as SHA-256 so a database read cannot replay a flow in progress.
CREATE TABLE "oauth_state" (
    "state_hash" TEXT NOT NULL,
    "tenant_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "api_key_id" UUID,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "oauth_state_pkey" PRIMARY KEY ("state_hash"),
    CONSTRAINT "oauth_state_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "oauth_state_expires_at_idx" ON "oauth_state"("expires_at");

-- Deployment-wide (not per tenant): re-encrypting every stored secret with the active key.
CREATE TABLE "key_rotation" (
    "id" UUID NOT NULL,
    "target_key_id" TEXT NOT NULL,
    "status" "KeyRotationStatus" NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL DEFAULT 0,
    "rotated" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "requested_by" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "key_rotation_pkey" PRIMARY KEY ("id")
);
-- At most one rotation runs at a time.
CREATE UNIQUE INDEX "key_rotation_one_running_key" ON "key_rotation"("status") WHERE "status" = 'running';
