-- Roles the application switches to inside transactions (SET LOCAL ROLE).
-- recre_app: every tenant query; subject to forced row-level security.
-- recre_platform: the explicit privileged path (operator console, cross-commune parent home).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'recre_app') THEN
    CREATE ROLE recre_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'recre_platform') THEN
    CREATE ROLE recre_platform NOLOGIN NOSUPERUSER BYPASSRLS;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO recre_app, recre_platform;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO recre_app, recre_platform;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO recre_app, recre_platform;
