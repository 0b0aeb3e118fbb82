-- The plaintext allergies, the photos and the certificates that earlier versions kept in table rows
-- were sealed / moved into storage by start-up steps (legacy-health.ts, legacy-uploads.ts, removed
-- with this migration). A database that still holds any of them has not been started once by the
-- version that moves them: stop here rather than lose a family's data.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM "children" WHERE "allergies" IS NOT NULL AND "health" IS NULL)
     OR EXISTS (SELECT 1 FROM "children" WHERE "photo" IS NOT NULL AND "photo_file_id" IS NULL)
     OR EXISTS (SELECT 1 FROM "absence_reports" WHERE "certificate_base64" IS NOT NULL AND "certificate_file_id" IS NULL) THEN
    RAISE EXCEPTION 'Des données anciennes (allergies en clair, photos ou certificats en base64) n''ont pas encore été déplacées : démarrez une fois la version précédente de Récré, puis celle-ci.';
  END IF;
END $$;--> statement-breakpoint
ALTER TABLE "children" DROP COLUMN "allergies";--> statement-breakpoint
ALTER TABLE "children" DROP COLUMN "photo";--> statement-breakpoint
ALTER TABLE "absence_reports" DROP COLUMN "certificate_base64";
