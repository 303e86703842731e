// Account lockout, as pure rules: after MAX_FAILED_ATTEMPTS consecutive failures (wrong
// password or wrong one-time code) the account is locked for LOCK_MINUTES. A lock that has run
// out starts a fresh count, so one more mistake after it does not lock again at once.
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MINUTES = 15;

export interface LockState {
  failedLoginCount: number;
  lockedUntil: Date | null;
}

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

export function afterFailure(state: LockState, now: Date): LockState & { justLocked: boolean } {
  const lockExpired = state.lockedUntil !== null && !isLocked(state, now);
  const failedLoginCount = (lockExpired ? 0 : state.failedLoginCount) + 1;
  if (failedLoginCount >= MAX_FAILED_ATTEMPTS) {
    return { failedLoginCount, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000), justLocked: true };
  }
  return { failedLoginCount, lockedUntil: lockExpired ? null : state.lockedUntil, justLocked: false };
}
