// How the production server is started (npm start's supervisor and the benchmarks): the memory
// settings of docs/decisions/017-server-memory.md, unless the operator chose their own.
import { describe, expect, it } from 'vitest'
import { serverEnvironment, serverNodeArguments } from '#scripts/server-process.ts'

describe('the server process', () => {
  it('bounds the heap and the young generation, with two malloc arenas, in production', () => {
    expect(serverNodeArguments({})).toEqual(['--max-old-space-size=256', '--max-semi-space-size=4', 'server.js'])
    expect(serverEnvironment({ NODE_ENV: 'development', PORT: '3000' })).toEqual({ MALLOC_ARENA_MAX: '2', NODE_ENV: 'production', PORT: '3000' })
  })

  it('leaves each setting the operator made alone', () => {
    expect(serverNodeArguments({ NODE_OPTIONS: '--max-old-space-size=1024' })).toEqual(['--max-semi-space-size=4', 'server.js'])
    expect(serverNodeArguments({ NODE_OPTIONS: '--max-semi-space-size=16 --max-old-space-size=512' })).toEqual(['server.js'])
    expect(serverEnvironment({ MALLOC_ARENA_MAX: '4' }).MALLOC_ARENA_MAX).toBe('4')
  })
})
