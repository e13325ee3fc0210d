// A fast cron so the local backend's cron runner can be tested.
import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();
crons.interval("tick", { seconds: 1 }, internal.messages.tick, {});
export default crons;
