// The id of a row as forms and query strings carry it (a select's value, a hidden field). Ids are
// cuids or, for the demo's catalogue, readable slugs of up to ~60 characters: the bound leaves
// room for both and still keeps hostile input short.
import { z } from 'zod'

export const RECORD_ID_MAX_LENGTH = 100

export const recordIdSchema = z.string().min(1).max(RECORD_ID_MAX_LENGTH)
