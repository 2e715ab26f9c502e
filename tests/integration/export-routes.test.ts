// The console's export doors, their loaders called the way the server calls them: each list
// answers only its own file names (anything else is a 404, whoever asks), only to the roles
// that may read it, only after a recent sign-in, as a private attachment no cache keeps, with
// the vetting queue's filters taken from the query string. On SQLite: the route modules use the
// app's database accessor (registration-export.test.ts covers both engines).
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { seedDatabase } from '#seeds/seed.ts'
import { csvRecords } from '#tests/support/csv.ts'
import { demoEventId, demoSlug } from '#tests/support/demo.ts'
import { setUpRouteDatabase } from '#tests/support/route-database.ts'
import { callRoute } from '#tests/support/routes.ts'

const database = setUpRouteDatabase(async (db) => {
  await seedDatabase(db)
})

const staff = {
  checkIn: 'jonas.peeters@defence-investment.example',
  vettingOfficer: 'aino.virtanen@defence-investment.example',
  organiser: 'mathieu.laurent@defence-investment.example',
} as const

const lists = {
  registrations: { route: 'routes/manage/vetting.export.$file.ts', path: 'vetting/export' },
  'check-in-list': { route: 'routes/manage/check-in.export.$file.ts', path: 'check-in/export' },
  meetings: { route: 'routes/manage/matchmaking.export.$file.ts', path: 'matchmaking/export' },
} as const

async function download(as: keyof typeof staff, list: keyof typeof lists, file: string, search = '', options: { signedInAt?: Date } = {}) {
  const userId = (await database.db.user.findUniqueOrThrow({ where: { email: staff[as] }, select: { id: true } })).id
  const sessions = await import('#app/lib/session.server.ts')
  const { token, sessionId } = await sessions.createSession(database.db, userId)
  // Signed in a while ago and active since (a staff session idle for long has ended instead).
  if (options.signedInAt) await database.db.session.update({ where: { id: sessionId }, data: { createdAt: options.signedInAt }, select: { id: true } })
  const request = new Request(`http://localhost/events/${demoSlug}/manage/${lists[list].path}/${encodeURIComponent(file)}${search}`, {
    headers: { Cookie: `${sessions.SESSION_COOKIE_NAME}=${token}` },
  })
  return callRoute(lists[list].route, 'loader', request, { slug: demoSlug, file })
}

describe('export downloads', () => {
  it('hands each list’s files to the roles that may read it, as private attachments', async () => {
    const expected: [keyof typeof staff, keyof typeof lists, number][] = [
      ['checkIn', 'registrations', 403],
      ['checkIn', 'check-in-list', 200],
      ['checkIn', 'meetings', 403],
      ['vettingOfficer', 'registrations', 200],
      ['vettingOfficer', 'check-in-list', 403],
      ['vettingOfficer', 'meetings', 403],
      ['organiser', 'registrations', 200],
      ['organiser', 'check-in-list', 200],
      ['organiser', 'meetings', 200],
    ]
    for (const [as, list, status] of expected) {
      for (const format of ['csv', 'xlsx'] as const) {
        const answer = await download(as, list, `${list}.${format}`)
        expect(answer.status, `${as} ${list}.${format}`).toBe(status)
        if (status !== 200) continue
        expect(answer.headers.get('Content-Type')).toBe(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        expect(answer.headers.get('Content-Disposition')).toMatch(new RegExp(`^attachment; filename="${demoSlug}-${list}\\.${format}"$`))
        expect(answer.headers.get('Cache-Control')).toBe('private, no-store')
        const body = Buffer.from(await answer.response.arrayBuffer())
        if (format === 'csv') expect(csvRecords(body.toString('utf8')).length).toBeGreaterThan(0)
        else await new ExcelJS.Workbook().xlsx.load(body as unknown as ArrayBuffer)
      }
    }
  })

  it('answers 404 to a file name the list does not make, whoever asks, and writes nothing', async () => {
    const before = await database.db.auditLogEntry.count({ where: { eventId: demoEventId, action: 'export.downloaded' } })
    const names = ['registrations.pdf', 'registrations', 'check-in-list.csv', '../registrations.csv', 'registrations.csv.exe', 'REGISTRATIONS.CSV', 'x'.repeat(5000)]
    for (const file of names) expect((await download('organiser', 'registrations', file)).status, file).toBe(404)
    expect((await download('organiser', 'check-in-list', 'registrations.csv')).status).toBe(404)
    expect((await download('organiser', 'meetings', 'meetings.json')).status).toBe(404)
    expect(await database.db.auditLogEntry.count({ where: { eventId: demoEventId, action: 'export.downloaded' } })).toBe(before)
  })

  it('asks for a recent sign-in before handing out personal data', async () => {
    const answer = await download('vettingOfficer', 'registrations', 'registrations.csv', '', { signedInAt: new Date(Date.now() - 20 * 60_000) })
    expect(answer.status, answer.location ?? '').toBe(302)
    const location = new URL(answer.location!, 'http://localhost')
    expect(location.pathname).toBe('/sign-in')
    expect(location.searchParams.get('confirm')).toBe('1')
    expect(location.searchParams.get('redirectTo')).toBe(`/events/${demoSlug}/manage/vetting/export/registrations.csv`)
  })

  it('exports the queue’s filters from the query string, and takes bad values as no filter', async () => {
    const approved = await database.db.registration.count({ where: { eventId: demoEventId, status: 'APPROVED', organisation: { kind: 'SME' } } })
    const filtered = await download('vettingOfficer', 'registrations', 'registrations.csv', '?status=APPROVED&kind=SME')
    expect(filtered.headers.get('Content-Disposition')).toContain(`${demoSlug}-registrations-approved.csv`)
    const records = csvRecords(await filtered.response.text())
    expect(records).toHaveLength(approved)
    expect(new Set(records.map((record) => `${record.Status}/${record['Organisation kind']}`))).toEqual(new Set(['Approved/SME']))

    const all = await database.db.registration.count({ where: { eventId: demoEventId } })
    const hostile = await download('vettingOfficer', 'registrations', 'registrations.csv', `?status=%00&kind=${'A'.repeat(10_000)}&country=ZZ&page=100000000&answer=__proto__:x`)
    expect(hostile.status).toBe(200)
    expect(csvRecords(await hostile.response.text())).toHaveLength(all)
  })
})
