// How an order is named for people, on every side: pages, e-mails and the audit log.

/** The short reference a person can quote (the end of the order id), e.g. "#A1B2C3". */
export function orderReference(orderId: string): string {
  return `#${orderId.slice(-6).toUpperCase()}`;
}
