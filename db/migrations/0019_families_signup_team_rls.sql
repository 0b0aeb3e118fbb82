-- Drizzle cannot emit FORCE: without it the table owner would bypass the policy.
ALTER TABLE "membership_sites" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Pending sign-ups hold password hashes and one-time tokens: the platform path only.
REVOKE ALL ON "signup_requests" FROM recre_app;
