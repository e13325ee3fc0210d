// A bordered table that scrolls sideways on narrow screens, with a caption for screen
// readers and one header row; a column label can be hidden (e.g. "Actions" over buttons).
// The scrolling box is a named, focusable region, so keyboard users can scroll it too even
// when no cell holds a control (the audit log).
import { useId, type ReactNode } from "react";
import { cn } from "./cn";

export type DataTableColumn = { label: string; hidden?: boolean };

export function DataTable({
  caption,
  columns,
  className,
  children,
  after,
}: {
  caption: ReactNode;
  columns: DataTableColumn[];
  /** On the <table>, e.g. a min-width so columns do not squeeze. */
  className?: string;
  /** The body rows. */
  children: ReactNode;
  /** Inside the border, under the table (an empty or loading line). */
  after?: ReactNode;
}) {
  const captionId = useId();
  return (
    <div
      role="region"
      aria-labelledby={captionId}
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-border"
    >
      <table className={cn("w-full text-left text-sm", className)}>
        <caption id={captionId} className="sr-only">
          {caption}
        </caption>
        <thead className="bg-muted text-xs uppercase tracking-wide text-muted-foreground">
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className="px-3 py-2">
                {column.hidden ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-border">{children}</tbody>
      </table>
      {after}
    </div>
  );
}
