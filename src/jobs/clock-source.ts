// Where the server reads "now": the only module that reads the system's time (eslint.config.js
// forbids `new Date()` and `Date.now()` everywhere else in server code). Engine SQL binds this
// value instead of calling now(), so tests fast-forward time deterministically (graphile's
// useNodeTime, GoAlert's FastForward).
//
// The app (deps.clock, app.now) and the engine (EngineOptions.clock) are given their clock. Code
// deep below them that has no `now` passed in (an audit row's time, an updated_at) calls now():
// the clock of the request or engine cycle it runs in, carried by withClock through async calls,
// so a test or the simulated year that moves its clock moves every timestamp the server writes.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const current = new AsyncLocalStorage<Clock>();

/** Runs `work` (a request, an engine cycle) with `clock` as the time of everything it calls. */
export function withClock<T>(clock: Clock, work: () => T): T {
  return current.run(clock, work);
}

/** Now, on the clock of the request or engine cycle this runs in; the system's outside any. */
export function now(): Date {
  return (current.getStore() ?? systemClock).now();
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = new Date(at);
  }
  advance(ms: number): Date {
    this.current = new Date(this.current.getTime() + ms);
    return this.now();
  }
}
