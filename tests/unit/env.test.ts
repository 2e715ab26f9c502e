import { describe, expect, it } from 'vitest'
import { parseEnv } from '#app/lib/env.server.ts'

describe('parseEnv', () => {
  it('defaults to the embedded SQLite file, port 3000 and captured mail', () => {
    const env = parseEnv({})
    expect(env).toMatchObject({ DATABASE_URL: 'file:./data/muster.db', PORT: 3000, APP_URL: 'http://localhost:3000', mailCaptured: true })
  })

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://db/muster' })).toThrow(/DATABASE_URL: must be a SQLite file URL/)
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => parseEnv({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL: must start with smtp/)
  })

  it('refuses to capture mail on a public address', () => {
    expect(() => parseEnv({ APP_URL: 'https://events.example.org' })).toThrow(/SMTP_URL: is required when APP_URL is public/)
    expect(parseEnv({ APP_URL: 'https://events.example.org', SMTP_URL: 'smtp://mail:25' }).mailCaptured).toBe(false)
    expect(parseEnv({ APP_URL: 'http://127.0.0.1:3000' }).mailCaptured).toBe(true)
  })
})
