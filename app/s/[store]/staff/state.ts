// Result of a staff form's server action: a message for the form, per-field messages,
// and what was typed (so a refused save does not wipe the form).
export type StaffFormState = {
  message: string | null;
  fields: Record<string, string>;
  values?: Record<string, string>;
};

export const initialStaffFormState: StaffFormState = { message: null, fields: {} };
