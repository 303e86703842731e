// Browser and CLI tests log in as the demo's privileged users (admin, hubchef, revisor), whose
// second step asks for a one-time code: these compute it from the published demo secret.
export { currentDemoCode, freshDemoCode, waitForFreshDemoCode } from '../../src/test/totp.ts';
