// A lint rule of envagin's own for `npm run lint:api` (see redocly.yaml for why it exists).
//
// client-error-where-a-client-can-err: the recommended operation-4xx-response, less the one case
// where it asks for something untrue. An operation that takes no parameters, no body and no
// session (liveness, readiness, the login page's system info) has no client error to answer:
// any request to its path gets its 2XX. Every other operation must document a 4XX.
function ClientErrorWhereAClientCanErr() {
  return {
    PathItem: {
      Operation(operation, { report, location }, parents) {
        const pathParameters = parents.PathItem?.parameters ?? [];
        const takesInput = pathParameters.length > 0 || (operation.parameters ?? []).length > 0 || operation.requestBody !== undefined;
        // No `security` of its own means the document's global security, which needs a session.
        const needsSession = operation.security === undefined || operation.security.some((requirement) => Object.keys(requirement).length > 0);
        if (!takesInput && !needsSession) return;
        const codes = Object.keys(operation.responses ?? {});
        if (!codes.some((code) => /^4(\d\d|XX)$/i.test(code))) {
          report({ message: 'An operation that takes input or a session must document at least one `4XX` response.', location: location.child('responses').key() });
        }
      },
    },
  };
}

export default function envaginRules() {
  return {
    id: 'envagin',
    rules: { oas3: { 'client-error-where-a-client-can-err': ClientErrorWhereAClientCanErr } },
  };
}
