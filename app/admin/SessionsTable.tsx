"use client";
// The sessions console's table: one row per session with its user, device, IP, times,
// status and a Revoke button; an empty or loading line under it.
import { DeviceIcon } from "@/components/devices/DeviceIcon";
import { DEVICE_TYPE_NAMES, deviceName } from "@/convex/shared/devices";
import { signInMethodLabel } from "@/convex/shared/signIn";
import { Timestamp } from "@/components/Timestamp";
import { Button } from "@/components/ui/Button";
import { cn } from "@/components/ui/cn";
import { DataTable } from "@/components/ui/DataTable";
import { Spinner } from "@/components/ui/Spinner";
import type { AdminSession, SessionStatus } from "./useAdminSessions";

const COLUMNS = [
  { label: "User" },
  { label: "Device" },
  { label: "IP address" },
  { label: "Signed in" },
  { label: "Last active" },
  { label: "Status" },
  { label: "Actions", hidden: true },
];

function emptyText(status: SessionStatus, search: string): string {
  const which = status === "all" ? "" : `${status} `;
  return search ? `No ${which}sessions for “${search}”.` : `No ${which}sessions.`;
}

export function SessionsTable({
  sessions,
  status,
  search,
  loading,
  locale,
  now,
  onRevoke,
}: {
  sessions: AdminSession[];
  status: SessionStatus;
  /** The search the rows answer (for the caption and the empty line). */
  search: string;
  loading: boolean;
  locale: string | undefined;
  now: number;
  onRevoke: (session: AdminSession) => void;
}) {
  return (
    <DataTable
      className="min-w-[56rem]"
      caption={`Sessions of all users${search ? ` matching “${search}”` : ""}, ${status}`}
      columns={COLUMNS}
      after={
        <>
          {!loading && sessions.length === 0 ? (
            <p className="px-3 py-6 text-center text-sm text-muted-foreground">
              {emptyText(status, search)}
            </p>
          ) : null}
          {loading ? (
            <div className="flex justify-center px-3 py-6">
              <Spinner label="Loading sessions" />
            </div>
          ) : null}
        </>
      }
    >
      {sessions.map((session) => (
        <SessionRow
          key={session.sessionId}
          session={session}
          locale={locale}
          now={now}
          onRevoke={onRevoke}
        />
      ))}
    </DataTable>
  );
}

function SessionRow({
  session,
  locale,
  now,
  onRevoke,
}: {
  session: AdminSession;
  locale: string | undefined;
  now: number;
  onRevoke: (session: AdminSession) => void;
}) {
  const active = session.status === "active";
  return (
    <tr>
      <td className="px-3 py-2">
        <div className="font-medium">{session.email ?? "No e-mail"}</div>
        {session.name ? <div className="text-muted-foreground">{session.name}</div> : null}
      </td>
      <td className="px-3 py-2">
        <div className="flex items-center gap-2">
          <DeviceIcon kind={session.deviceType} className="size-5 text-muted-foreground" />
          <span className="sr-only">{DEVICE_TYPE_NAMES[session.deviceType ?? "unknown"]}:</span>
          <span>{deviceName(session)}</span>
        </div>
        <div className="text-muted-foreground">{signInMethodLabel(session.signInMethod)}</div>
      </td>
      <td className="px-3 py-2 font-mono text-xs">{session.ip ?? "Unknown"}</td>
      <td className="px-3 py-2">
        <Timestamp at={session.createdAt} locale={locale} show="dateTime" />
      </td>
      <td className="px-3 py-2">
        <Timestamp at={session.lastSeenAt} locale={locale} show="relative" now={now} />
      </td>
      <td className="px-3 py-2">
        <span
          className={cn(
            "rounded-full px-2 py-0.5 text-xs font-medium",
            active ? "bg-success/15" : "bg-muted text-muted-foreground",
          )}
        >
          {active ? "Active" : "Expired"}
        </span>
        {session.isCurrent ? (
          <span className="mt-1 block text-xs whitespace-nowrap text-muted-foreground">
            Your session
          </span>
        ) : null}
      </td>
      <td className="px-3 py-2 text-right">
        <Button variant="danger" size="sm" onClick={() => onRevoke(session)}>
          Revoke
          <span className="sr-only">
            {" "}
            {deviceName(session)} of {session.email ?? "this user"}
          </span>
        </Button>
      </td>
    </tr>
  );
}
