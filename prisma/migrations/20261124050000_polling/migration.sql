-- Polling: how often each connection is polled, where its last poll got to, and every run.
ALTER TABLE "crm_connection" ADD COLUMN "poll_interval_seconds" INTEGER NOT NULL DEFAULT 60;

CREATE TABLE "sync_cursor" (
    "connection_id" UUID NOT NULL,
    "object_type" TEXT NOT NULL,
    "tenant_id" UUID NOT NULL,
    "synced_until" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "sync_cursor_pkey" PRIMARY KEY ("connection_id", "object_type"),
    CONSTRAINT "sync_cursor_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "sync_cursor_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "crm_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "sync_cursor_tenant_id_idx" ON "sync_cursor"("tenant_id");

CREATE TABLE "sync_run" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "connection_id" UUID NOT NULL,
    "object_type" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "window_end" TIMESTAMPTZ(3) NOT NULL,
    "items_seen" INTEGER NOT NULL DEFAULT 0,
    "items_new" INTEGER NOT NULL DEFAULT 0,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "duration_ms" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sync_run_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "sync_run_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "sync_run_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "crm_connection"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "sync_run_connection_id_created_at_id_idx" ON "sync_run"("connection_id", "created_at", "id");
