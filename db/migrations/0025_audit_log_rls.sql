-- The audit log is append-only for the tenant role: it can read and add, never rewrite its history.
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
REVOKE UPDATE, DELETE ON "audit_events" FROM recre_app;
