// One-time codes for the demo's privileged users in tests, computed from the published demo
// secret. The server accepts each code once and only a later step after it, so this remembers
// (per process) the last step it handed out for each user and offers the current step, then the
// next one; past that, a caller either waits for the clock or returns null.
import { DEMO_TOTP_SECRET } from '../features/directory/demo-people.ts';
import { TOTP_STEP_SECONDS, totpCode, totpStep } from '../features/auth/totp.ts';

const lastStep = new Map<string, number>();

/** A code the server has not yet seen for this user, or null if both open steps are used. */
export function freshDemoCode(username: string, now = new Date()): string | null {
  const key = username.toLowerCase();
  const current = totpStep(now);
  const step = Math.max(current, (lastStep.get(key) ?? Number.NEGATIVE_INFINITY) + 1);
  if (step > current + 1) return null;
  lastStep.set(key, step);
  return totpCode(DEMO_TOTP_SECRET, step);
}

/** Like freshDemoCode, waiting (at most one step, 30 s) for the clock when needed. */
export async function waitForFreshDemoCode(username: string): Promise<string> {
  for (;;) {
    const code = freshDemoCode(username);
    if (code) return code;
    const msToNextStep = TOTP_STEP_SECONDS * 1000 - (Date.now() % (TOTP_STEP_SECONDS * 1000)) + 50;
    await new Promise((resolve) => setTimeout(resolve, msToNextStep));
  }
}

/** The code of the current step, ignoring replay (for tests that exercise the refusal). */
export function currentDemoCode(now = new Date()): string {
  return totpCode(DEMO_TOTP_SECRET, totpStep(now));
}
