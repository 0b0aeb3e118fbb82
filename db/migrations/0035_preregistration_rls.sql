-- Online pre-registration: the commune's document list, applications and their documents, under forced RLS.
ALTER TABLE "application_document_types" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "applications" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "application_documents" FORCE ROW LEVEL SECURITY;
