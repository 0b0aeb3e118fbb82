-- Drizzle cannot emit FORCE: without it the table owner would bypass the policies.
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "households" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "guardians" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "children" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Tenant code may queue e-mails in its own transaction but never read anyone's mail.
REVOKE SELECT, UPDATE, DELETE ON "email_outbox" FROM recre_app;
--> statement-breakpoint
-- Credentials and one-time tokens belong to the platform path only.
REVOKE ALL ON "auth_tokens", "sign_in_failures", "verification_tokens", "accounts" FROM recre_app;
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE ON "tenants", "users" FROM recre_app;
--> statement-breakpoint
-- Staff lists show names and e-mails; password hashes stay out of the tenant role's reach.
REVOKE SELECT ON "users" FROM recre_app;
--> statement-breakpoint
GRANT SELECT ("id", "name", "email") ON "users" TO recre_app;
