// Form fields drawn from a list of specs, so a long form is data plus one renderer. A
// pair in an array shares a row from `sm` up. Values and errors are keyed by input name
// (a server action's last answer), so a refused submit keeps what was typed.
import { Field, type FieldProps } from "./Field";

export type FieldSpec = Omit<FieldProps, "name" | "defaultValue" | "error"> & { name: string };
export type FieldRow = FieldSpec | readonly [FieldSpec, FieldSpec];

export function FieldList({
  rows,
  values,
  errors,
}: {
  rows: readonly FieldRow[];
  values: Record<string, string | undefined>;
  errors: Record<string, string | undefined>;
}) {
  const field = (spec: FieldSpec) => (
    <Field
      key={spec.name}
      {...spec}
      defaultValue={values[spec.name]}
      error={errors[spec.name] ?? null}
    />
  );
  return rows.map((row) =>
    "name" in row ? (
      field(row)
    ) : (
      <div key={row[0].name} className="grid gap-3 sm:grid-cols-2">
        {row.map(field)}
      </div>
    ),
  );
}
