// The device-name field on the settings form; its hint says what the device shows as
// without a name.
import { Field } from "@/components/ui/Field";
import { DEVICE_LABEL_MAX } from "@/convex/shared/limits";

export function DeviceNameField({
  value,
  onChange,
  error,
  saved,
}: {
  value: string;
  onChange: (label: string) => void;
  error?: string;
  saved: { label: string | null; deviceName: string };
}) {
  const without =
    saved.label === null
      ? `Without a name this device shows as “${saved.deviceName}”.`
      : "Leave empty to show the browser and system instead.";
  return (
    <Field
      label="Device name"
      name="label"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      placeholder="e.g. Work laptop"
      autoComplete="off"
      hint={`Up to ${DEVICE_LABEL_MAX} characters, shown on your devices page and orders. ${without}`}
      error={error ?? null}
    />
  );
}
