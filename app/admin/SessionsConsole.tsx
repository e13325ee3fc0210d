"use client";
// The admin console's session list: every session of every user from Convex
// (`admin.sessions`), searchable by e-mail (debounced), filtered by active / expired /
// all, paged with "Load more". Each loaded page is its own live subscription, so a
// revocation anywhere (here, by the user, by the expiry cron) shows up at once. Rows
// are merged by session id because live pages can shift under each other.
import { useMutation, useQueries } from "convex/react";
import type { FunctionArgs, FunctionReturnType } from "convex/server";
import { signOut } from "next-auth/react";
import { useId, useMemo, useState } from "react";
import { ConfirmDialog } from "@/components/ui/ConfirmDialog";
import { UserFacingError } from "@/components/ui/FormDialog";
import { DeviceIcon, deviceKindNames } from "@/components/devices/DeviceIcon";
import { formatDateTime, formatRelative } from "@/lib/dates";
import { deviceName } from "@/components/devices/names";
import { useDisplayLocale } from "@/components/hooks/useDisplayLocale";
import { useNow } from "@/components/hooks/useNow";
import { expectSignOut } from "@/components/SessionWatch";
import { Button } from "@/components/ui/Button";
import { Input, inputClasses } from "@/components/ui/Input";
import { Notice } from "@/components/ui/Notice";
import { Spinner } from "@/components/ui/Spinner";
import { cn } from "@/components/ui/cn";
import { api } from "@/convex/_generated/api";
import { appErrorData, ErrorCode } from "@/convex/errors";
import { z } from "zod";
import { useDebounced } from "./useDebounced";

type Status = FunctionArgs<typeof api.admin.sessions>["status"];
type Page = FunctionReturnType<typeof api.admin.sessions>;
type Row = Page["sessions"][number];

const PAGE_SIZE = 25;
const REASON_MAX = 500;

const STATUS_OPTIONS: { value: Status; label: string }[] = [
  { value: "active", label: "Active" },
  { value: "expired", label: "Expired" },
  { value: "all", label: "All" },
];

const reasonSchema = z
  .string()
  .trim()
  .max(REASON_MAX, {
    error: `Keep the reason under ${REASON_MAX} characters.`,
  });

function queryError(error: Error): string {
  const data = appErrorData(error);
  if (data?.code === ErrorCode.FORBIDDEN)
    return "Your account is no longer an admin.";
  if (data?.code === ErrorCode.UNAUTHENTICATED)
    return "This device is no longer signed in.";
  return (
    data?.message ??
    "The sessions could not be loaded. Reload the page to try again."
  );
}

export function SessionsConsole() {
  const [searchInput, setSearchInput] = useState("");
  const search = useDebounced(searchInput.trim(), 300);
  const [status, setStatus] = useState<Status>("active");
  // Cursors of the pages loaded so far, for this search and filter.
  const [cursors, setCursors] = useState<{
    key: string;
    list: (string | null)[];
  }>({
    key: "",
    list: [null],
  });
  const filterKey = `${status}|${search}`;
  // A new search or filter starts again from the first page.
  const pageCursors = useMemo(
    () => (cursors.key === filterKey ? cursors.list : [null]),
    [cursors, filterKey],
  );

  const requests = useMemo(
    () =>
      Object.fromEntries(
        pageCursors.map((cursor, index) => [
          String(index),
          {
            query: api.admin.sessions,
            args: {
              status,
              limit: PAGE_SIZE,
              ...(search ? { search } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        ]),
      ),
    [pageCursors, status, search],
  );
  const results = useQueries(requests) as Record<
    string,
    Page | Error | undefined
  >;
  const pages = pageCursors.map((_, index) => results[String(index)]);
  const error = pages.find((page): page is Error => page instanceof Error);
  const loaded = pages.filter(
    (page): page is Page => page !== undefined && !(page instanceof Error),
  );
  const loading = pages.some((page) => page === undefined);
  const last = pages[pages.length - 1];
  const nextCursor = last && !(last instanceof Error) ? last.nextCursor : null;

  const rows = useMemo(() => {
    const seen = new Set<string>();
    const merged: Row[] = [];
    for (const page of loaded) {
      for (const row of page.sessions) {
        if (seen.has(row.sessionId)) continue;
        seen.add(row.sessionId);
        merged.push(row);
      }
    }
    return merged;
  }, [loaded]);
  const truncated = loaded.some((page) => page.searchTruncated);

  const locale = useDisplayLocale();
  const now = useNow();
  const revokeSession = useMutation(api.admin.revokeSession);
  const [target, setTarget] = useState<Row | null>(null);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState("");
  const searchId = useId();
  const statusId = useId();
  const reasonId = useId();

  const loadMore = () => {
    if (!nextCursor) return;
    setCursors({ key: filterKey, list: [...pageCursors, nextCursor] });
  };

  return (
    <section aria-labelledby={`${searchId}-heading`} className="space-y-4">
      <h2 id={`${searchId}-heading`} className="text-xl font-semibold">
        Sessions
      </h2>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1 space-y-1">
          <label htmlFor={searchId} className="block text-sm font-medium">
            Search by e-mail
          </label>
          <Input
            id={searchId}
            type="search"
            value={searchInput}
            onChange={(event) => setSearchInput(event.target.value)}
            placeholder="name@example.com"
            autoComplete="off"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor={statusId} className="block text-sm font-medium">
            Show
          </label>
          <select
            id={statusId}
            value={status}
            onChange={(event) => setStatus(event.target.value as Status)}
            className={cn(inputClasses, "sm:w-40")}
          >
            {STATUS_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      </div>

      <p role="status" aria-live="polite" className="min-h-5 text-sm">
        {message}
      </p>

      {error ? <Notice tone="error">{queryError(error)}</Notice> : null}
      {truncated ? (
        <Notice tone="warning">
          Many accounts match this search; only the first 100 are shown. Type
          more of the address to narrow it down.
        </Notice>
      ) : null}

      <div className="overflow-x-auto rounded-lg border border-border">
        <table className="w-full min-w-[56rem] text-left text-sm">
          <caption className="sr-only">
            Sessions of all users{search ? ` matching “${search}”` : ""},{" "}
            {status}
          </caption>
          <thead className="bg-muted text-xs uppercase tracking-wide text-muted-foreground">
            <tr>
              <th scope="col" className="px-3 py-2">
                User
              </th>
              <th scope="col" className="px-3 py-2">
                Device
              </th>
              <th scope="col" className="px-3 py-2">
                IP address
              </th>
              <th scope="col" className="px-3 py-2">
                Signed in
              </th>
              <th scope="col" className="px-3 py-2">
                Last active
              </th>
              <th scope="col" className="px-3 py-2">
                Status
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {rows.map((row) => (
              <tr key={row.sessionId}>
                <td className="px-3 py-2">
                  <div className="font-medium">{row.email ?? "No e-mail"}</div>
                  {row.name ? (
                    <div className="text-muted-foreground">{row.name}</div>
                  ) : null}
                </td>
                <td className="px-3 py-2">
                  <div className="flex items-center gap-2">
                    <DeviceIcon
                      kind={row.deviceType}
                      className="size-5 text-muted-foreground"
                    />
                    <span className="sr-only">
                      {deviceKindNames[row.deviceType ?? "unknown"]}:
                    </span>
                    <span>{deviceName(row)}</span>
                  </div>
                </td>
                <td className="px-3 py-2 font-mono text-xs">
                  {row.ip ?? "Unknown"}
                </td>
                <td className="px-3 py-2">
                  <time dateTime={new Date(row.createdAt).toISOString()}>
                    {formatDateTime(row.createdAt, locale)}
                  </time>
                </td>
                <td className="px-3 py-2">
                  <time
                    dateTime={new Date(row.lastSeenAt).toISOString()}
                    title={formatDateTime(row.lastSeenAt, locale)}
                  >
                    {formatRelative(row.lastSeenAt, now, locale)}
                  </time>
                </td>
                <td className="px-3 py-2">
                  <span
                    className={cn(
                      "rounded-full px-2 py-0.5 text-xs font-medium",
                      row.status === "active"
                        ? "bg-success/15"
                        : "bg-muted text-muted-foreground",
                    )}
                  >
                    {row.status === "active" ? "Active" : "Expired"}
                  </span>
                  {row.isCurrent ? (
                    <span className="mt-1 block text-xs whitespace-nowrap text-muted-foreground">
                      Your session
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-2 text-right">
                  <Button
                    variant="danger"
                    size="sm"
                    onClick={() => {
                      setReason("");
                      setTarget(row);
                    }}
                  >
                    Revoke
                    <span className="sr-only">
                      {" "}
                      {deviceName(row)} of {row.email ?? "this user"}
                    </span>
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!loading && !error && rows.length === 0 ? (
          <p className="px-3 py-6 text-center text-sm text-muted-foreground">
            {search
              ? `No ${status === "all" ? "" : `${status} `}sessions for “${search}”.`
              : `No ${status === "all" ? "" : `${status} `}sessions.`}
          </p>
        ) : null}
        {loading ? (
          <div className="flex justify-center px-3 py-6">
            <Spinner label="Loading sessions" />
          </div>
        ) : null}
      </div>

      {nextCursor && !loading ? (
        <Button variant="secondary" onClick={loadMore}>
          Load more
        </Button>
      ) : null}

      <ConfirmDialog
        open={target !== null}
        onOpenChange={(open) => {
          if (!open) setTarget(null);
        }}
        title="Revoke this session?"
        description={
          target
            ? `${deviceName(target)} of ${target.email ?? "this user"} will be signed out at once, with that device's cart and settings.${target.isCurrent ? " This is your own session here: you will be signed out." : ""}`
            : ""
        }
        confirmLabel="Revoke session"
        onConfirm={async () => {
          if (!target) return;
          const parsed = reasonSchema.safeParse(reason);
          if (!parsed.success) {
            throw new UserFacingError(
              parsed.error.issues[0]?.message ?? "Check the reason.",
            );
          }
          const undo = target.isCurrent ? expectSignOut() : () => undefined;
          try {
            await revokeSession({
              sessionId: target.sessionId,
              ...(parsed.data ? { reason: parsed.data } : {}),
            });
          } catch (caught) {
            undo();
            // Ended meanwhile (by its user, another admin, or expiry): nothing left to do.
            if (appErrorData(caught)?.code !== ErrorCode.NOT_FOUND)
              throw caught;
          }
          if (target.isCurrent) {
            await signOut({ redirectTo: "/" });
            return;
          }
          setMessage(
            `Revoked ${deviceName(target)} of ${target.email ?? "this user"}.`,
          );
        }}
      >
        <div className="space-y-1">
          <label htmlFor={reasonId} className="block text-sm font-medium">
            Reason{" "}
            <span className="font-normal text-muted-foreground">
              (optional)
            </span>
          </label>
          <textarea
            id={reasonId}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            maxLength={REASON_MAX}
            rows={3}
            className={inputClasses}
            aria-describedby={`${reasonId}-hint`}
          />
          <p id={`${reasonId}-hint`} className="text-xs text-muted-foreground">
            Recorded in the audit log with your name and this session.
          </p>
        </div>
      </ConfirmDialog>
    </section>
  );
}
