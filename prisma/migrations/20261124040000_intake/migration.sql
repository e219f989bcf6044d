-- Intake: the lead's raw snapshot and mapping errors, and the decision as the write-back outbox.
ALTER TABLE "lead" ADD COLUMN "object_type" TEXT;
ALTER TABLE "lead" ADD COLUMN "raw" JSONB;
ALTER TABLE "lead" ADD COLUMN "errors" JSONB;

-- The decision row is the outbox: written in the routing transaction with `pending`, so a decision
-- and its write-back can never be recorded apart. The write-back job moves it to done, skipped
-- (no CRM owner to write), conflict (the CRM owner changed meanwhile) or failed (with the reason).
ALTER TABLE "routing_decision" ADD COLUMN "writeback_status" TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE "routing_decision" ADD COLUMN "writeback_attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "routing_decision" ADD COLUMN "writeback_error" TEXT;
ALTER TABLE "routing_decision" ADD COLUMN "written_back_at" TIMESTAMPTZ(3);
CREATE INDEX "routing_decision_writeback_pending_idx" ON "routing_decision"("created_at") WHERE "writeback_status" = 'pending';

-- A decision with no CRM owner to write (unrouted, excluded, a rep without an owner id on this
-- connection) has nothing in the outbox.
CREATE FUNCTION "routing_decision_outbox_state"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.crm_owner_id IS NULL THEN
    NEW.writeback_status := 'skipped';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "routing_decision_outbox_state" BEFORE INSERT ON "routing_decision"
  FOR EACH ROW EXECUTE FUNCTION "routing_decision_outbox_state"();
