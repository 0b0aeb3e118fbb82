-- Signed-out sessions are the platform path's business only, like one-time tokens.
REVOKE ALL ON "revoked_sessions" FROM recre_app;
