// A moment in time as a <time> element in the device's locale: relative ("5 minutes
// ago"), a date, or a date and time; the short forms carry the full one as a tooltip.
import { formatDate, formatDateTime, formatRelative } from "@/lib/dates";

type TimestampProps = { at: number; locale: string | undefined } & (
  { show: "relative"; now: number } | { show: "date" | "dateTime" }
);

export function Timestamp(props: TimestampProps) {
  const { at, locale } = props;
  const full = formatDateTime(at, locale);
  const text =
    props.show === "relative"
      ? formatRelative(at, props.now, locale)
      : props.show === "date"
        ? formatDate(at, locale)
        : full;
  return (
    <time
      dateTime={new Date(at).toISOString()}
      title={props.show === "dateTime" ? undefined : full}
    >
      {text}
    </time>
  );
}
