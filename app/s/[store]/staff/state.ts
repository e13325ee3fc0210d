// Result of a staff form's server action: a message for the form and per-field messages.
export type StaffFormState = { message: string | null; fields: Record<string, string> };

export const initialStaffFormState: StaffFormState = { message: null, fields: {} };
