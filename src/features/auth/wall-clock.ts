// Sessions and one-time codes run on the real time of the world, not on the application's
// injected clock (app.now()): a TOTP code is computed by the user's authenticator from the real
// time, and a cookie's expiry is read by a real browser. Tests stand cases at fixed or
// fast-forwarded moments through app.now(); logins in those tests must still work. This is the
// one place auth reads the wall clock. (The login throttle and rate limit count on app.now().)
import { systemClock } from '../../jobs/clock-source.ts';

export function wallClock(): Date {
  return systemClock.now();
}
