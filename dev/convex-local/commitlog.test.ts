// The commit log's framing (length + CRC-32): whole records read back, a torn or corrupted last
// record ends the log without being applied, and appends are on disk when `untilDurable` says so.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  CommitLog,
  decodeRecords,
  encodeRecord,
  listSegments,
  segmentFile,
  type CommitRecord,
} from "./commitlog";
import { applyRecords } from "./persistence";

const record = (n: number, extra: Partial<CommitRecord> = {}): CommitRecord => ({
  ts: String(1000 + n),
  put: [{ _id: `${10000 + n}messages`, _creationTime: n, body: `m${n}` }],
  del: [],
  nextDocId: 10001 + n,
  lastCreationTime: n,
  ...extra,
});

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("commit log records", () => {
  it("reads back whole records in order", () => {
    const buf = Buffer.concat([encodeRecord(record(1)), encodeRecord(record(2))]);
    const decoded = decodeRecords(buf);
    expect(decoded.torn).toBeNull();
    expect(decoded.validBytes).toBe(buf.length);
    expect(decoded.records).toEqual([record(1), record(2)]);
  });

  it("drops a record cut short anywhere, keeping the ones before it", () => {
    const first = encodeRecord(record(1));
    const second = encodeRecord(record(2));
    for (const cut of [1, 7, 8, 9, second.length - 1]) {
      const decoded = decodeRecords(Buffer.concat([first, second.subarray(0, cut)]));
      expect(decoded.records).toEqual([record(1)]);
      expect(decoded.validBytes).toBe(first.length);
      expect(decoded.torn).toMatch(/short (header|record)/);
    }
  });

  it("drops a record whose bytes changed (checksum), never applying part of it", () => {
    const first = encodeRecord(record(1));
    const second = encodeRecord(record(2, { del: ["10000messages"] }));
    // Same length, one payload byte different: still parseable JSON, wrong checksum.
    const at = second.indexOf("m2");
    second[at + 1] = "3".charCodeAt(0);
    const decoded = decodeRecords(Buffer.concat([first, second]));
    expect(decoded.records).toEqual([record(1)]);
    expect(decoded.torn).toMatch(/bad checksum/);
  });

  it("replays puts and deletes on top of a snapshot", () => {
    const snapshot = {
      version: 1 as const,
      documents: [{ _id: "10000messages", _creationTime: 0, body: "old" }],
      nextDocId: 10001,
      lastCreationTime: 0,
      lastCommitTs: "1000",
    };
    const out = applyRecords(snapshot, [
      record(1),
      {
        ts: "1002",
        put: [{ _id: "10001messages", _creationTime: 1, body: "edited" }],
        del: ["10000messages"],
        nextDocId: 10002,
        lastCreationTime: 1,
      },
    ]);
    expect(out.documents).toEqual([{ _id: "10001messages", _creationTime: 1, body: "edited" }]);
    expect(out).toMatchObject({
      nextDocId: 10002,
      lastCreationTime: 1,
      lastCommitTs: "1002",
    });
  });
});

describe("CommitLog", () => {
  it("has every appended record on disk once untilDurable resolves, in one segment per rotation", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "commitlog-"));
    dirs.push(dir);
    const log = new CommitLog(dir, 1);
    for (let i = 0; i < 20; i++) log.append(record(i));
    expect(log.inFlight).toBe(20);
    await log.untilDurable();
    expect(log.inFlight).toBe(0);
    expect(decodeRecords(readFileSync(segmentFile(dir, 1))).records).toHaveLength(20);

    log.rotate();
    log.append(record(20));
    await log.untilDurable();
    expect(listSegments(dir)).toEqual([1, 2]);
    expect(decodeRecords(readFileSync(segmentFile(dir, 2))).records).toEqual([record(20)]);
    await log.close();
  });
});
