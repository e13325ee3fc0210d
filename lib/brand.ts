// The product name shown in the UI and in e-mails: one place to change it.
export const BRAND_NAME = "Session Commerce";
