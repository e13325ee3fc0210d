"use client";
// The sessions console's filters: a search box for e-mail addresses and which sessions
// to show (active, expired, all).
import { useId } from "react";
import { cn } from "@/components/ui/cn";
import { Input, inputClasses } from "@/components/ui/Input";
import type { SessionStatus } from "./useAdminSessions";

const STATUS_OPTIONS: { value: SessionStatus; label: string }[] = [
  { value: "active", label: "Active" },
  { value: "expired", label: "Expired" },
  { value: "all", label: "All" },
];

export type SessionFilterValues = { search: string; status: SessionStatus };

export function SessionFilters({
  filters,
  onChange,
}: {
  /** What the boxes show now; the console debounces the search itself. */
  filters: SessionFilterValues;
  onChange: (filters: SessionFilterValues) => void;
}) {
  const searchId = useId();
  const statusId = useId();
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
      <div className="flex-1 space-y-1">
        <label htmlFor={searchId} className="block text-sm font-medium">
          Search by e-mail
        </label>
        <Input
          id={searchId}
          type="search"
          value={filters.search}
          onChange={(event) => onChange({ ...filters, search: event.target.value })}
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
          value={filters.status}
          onChange={(event) =>
            onChange({ ...filters, status: event.target.value as SessionStatus })
          }
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
  );
}
