// The registration dashboard's vocabulary, shared by server and browser. Pure: no database here.
import type { RegistrationStatus } from './vetting.ts'

/** The statuses of people still in play for a seat: what the breakdowns count. */
export const statusesInPlay = ['APPROVED', 'PENDING', 'WAITLISTED'] as const satisfies readonly RegistrationStatus[]
export type StatusInPlay = (typeof statusesInPlay)[number]

/** One row of a breakdown (a country, an organisation kind): people in play by status. */
export type BreakdownRow = { key: string; label: string; counts: Record<StatusInPlay, number>; total: number }

/** The over-time chart shows at most this many days, the most recent ones. */
export const DASHBOARD_MAX_DAYS = 120
/** Breakdowns by country show this many countries by name and the rest as one row. */
export const DASHBOARD_TOP_COUNTRIES = 10
