// The local backend's append-only commit log: one record per committed transaction, written and
// fsync'd before anyone is told about the commit. Concurrent commits share one fsync (group
// commit). The log is split into numbered segments (`commits-000001.log`, ...) so a snapshot can
// be written in the background while new commits go to a fresh segment; persistence.ts owns the
// snapshot, replay and compaction.
//
// Record framing: u32 LE payload length, u32 LE CRC-32 of the payload, then the payload (UTF-8
// JSON of a CommitRecord). A record cut short by a crash, or whose checksum does not match, ends
// the log: it and anything after it are dropped, never half-applied.
import { existsSync, openSync, closeSync, fsyncSync, readdirSync, readFileSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { crc32 } from "node:zlib";
import type { JSONValue } from "convex/values";

export const RECORD_HEADER_BYTES = 8;
// A record larger than this is not something we wrote: treat the length as garbage.
const MAX_RECORD_BYTES = 512 * 1024 * 1024;

/** One committed transaction. */
export type CommitRecord = {
  /** Commit timestamp, nanoseconds as a decimal string. */
  ts: string;
  /** Documents written (inserted, patched, replaced), whole, as Convex JSON. */
  put: JSONValue[];
  /** Ids of deleted documents. */
  del: string[];
  /** The id counter and creation-time clock after the commit, so ids never repeat. */
  nextDocId: number;
  lastCreationTime: number;
};

export function encodeRecord(record: CommitRecord): Buffer {
  const payload = Buffer.from(JSON.stringify(record), "utf8");
  const header = Buffer.alloc(RECORD_HEADER_BYTES);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

export type DecodedLog = {
  records: CommitRecord[];
  /** Bytes of whole, valid records from the start of the buffer. */
  validBytes: number;
  /** Why the rest was dropped (null when the buffer ends exactly after a valid record). */
  torn: string | null;
};

export function decodeRecords(buf: Buffer): DecodedLog {
  const records: CommitRecord[] = [];
  let offset = 0;
  while (offset < buf.length) {
    const left = buf.length - offset;
    if (left < RECORD_HEADER_BYTES) {
      return {
        records,
        validBytes: offset,
        torn: `short header (${left} bytes) at byte ${offset}`,
      };
    }
    const length = buf.readUInt32LE(offset);
    const checksum = buf.readUInt32LE(offset + 4);
    if (length > MAX_RECORD_BYTES || length > left - RECORD_HEADER_BYTES) {
      return {
        records,
        validBytes: offset,
        torn: `short record at byte ${offset} (${left - RECORD_HEADER_BYTES} of ${length} bytes)`,
      };
    }
    const payload = buf.subarray(
      offset + RECORD_HEADER_BYTES,
      offset + RECORD_HEADER_BYTES + length,
    );
    if (crc32(payload) !== checksum) {
      return {
        records,
        validBytes: offset,
        torn: `bad checksum at byte ${offset}`,
      };
    }
    let record: CommitRecord;
    try {
      record = JSON.parse(payload.toString("utf8")) as CommitRecord;
    } catch {
      return {
        records,
        validBytes: offset,
        torn: `unreadable record at byte ${offset}`,
      };
    }
    records.push(record);
    offset += RECORD_HEADER_BYTES + length;
  }
  return { records, validBytes: offset, torn: null };
}

const SEGMENT_FILE = /^commits-(\d{6,})\.log$/;

export function segmentFile(dir: string, segment: number): string {
  return path.join(dir, `commits-${String(segment).padStart(6, "0")}.log`);
}

/** Segment numbers present in `dir`, ascending. */
export function listSegments(dir: string): number[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => SEGMENT_FILE.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export function readSegment(dir: string, segment: number): DecodedLog {
  return decodeRecords(readFileSync(segmentFile(dir, segment)));
}

/** Makes a directory entry (a created, renamed or removed file) durable. */
export function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

type Pending = { seq: number; segment: number; bytes: Buffer };
type Waiter = { seq: number; resolve: () => void; reject: (e: Error) => void };

/**
 * Appends records to the current segment. `append` is synchronous (it runs inside the commit
 * hook); the bytes are written and fsync'd by one flush at a time, each flush taking every
 * record appended while the previous one was in flight.
 */
export class CommitLog {
  private appended = 0;
  private durable = 0;
  private pending: Pending[] = [];
  private waiters: Waiter[] = [];
  private flushing: Promise<void> | null = null;
  private handle: { segment: number; fh: FileHandle } | null = null;
  private failure: Error | null = null;
  private bytesInSegment = 0;

  constructor(
    private readonly dir: string,
    private current: number,
  ) {}

  get segment(): number {
    return this.current;
  }

  /** Bytes appended to the current segment since it was started (by this process). */
  get segmentBytes(): number {
    return this.bytesInSegment;
  }

  /** Records appended but not yet known to be on disk. */
  get inFlight(): number {
    return this.appended - this.durable;
  }

  append(record: CommitRecord): number {
    const bytes = encodeRecord(record);
    this.appended += 1;
    this.bytesInSegment += bytes.length;
    this.pending.push({ seq: this.appended, segment: this.current, bytes });
    this.scheduleFlush();
    return this.appended;
  }

  /** Later appends go to a new segment; returns its number. */
  rotate(): number {
    this.current += 1;
    this.bytesInSegment = 0;
    return this.current;
  }

  /** Resolves once every record appended so far is on disk (rejects if the disk failed). */
  untilDurable(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = this.appended;
    if (seq <= this.durable) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = (async () => {
      // Let the commits of this turn of the event loop join the same write and fsync.
      await new Promise<void>((r) => setImmediate(r));
      while (this.pending.length > 0 && !this.failure) {
        const batch = this.pending;
        this.pending = [];
        try {
          await this.write(batch);
        } catch (e) {
          this.failure = new Error(
            `commit log write failed: ${e instanceof Error ? e.message : String(e)}`,
          );
          break;
        }
        this.durable = batch[batch.length - 1].seq;
        this.settle();
      }
      if (this.failure) this.settle();
    })().finally(() => {
      this.flushing = null;
      if (this.pending.length > 0 && !this.failure) this.scheduleFlush();
    });
  }

  private async write(batch: Pending[]): Promise<void> {
    let start = 0;
    while (start < batch.length) {
      const segment = batch[start].segment;
      let end = start;
      while (end < batch.length && batch[end].segment === segment) end += 1;
      const fh = await this.fileFor(segment);
      await fh.writev(batch.slice(start, end).map((p) => p.bytes));
      await fh.datasync();
      start = end;
    }
  }

  private async fileFor(segment: number): Promise<FileHandle> {
    if (this.handle?.segment === segment) return this.handle.fh;
    if (this.handle) await this.handle.fh.close();
    this.handle = null;
    const created = !existsSync(segmentFile(this.dir, segment));
    const fh = await open(segmentFile(this.dir, segment), "a");
    // A new file's directory entry must be durable too, or its records vanish with it.
    if (created) fsyncDirectory(this.dir);
    this.handle = { segment, fh };
    return fh;
  }

  private settle(): void {
    const open: Waiter[] = [];
    for (const w of this.waiters) {
      if (this.failure) w.reject(this.failure);
      else if (w.seq <= this.durable) w.resolve();
      else open.push(w);
    }
    this.waiters = open;
  }

  /** Waits for every appended record to be on disk, then closes the file. */
  async close(): Promise<void> {
    await this.untilDurable().catch(() => undefined);
    while (this.flushing) await this.flushing;
    if (this.handle) await this.handle.fh.close();
    this.handle = null;
  }
}
