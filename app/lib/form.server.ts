// The one way an action reads a form. It refuses hostile shapes before any parsing: bodies
// over a byte limit, more entries than a bound, names the form's Zod schema does not know,
// list indexes beyond the schema's own maximum, control characters and form-library intents
// the app does not use. Only then does Conform build the value (whose parser would turn
// `x[100000000]` into a sparse array, and concatenate a repeated field quadratically).
import { parseWithZod } from '@conform-to/zod/v4'
import { data } from 'react-router'
import type { z } from 'zod'
import { logSecurityEvent } from './log.server.ts'

export const FORM_LIMITS = {
  /** Bytes of an urlencoded body: the longest form (an agenda session with a 4,000-character abstract) is ~20 kB. */
  bytes: 128 * 1024,
  /** Name=value pairs: the longest form (a matchmaking profile) sends under 150. */
  entries: 600,
  /** Elements of a list whose schema states no maximum. */
  listLength: 100,
} as const

const CONFORM_INTENT = '__intent__'
/** The intents of Conform's list buttons (the profile's "Add a post" works without JavaScript). */
const LIST_INTENTS = new Set(['insert', 'remove', 'reorder'])
// C0 controls but tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- refusing control characters is this pattern's purpose
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/

type Segment = string | number

export class FormRefusal extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message)
  }
}

function refuse(status: FormRefusal['status'], message: string): never {
  throw new FormRefusal(status, message)
}

/** `items[2].title` -> ['items', 2, 'title']; null when the name is not in Conform's syntax. */
export function parseFieldName(name: string): Segment[] | null {
  if (name.length === 0 || name.length > 200) return null
  const segments: Segment[] = []
  const token = /\.?([A-Za-z_$][\w$-]*)|\[(\d{1,9})\]/y
  let position = 0
  while (position < name.length) {
    token.lastIndex = position
    const match = token.exec(name)
    if (!match) return null
    if (match[1] !== undefined) {
      // A leading dot is not a name; a key after the first needs its dot.
      if ((position === 0) === match[0].startsWith('.')) return null
      segments.push(match[1])
    } else {
      if (position === 0) return null
      segments.push(Number(match[2]))
    }
    position = token.lastIndex
  }
  return segments
}

type ZodInternals = {
  _zod: { def: { type: string; [key: string]: unknown } }
}

function definitionOf(schema: unknown) {
  return (schema as ZodInternals)._zod.def
}

/** The largest length an array schema allows, from its `.max()` or `.length()` check. */
function maximumLength(schema: unknown) {
  const checks = (definitionOf(schema).checks ?? []) as ZodInternals[]
  let maximum: number = FORM_LIMITS.listLength
  for (const check of checks) {
    const def = check._zod.def as { check?: string; maximum?: number; length?: number }
    if (def.check === 'max_length' && typeof def.maximum === 'number') maximum = Math.min(maximum, def.maximum)
    if (def.check === 'length_equals' && typeof def.length === 'number') maximum = Math.min(maximum, def.length)
  }
  return maximum
}

/**
 * Whether the schema has a field at this path. A list index must stay within the list's
 * maximum (one above it is let through, so the schema says "at most N" next to the field).
 * Unknown kinds of schema accept nothing: the reader fails closed. A path that ends at an
 * object is a field only when asked for a container (a list element a button inserts).
 */
export function schemaAcceptsPath(schema: unknown, segments: readonly Segment[], options: { container?: boolean } = {}): boolean {
  const def = definitionOf(schema)
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return schemaAcceptsPath(def.innerType, segments, options)
    case 'pipe':
      return schemaAcceptsPath(def.in, segments, options)
    case 'lazy':
      return schemaAcceptsPath((def.getter as () => unknown)(), segments)
    case 'union':
      return (def.options as unknown[]).some((option) => schemaAcceptsPath(option, segments, options))
    case 'intersection':
      return schemaAcceptsPath(def.left, segments, options) || schemaAcceptsPath(def.right, segments, options)
    case 'object': {
      if (segments.length === 0) return options.container === true
      const [head, ...rest] = segments
      const shape = def.shape as Record<string, unknown>
      return typeof head === 'string' && Object.hasOwn(shape, head) && schemaAcceptsPath(shape[head], rest, options)
    }
    case 'array': {
      // A list of plain values is sent as the same name repeated.
      if (segments.length === 0) return true
      const [head, ...rest] = segments
      return typeof head === 'number' && head <= maximumLength(schema) && schemaAcceptsPath(def.element, rest, options)
    }
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'date':
    case 'enum':
    case 'literal':
    case 'transform':
      return segments.length === 0
    default:
      return false
  }
}

function checkConformIntent(value: string, schema: z.ZodType) {
  let intent: unknown
  try {
    intent = JSON.parse(value)
  } catch {
    refuse(400, 'The form sent an unreadable button value.')
  }
  const { type, payload } = (intent ?? {}) as { type?: unknown; payload?: Record<string, unknown> }
  if (typeof type !== 'string' || !LIST_INTENTS.has(type) || typeof payload !== 'object' || payload === null) {
    refuse(400, 'The form sent a button this page does not have.')
  }
  const name = typeof payload.name === 'string' ? parseFieldName(payload.name) : null
  if (!name || !schemaAcceptsPath(schema, [...name, 0], { container: true })) {
    refuse(400, 'The form sent a button for a list this page does not have.')
  }
  for (const key of ['index', 'from', 'to'] as const) {
    const position = payload[key]
    if (position === undefined) continue
    if (typeof position !== 'number' || !Number.isInteger(position) || position < 0 || !schemaAcceptsPath(schema, [...name, position], { container: true })) {
      refuse(400, 'The form sent a list position out of range.')
    }
  }
}

async function readBody(request: Request, maxBytes: number) {
  const declared = Number(request.headers.get('Content-Length') ?? '0')
  if (declared > maxBytes) refuse(413, 'The form is too large.')
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let received = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    received += value.byteLength
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined)
      refuse(413, 'The form is too large.')
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Reads an action's urlencoded form body within the limits, keeping only what `schema`
 * describes. Throws a 400, 413 or 415 response (never a 500) for anything else.
 */
export async function readForm(request: Request, schema: z.ZodType, options: { maxBytes?: number } = {}): Promise<FormData> {
  try {
    const contentType = (request.headers.get('Content-Type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (contentType !== 'application/x-www-form-urlencoded') refuse(415, 'Send the form as application/x-www-form-urlencoded.')
    const body = await readBody(request, options.maxBytes ?? FORM_LIMITS.bytes)
    // Counting separators first keeps a body of 50,000 empty pairs from being parsed at all.
    let separators = 0
    for (let index = body.indexOf('&'); index !== -1; index = body.indexOf('&', index + 1)) {
      if (++separators >= FORM_LIMITS.entries) refuse(400, 'The form has too many fields.')
    }
    const formData = new FormData()
    for (const [name, value] of new URLSearchParams(body)) {
      if (name === CONFORM_INTENT) {
        checkConformIntent(value, schema)
      } else {
        const path = parseFieldName(name)
        if (!path || !schemaAcceptsPath(schema, path)) refuse(400, 'The form has a field this page does not know.')
      }
      if (CONTROL_CHARACTER.test(value)) refuse(400, 'The form contains control characters. Retype the text and send it again.')
      formData.append(name, value)
    }
    return formData
  } catch (error) {
    if (error instanceof FormRefusal) {
      logSecurityEvent(request, 'form.refused', { status: error.status, reason: error.message })
      throw data(error.message, { status: error.status })
    }
    throw error
  }
}

/** readForm, then Conform's parse with the same schema: the usual first line of an action. */
export async function parseForm<Schema extends z.ZodType>(request: Request, schema: Schema, options: { maxBytes?: number } = {}) {
  return parseWithZod(await readForm(request, schema, options), { schema })
}
