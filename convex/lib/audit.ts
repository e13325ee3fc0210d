// The audit log: one entry per thing done that someone may need to account for later.
// E-mails are read when the entry is written and stored with it.
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";

type Entry = Pick<
  Doc<"auditLog">,
  "action" | "targetDescription" | "targetUserId" | "targetSessionId" | "storeId" | "reason"
> & { actor: { userId: Id<"users">; sessionId: Id<"sessions"> } };

/** Lower-cased, so the console can find an actor's entries by exact e-mail. */
async function emailOf(ctx: Pick<MutationCtx, "db">, userId: Id<"users"> | undefined) {
  if (userId === undefined) return undefined;
  return (await ctx.db.get(userId))?.email?.trim().toLowerCase() ?? null;
}

export async function recordAudit(ctx: Pick<MutationCtx, "db">, entry: Entry): Promise<void> {
  const { actor, reason, ...rest } = entry;
  const targetEmail = await emailOf(ctx, rest.targetUserId);
  await ctx.db.insert("auditLog", {
    ...rest,
    actorUserId: actor.userId,
    actorSessionId: actor.sessionId,
    actorEmail: (await emailOf(ctx, actor.userId)) ?? null,
    ...(targetEmail !== undefined ? { targetEmail } : {}),
    ...(reason ? { reason } : {}),
  });
}
