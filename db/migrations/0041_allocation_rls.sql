-- Fair allocation (issue #15): rounds, applications, results and adjustments, under forced RLS.
ALTER TABLE "allocation_rounds" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "allocation_applications" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "allocation_results" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "allocation_adjustments" FORCE ROW LEVEL SECURITY;
