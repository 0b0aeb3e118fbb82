-- Drizzle cannot emit FORCE: without it the table owner would bypass the policies.
ALTER TABLE "authorized_pickups" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "calendar_periods" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "school_years" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "absence_reports" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "activities" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "attendance" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "booking_openings" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "bookings" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "calendar_feeds" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "enrolments" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "occurrences" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "sites" FORCE ROW LEVEL SECURITY;
