// Counters behind `/_local/status`: commits per second, subscription re-runs per commit, the
// slowest queries and full-table scans. One per backend process (each backend is its own
// process, see index.ts). Whoever re-runs a subscribed query calls `recordRerun()`.

const WINDOW_SECONDS = 10;
const SLOWEST_SHOWN = 10;
/** A query reading every document of a table larger than this is logged as a warning. */
export const FULL_SCAN_WARNING_DOCUMENTS = 1000;

type QueryTiming = { runs: number; totalMs: number; maxMs: number };

export type StatsReport = {
  commits: number;
  /** Commits per second over the last 10 seconds. */
  commitsPerSecond: number;
  reruns: number;
  /** Subscription re-runs per commit since start (0 before the first commit). */
  rerunsPerCommit: number;
  slowestQueries: {
    function: string;
    maxMs: number;
    meanMs: number;
    runs: number;
  }[];
  fullTableScans: {
    function: string;
    table: string;
    documents: number;
    times: number;
  }[];
};

export class BackendStats {
  private commits = 0;
  private reruns = 0;
  // Commits per whole second, the last WINDOW_SECONDS of them.
  private buckets = new Map<number, number>();
  private queries = new Map<string, QueryTiming>();
  private scans = new Map<
    string,
    { function: string; table: string; documents: number; times: number }
  >();

  constructor(private readonly now: () => number = Date.now) {}

  recordCommit(): void {
    this.commits += 1;
    const second = Math.floor(this.now() / 1000);
    this.buckets.set(second, (this.buckets.get(second) ?? 0) + 1);
    for (const s of this.buckets.keys()) if (s <= second - WINDOW_SECONDS) this.buckets.delete(s);
  }

  /** A subscribed query was run again because something was committed. */
  recordRerun(count = 1): void {
    this.reruns += count;
  }

  recordQuery(fn: string, ms: number): void {
    const t = this.queries.get(fn) ?? { runs: 0, totalMs: 0, maxMs: 0 };
    t.runs += 1;
    t.totalMs += ms;
    t.maxMs = Math.max(t.maxMs, ms);
    this.queries.set(fn, t);
  }

  /** Returns true the first time this function scans this table past the warning size. */
  recordFullTableScan(fn: string, table: string, documents: number): boolean {
    if (documents <= FULL_SCAN_WARNING_DOCUMENTS) return false;
    const key = `${fn}\u0000${table}`;
    const seen = this.scans.get(key);
    if (seen) {
      seen.times += 1;
      seen.documents = documents;
      return false;
    }
    this.scans.set(key, { function: fn, table, documents, times: 1 });
    return true;
  }

  report(): StatsReport {
    const second = Math.floor(this.now() / 1000);
    let recent = 0;
    for (const [s, n] of this.buckets) if (s > second - WINDOW_SECONDS) recent += n;
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      commits: this.commits,
      commitsPerSecond: round(recent / WINDOW_SECONDS),
      reruns: this.reruns,
      rerunsPerCommit: this.commits === 0 ? 0 : round(this.reruns / this.commits),
      slowestQueries: [...this.queries.entries()]
        .map(([fn, t]) => ({
          function: fn,
          maxMs: round(t.maxMs),
          meanMs: round(t.totalMs / t.runs),
          runs: t.runs,
        }))
        .sort((a, b) => b.maxMs - a.maxMs)
        .slice(0, SLOWEST_SHOWN),
      fullTableScans: [...this.scans.values()].sort((a, b) => b.documents - a.documents),
    };
  }
}

/** This process's backend counters. */
export const stats = new BackendStats();

/** A subscribed query was run again after a commit (sync.ts calls this). */
export function recordRerun(count = 1): void {
  stats.recordRerun(count);
}
