ALTER TABLE "allocation_rounds" ADD COLUMN "activity_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
-- Existing rounds cover their one activity (choices without an activityId name it).
UPDATE "allocation_rounds" SET "activity_ids" = ARRAY["activity_id"] WHERE cardinality("activity_ids") = 0;
