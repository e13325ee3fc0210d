// Where the local backend's data lives on disk: a snapshot (`snapshot.json`) plus the commit log
// written after it (commitlog.ts). Start: load the snapshot, replay the log's records that came
// after it. Every commit: append a record (the engine holds results back until it is fsync'd).
// In the background: write a new snapshot (temp file, fsync, rename) while new commits go to a
// fresh log segment, then delete the segments the snapshot covers.
import {
  existsSync,
  ftruncateSync,
  fsyncSync,
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { open, rename } from "node:fs/promises";
import path from "node:path";
import { convexToJson, type JSONValue } from "convex/values";
import {
  CommitLog,
  fsyncDirectory,
  listSegments,
  readSegment,
  segmentFile,
  type CommitRecord,
} from "./commitlog";
import type { Engine, Snapshot } from "./engine";
import type { IdCounters } from "./internals";
import type { DocumentWrite } from "./readsets";
import type { Logger } from "./log";

/** The snapshot file: the engine's snapshot plus the first log segment it does not cover. */
export type SnapshotFile = Snapshot & { logSegment?: number };

/** A snapshot is written this long after the first commit it will cover (at most once a second)... */
const COMPACT_DELAY_MS = 1000;
/**
 * ...once the log since the last snapshot is at least this fraction of that snapshot's size:
 * writing a snapshot costs time in proportion to the whole database (it blocks the backend
 * while it is serialized), so a large database is compacted less often than a small one, and
 * replaying the log on start stays a fraction of loading the snapshot.
 */
const COMPACT_LOG_RATIO = 0.25;
/** ...or as soon as the current log segment grows past this. */
const COMPACT_SEGMENT_BYTES = 8 * 1024 * 1024;

export type Recovery = {
  loadedSnapshot: boolean;
  replayed: number;
  /** Why the log's tail was dropped, if it was. */
  droppedTail: string | null;
};

/** Applies commit records to a snapshot (pure; used on start). */
export function applyRecords(snapshot: Snapshot, records: CommitRecord[]): Snapshot {
  const docs = new Map<string, JSONValue>();
  for (const d of snapshot.documents) docs.set((d as { _id: string })._id, d);
  let { nextDocId, lastCreationTime, lastCommitTs } = snapshot;
  for (const r of records) {
    for (const d of r.put) docs.set((d as { _id: string })._id, d);
    for (const id of r.del) docs.delete(id);
    nextDocId = Math.max(nextDocId, r.nextDocId);
    lastCreationTime = Math.max(lastCreationTime, r.lastCreationTime);
    lastCommitTs = r.ts;
  }
  return {
    version: 1,
    documents: [...docs.values()],
    nextDocId,
    lastCreationTime,
    lastCommitTs,
  };
}

export class Persistence {
  readonly snapshotFile: string;
  private log: CommitLog | null = null;
  private compacting: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Size of the snapshot file last written or loaded. */
  private snapshotBytes = 0;

  constructor(
    readonly dir: string,
    private readonly engine: Engine,
    private readonly logger: Logger,
  ) {
    mkdirSync(dir, { recursive: true });
    this.snapshotFile = path.join(dir, "snapshot.json");
  }

  /** Forgets all data (`--reset`). */
  reset(): void {
    rmSync(this.snapshotFile, { force: true });
    for (const s of listSegments(this.dir)) rmSync(segmentFile(this.dir, s), { force: true });
    this.log = new CommitLog(this.dir, 1);
  }

  /** Loads the snapshot and replays the commits logged after it into the engine. */
  recover(): Recovery {
    const text = existsSync(this.snapshotFile) ? readFileSync(this.snapshotFile, "utf8") : null;
    const snapshot = text === null ? null : (JSON.parse(text) as SnapshotFile);
    this.snapshotBytes = text?.length ?? 0;
    const firstSegment = snapshot?.logSegment ?? 0;
    const coveredTs = BigInt(snapshot?.lastCommitTs ?? "0");
    const records: CommitRecord[] = [];
    let droppedTail: string | null = null;
    const segments = listSegments(this.dir).filter((s) => s >= firstSegment);
    for (const [i, segment] of segments.entries()) {
      const decoded = readSegment(this.dir, segment);
      // Records the snapshot already holds (written while it was being taken) are skipped.
      records.push(...decoded.records.filter((r) => BigInt(r.ts) > coveredTs));
      if (decoded.torn === null) continue;
      const file = path.basename(segmentFile(this.dir, segment));
      droppedTail = `${file}: ${decoded.torn}`;
      this.logger.error(
        `⚠ commit log: dropped a torn record at the end of ${file} (${decoded.torn}); a crash cut it short before it was acknowledged`,
      );
      // Cut the file back to its last whole record so later segments can follow it, and drop
      // any later segment (nothing there can have been acknowledged after a torn write).
      const fd = openSync(segmentFile(this.dir, segment), "r+");
      try {
        ftruncateSync(fd, decoded.validBytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      for (const later of segments.slice(i + 1)) rmSync(segmentFile(this.dir, later));
      break;
    }
    if (snapshot !== null || records.length > 0) {
      const base: Snapshot = snapshot ?? {
        version: 1,
        documents: [],
        nextDocId: 10000,
        lastCreationTime: 0,
        lastCommitTs: "0",
      };
      this.engine.importSnapshot(applyRecords(base, records));
    }
    const last = listSegments(this.dir).at(-1) ?? 0;
    this.log = new CommitLog(this.dir, Math.max(last, firstSegment) + 1);
    return {
      loadedSnapshot: snapshot !== null,
      replayed: records.length,
      droppedTail,
    };
  }

  /** The commit hook: logs what a transaction wrote (synchronously queued, fsync'd soon). */
  record(commitTs: bigint, writes: DocumentWrite[], counters: IdCounters): void {
    if (!this.log || writes.length === 0) return;
    this.log.append({
      ts: commitTs.toString(),
      put: writes.flatMap((w) => (w.newDoc ? [convexToJson(w.newDoc)] : [])),
      del: writes.filter((w) => w.newDoc === null).map((w) => w.id),
      nextDocId: counters.nextDocId,
      lastCreationTime: counters.lastCreationTime,
    });
    const logged = this.log.segmentBytes;
    if (logged > COMPACT_SEGMENT_BYTES) void this.compact();
    else if (this.timer === null && logged >= this.snapshotBytes * COMPACT_LOG_RATIO) {
      this.scheduleCompaction();
    }
  }

  private scheduleCompaction(): void {
    this.timer = setTimeout(() => void this.compact(), COMPACT_DELAY_MS);
    this.timer.unref();
  }

  /** Resolves once every commit so far is on disk. */
  untilDurable(): Promise<void> {
    return this.log ? this.log.untilDurable() : Promise.resolve();
  }

  /** Writes a snapshot of everything committed so far and deletes the log it replaces. */
  compact(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.compacting) {
      // Commits logged while a snapshot is being written get the next one.
      this.scheduleCompaction();
      return this.compacting;
    }
    const log = this.log;
    if (!log) return Promise.resolve();
    // Same turn of the event loop: the snapshot holds exactly the commits logged before the
    // new segment starts.
    const nextSegment = log.rotate();
    const snapshot: SnapshotFile = {
      ...this.engine.exportSnapshot(),
      logSegment: nextSegment,
    };
    const text = JSON.stringify(snapshot);
    this.snapshotBytes = text.length;
    this.compacting = (async () => {
      const tmp = `${this.snapshotFile}.${process.pid}.tmp`;
      const fh = await open(tmp, "w");
      try {
        await fh.writeFile(text);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, this.snapshotFile);
      fsyncDirectory(this.dir);
      for (const s of listSegments(this.dir)) {
        if (s < nextSegment) rmSync(segmentFile(this.dir, s), { force: true });
      }
      fsyncDirectory(this.dir);
    })()
      .catch((e: unknown) => this.logger.error(`snapshot write failed: ${String(e)}`))
      .finally(() => {
        this.compacting = null;
      });
    return this.compacting;
  }

  /** Flushes the log and leaves everything in the snapshot (graceful stop). */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.compacting) await this.compacting;
    await this.log?.untilDurable().catch(() => undefined);
    await this.compact();
    await this.log?.close();
    this.log = null;
  }
}
