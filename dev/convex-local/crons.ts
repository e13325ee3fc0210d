// Runs the jobs of `convex/crons.ts` (convex-test does not): interval, hourly, daily, weekly and
// monthly schedules in UTC. Raw cron expressions are reported as unsupported. Rebuilt on reload.
import type { Engine } from "./engine";
import type { Logger } from "./log";

type Schedule =
  | { type: "interval"; seconds?: number; minutes?: number; hours?: number }
  | { type: "hourly"; minuteUTC: number }
  | { type: "daily"; hourUTC: number; minuteUTC: number }
  | { type: "weekly"; dayOfWeek: string; hourUTC: number; minuteUTC: number }
  | { type: "monthly"; day: number; hourUTC: number; minuteUTC: number }
  | { type: "cron"; cron: string };

type CronSpec = { name: string; args: unknown[]; schedule: Schedule };

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Next run time (ms since epoch) strictly after `now`, or null if unsupported. */
export function nextRun(schedule: Schedule, now: number, lastRun: number | null): number | null {
  switch (schedule.type) {
    case "interval": {
      const ms =
        ((schedule.seconds ?? 0) + (schedule.minutes ?? 0) * 60 + (schedule.hours ?? 0) * 3600) *
        1000;
      return ms > 0 ? (lastRun ?? now) + ms : null;
    }
    case "hourly": {
      const d = new Date(now);
      d.setUTCMinutes(schedule.minuteUTC, 0, 0);
      if (d.getTime() <= now) d.setUTCHours(d.getUTCHours() + 1);
      return d.getTime();
    }
    case "daily": {
      const d = new Date(now);
      d.setUTCHours(schedule.hourUTC, schedule.minuteUTC, 0, 0);
      if (d.getTime() <= now) d.setUTCDate(d.getUTCDate() + 1);
      return d.getTime();
    }
    case "weekly": {
      const d = new Date(now);
      d.setUTCHours(schedule.hourUTC, schedule.minuteUTC, 0, 0);
      const target = DAYS.indexOf(schedule.dayOfWeek.toLowerCase());
      if (target < 0) return null;
      d.setUTCDate(d.getUTCDate() + ((target - d.getUTCDay() + 7) % 7));
      if (d.getTime() <= now) d.setUTCDate(d.getUTCDate() + 7);
      return d.getTime();
    }
    case "monthly": {
      const d = new Date(now);
      d.setUTCDate(schedule.day);
      d.setUTCHours(schedule.hourUTC, schedule.minuteUTC, 0, 0);
      if (d.getTime() <= now) {
        d.setUTCMonth(d.getUTCMonth() + 1, schedule.day);
      }
      return d.getTime();
    }
    default:
      return null;
  }
}

export class CronRunner {
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly log: Logger,
  ) {}

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
  }

  async load(): Promise<number> {
    this.stop();
    const mod = await this.engine.importModule("crons");
    const crons = mod?.default as { export?: () => string } | undefined;
    if (!crons || typeof crons.export !== "function") return 0;
    const specs = JSON.parse(crons.export()) as Record<string, CronSpec>;
    let count = 0;
    for (const [id, spec] of Object.entries(specs)) {
      if (nextRun(spec.schedule, Date.now(), null) === null) {
        this.log.error(
          `cron "${id}": schedule ${JSON.stringify(spec.schedule)} is not supported locally`,
        );
        continue;
      }
      this.arm(id, spec, null);
      count += 1;
    }
    return count;
  }

  private arm(id: string, spec: CronSpec, lastRun: number | null): void {
    const due = nextRun(spec.schedule, Date.now(), lastRun);
    if (due === null) return;
    const delay = Math.max(0, due - Date.now());
    const timer = setTimeout(
      () => {
        this.timers = this.timers.filter((t) => t !== timer);
        if (delay > MAX_TIMER_MS) return this.arm(id, spec, lastRun);
        void this.runJob(id, spec).finally(() => this.arm(id, spec, due));
      },
      Math.min(delay, MAX_TIMER_MS),
    );
    timer.unref();
    this.timers.push(timer);
  }

  private async runJob(id: string, spec: CronSpec): Promise<void> {
    const started = performance.now();
    try {
      const { udfPath, kind } = await this.engine.resolve(spec.name, "any", false);
      if (kind === "query") throw new Error("crons must be mutations or actions");
      await this.engine.run(kind, udfPath, (spec.args[0] ?? {}) as never, null);
      this.log.call(kind, `${udfPath} (cron "${id}")`, true, performance.now() - started);
    } catch (e) {
      this.log.call(
        "mutation",
        `${spec.name} (cron "${id}")`,
        false,
        performance.now() - started,
        String(e),
      );
    }
  }
}
