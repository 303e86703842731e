// A warm, per-process copy of the directory. Each use costs one tiny query (the revision
// counter); the snapshot is rebuilt only when another transaction, on any instance, changed
// the directory. Routing therefore never works from a stale phone number.
//
// The rule that keeps it so: a caller who has read revision N gets a snapshot of revision N or
// newer, never older. Revisions only grow, and a load labelled N was started by a caller that had
// already read N, so what it reads is at least N. Loads may overlap (one caller read 1, another
// then read 2): each caller shares only a load labelled at least its own revision, and a load that
// finishes late never replaces a newer snapshot already cached.
import { eq } from 'drizzle-orm';
import { directoryRevision } from '../../db/schema.ts';
import { withSharedReaderTransaction } from '../../db/actor-transaction.ts';
import type { Db, DbOrTx } from '../../db/types.ts';
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import { loadDirectory } from './load-directory.ts';

/** A transaction has rollback(); the pool handle does not. */
function isPool(db: DbOrTx): db is Db {
  return !('rollback' in db);
}

export async function currentRevision(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ revision: directoryRevision.revision }).from(directoryRevision).where(eq(directoryRevision.id, 1));
  return row?.revision ?? 0;
}

interface Loaded {
  revision: number;
  snapshot: DirectorySnapshot;
}

interface Loading {
  revision: number;
  promise: Promise<DirectorySnapshot>;
}

export class DirectoryCache {
  private cached: Loaded | null = null;
  /** The newest load in flight; older ones still finish for the callers that started them. */
  private loading: Loading | null = null;

  /** `load` reads the directory through the caller's connection (tests pass one they control). */
  constructor(private readonly load: (db: DbOrTx) => Promise<DirectorySnapshot> = loadDirectory) {}

  /**
   * A snapshot of the current revision. Given the pool (not a transaction), the revision and any
   * reload are read as the reader's role without a reader (withSharedReaderTransaction): never as
   * the engine on a reader's behalf (issue 22).
   */
  async get(db: DbOrTx): Promise<DirectorySnapshot> {
    if (isPool(db)) return withSharedReaderTransaction(db, async (tx) => this.at(tx, await currentRevision(tx)));
    return this.at(db, await currentRevision(db));
  }

  /** A snapshot of at least the revision the caller has read (e.g. in a statement of its own transaction). */
  async at(db: DbOrTx, revision: number): Promise<DirectorySnapshot> {
    if (this.cached && this.cached.revision >= revision) return this.cached.snapshot;
    // Concurrent requests share one reload instead of each reading every table, but only a
    // reload of their revision or a newer one.
    if (this.loading && this.loading.revision >= revision) return this.loading.promise;
    const loading: Loading = {
      revision,
      promise: this.load(db).then((snapshot) => {
        if (!this.cached || this.cached.revision < revision) this.cached = { revision, snapshot };
        return snapshot;
      }),
    };
    this.loading = loading;
    const done = () => {
      if (this.loading === loading) this.loading = null;
    };
    loading.promise.then(done, done);
    return loading.promise;
  }
}
