-- The login that runs the migrations (the one in DATABASE_URL; current_user while migrating) must
-- be able to SET ROLE to recre_app and recre_platform. A superuser always can. A non-superuser
-- login with CREATEROLE that created them (PostgreSQL 16+) only administers them, without the
-- right to switch to them: it grants itself that membership here. Anyone else must have been granted it by an administrator
-- (GRANT recre_app, recre_platform TO <login>), or the migration stops and says so.
DO $$
DECLARE
  can_switch boolean;
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    RETURN;
  END IF;
  IF current_setting('server_version_num')::int >= 160000 THEN
    can_switch := pg_has_role(current_user, 'recre_app', 'SET') AND pg_has_role(current_user, 'recre_platform', 'SET');
  ELSE
    can_switch := pg_has_role(current_user, 'recre_app', 'MEMBER') AND pg_has_role(current_user, 'recre_platform', 'MEMBER');
  END IF;
  IF can_switch THEN
    RETURN;
  END IF;
  BEGIN
    GRANT recre_app, recre_platform TO CURRENT_USER;
  EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
    RAISE EXCEPTION 'Le rôle % ne peut pas endosser recre_app et recre_platform : un administrateur doit exécuter GRANT recre_app, recre_platform TO %;', current_user, current_user;
  END;
END
$$;
