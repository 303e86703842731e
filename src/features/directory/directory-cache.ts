// A warm, per-process copy of the directory. Each use costs one tiny query (the revision
// counter); the snapshot is rebuilt only when another transaction, on any instance, changed
// the directory. Routing therefore never works from a stale phone number.
import { eq } from 'drizzle-orm';
import { directoryRevision } from '../../db/schema.ts';
import type { DbOrTx } from '../../db/types.ts';
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import { loadDirectory } from './load-directory.ts';

export async function currentRevision(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ revision: directoryRevision.revision }).from(directoryRevision).where(eq(directoryRevision.id, 1));
  return row?.revision ?? 0;
}

export class DirectoryCache {
  private snapshot: DirectorySnapshot | null = null;
  private revision = -1;
  private loading: Promise<DirectorySnapshot> | null = null;

  async get(db: DbOrTx): Promise<DirectorySnapshot> {
    return this.at(db, await currentRevision(db));
  }

  /** The snapshot of a revision the caller has read (e.g. in a statement of its own transaction). */
  async at(db: DbOrTx, revision: number): Promise<DirectorySnapshot> {
    if (this.snapshot && revision === this.revision) return this.snapshot;
    // Concurrent requests share one reload instead of each reading every table.
    this.loading ??= loadDirectory(db).then(
      (snapshot) => {
        this.snapshot = snapshot;
        this.revision = revision;
        this.loading = null;
        return snapshot;
      },
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }
}
