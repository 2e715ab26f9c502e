// How the production server process is started: by npm start's supervisor (scripts/serve.ts) and
// by the benchmarks, so that they measure what runs. The memory settings:
// docs/decisions/017-server-memory.md. An operator's NODE_OPTIONS or MALLOC_ARENA_MAX wins.
// BENCH_CPU_PROF=<folder> makes the server write a V8 CPU profile there when it stops (Node
// refuses --cpu-prof in NODE_OPTIONS), for a benchmark's profile of the server it measures.

export function serverNodeArguments(environment: NodeJS.ProcessEnv = process.env) {
  const operatorOptions = environment.NODE_OPTIONS ?? ''
  return [
    ...(operatorOptions.includes('--max-old-space-size') ? [] : ['--max-old-space-size=256']),
    ...(operatorOptions.includes('--max-semi-space-size') ? [] : ['--max-semi-space-size=4']),
    ...(environment.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${environment.BENCH_CPU_PROF}`] : []),
    'server.js',
  ]
}

export function serverEnvironment(environment: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { MALLOC_ARENA_MAX: '2', ...environment, NODE_ENV: 'production' }
}
