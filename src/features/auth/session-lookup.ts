// Every request reads its session from the database, on every instance: nothing is cached, so a
// logout, a revoked session or a disabled user takes effect at the very next request. Requests
// that arrive together (read from their sockets in the same turn of the event loop, as they do
// under load) share one query for their sessions instead of one each. A query's cost is mostly
// the round trip (waking a PostgreSQL backend, the driver's work on both sides), not the index
// lookup, so one per turn instead of one per request is most of the lookup's cost saved.
import type { LiveSession } from './queries.ts';

/** Reads the live sessions among the hashes at the given time (findLiveSessions). */
export type FindSessions = (tokenHashes: readonly string[], now: Date) => Promise<ReadonlyMap<string, LiveSession>>;

interface Waiting {
  tokenHash: string;
  resolve(session: LiveSession | null): void;
  reject(error: unknown): void;
}

/** Sessions read by one query at most; a larger turn is split into several queries, run at once. */
const MAX_PER_QUERY = 256;

export class SessionLookup {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(
    private readonly findSessions: FindSessions,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The live session of the token hash, or null; read by a query that starts on the next turn. */
  find(tokenHash: string): Promise<LiveSession | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ tokenHash, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    this.scheduled = false;
    while (this.waiting.length > 0) void this.run(this.waiting.splice(0, MAX_PER_QUERY));
  }

  // Each query's time is taken when it starts, after every request in it arrived: a session
  // that expired in between is not live.
  private async run(batch: Waiting[]): Promise<void> {
    try {
      const found = await this.findSessions([...new Set(batch.map((w) => w.tokenHash))], this.clock());
      for (const w of batch) w.resolve(found.get(w.tokenHash) ?? null);
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}
