// How the production server process is started: by npm start's supervisor (scripts/serve.ts) and
// by the benchmarks, so that they measure what runs. The memory settings:
// docs/decisions/017-server-memory.md. An operator's NODE_OPTIONS or MALLOC_ARENA_MAX wins.

export function serverNodeArguments(environment: NodeJS.ProcessEnv = process.env) {
  const operatorOptions = environment.NODE_OPTIONS ?? ''
  return [
    ...(operatorOptions.includes('--max-old-space-size') ? [] : ['--max-old-space-size=256']),
    ...(operatorOptions.includes('--max-semi-space-size') ? [] : ['--max-semi-space-size=4']),
    'server.js',
  ]
}

export function serverEnvironment(environment: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { MALLOC_ARENA_MAX: '2', ...environment, NODE_ENV: 'production' }
}
