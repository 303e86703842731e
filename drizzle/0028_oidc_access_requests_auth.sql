-- A first login through the identity provider whose role needs four eyes files an access request
-- in the person's own name (src/features/auth/request-access-from-idp.ts), inside the login's
-- envagin_auth transaction. That role may add such a request and read back only those: asked by
-- no one but a login (requested_by null) and naming an identity-provider account; never decide
-- one (no UPDATE), never see the ones an administrator asked for.
GRANT SELECT, INSERT ON access_requests TO envagin_auth;--> statement-breakpoint
DROP POLICY IF EXISTS access_requests_from_idp ON access_requests;--> statement-breakpoint
CREATE POLICY access_requests_from_idp ON access_requests TO envagin_auth
  USING (requested_by IS NULL AND oidc_subject IS NOT NULL)
  WITH CHECK (requested_by IS NULL AND oidc_subject IS NOT NULL AND status = 'pending' AND decided_by IS NULL);
