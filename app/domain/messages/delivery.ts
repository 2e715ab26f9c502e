/** An event's emails since the oldest still waiting: how many in all, delivered, and failed for good. */
export type EmailDelivery = { total: number; delivered: number; failed: number }
