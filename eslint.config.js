// ESLint (flat config): the rule sets the React Router ecosystem uses (Epic Stack, React Router
// templates) plus import restrictions that encode Muster's layering:
//   app/routes  -> app/domain -> app/lib       (and routes may use app/lib directly)
// Each restriction says why, so a breach explains itself. `npm run lint`; `npm test` runs it.
import js from '@eslint/js'
import { importX } from 'eslint-plugin-import-x'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import react from 'eslint-plugin-react'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// ---------- Layering: one list of restrictions per concern, combined per folder below ----------

const generatedPrismaClient = {
  regex: '^(#prisma/generated(/.*)?|@prisma/client(/.*)?|(\\.\\./)+prisma/generated(/.*)?)$',
  message:
    'Route modules never touch the generated Prisma client: queries and Prisma types live in app/domain/<capability> (which takes the client), so every rule is tested on both engines.',
}

const reactRouterInDomain = {
  regex: '^(react-router|@react-router/.*)$',
  message:
    'app/domain holds business rules, not HTTP: return a result (or throw a plain error) and let the route or app/lib turn it into a response, redirect or status.',
}

const domainInLib = {
  regex: '^(#app/domain(/.*)?|(\\.\\./)+domain(/.*)?)$',
  message:
    'app/lib is infrastructure and must not depend on app/domain (domain -> lib, never back). Move the piece that needs the domain into the domain capability or into the route layer.',
}

const serverModuleInClientCode = {
  regex: '\\.server(\\.tsx?)?$',
  // Types are erased at build time: `import type` from a .server module ships nothing to the browser.
  allowTypeImports: true,
  message:
    'Client code (components and shared non-.server modules) must not import *.server modules: they hold secrets and Node-only code that would reach the browser bundle. Only route modules (whose loaders and actions React Router strips) and other .server modules may.',
}

function restrictImports(...patterns) {
  return { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] }
}

const serverFiles = ['**/*.server.ts', '**/*.server.tsx']

export default tseslint.config(
  {
    ignores: [
      'build/**',
      '.react-router/**',
      'prisma/generated/**',
      'public/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,jsx}'],
    ...react.configs.flat.recommended,
    settings: { react: { version: 'detect' } },
  },
  { files: ['**/*.{ts,tsx,js,jsx}'], ...react.configs.flat['jsx-runtime'] },
  { files: ['**/*.{ts,tsx,js,jsx}'], ...reactHooks.configs.flat.recommended },
  { files: ['**/*.{ts,tsx,js,jsx}'], ...jsxA11y.flatConfigs.recommended },
  {
    files: ['**/*.{ts,tsx,js,jsx}'],
    plugins: { 'import-x': importX },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'import-x/no-duplicates': 'error',
      'import-x/first': 'error',
      // A labelled scrollable region (role="region", e.g. the mailbox's <pre>) must be focusable
      // so keyboard users can scroll it (axe: scrollable-region-focusable); the rest as recommended.
      'jsx-a11y/no-noninteractive-tabindex': ['error', { tags: [], roles: ['tabpanel', 'region'], allowExpressionValues: true }],
      // TypeScript checks props; prop-types add nothing in a TypeScript codebase.
      'react/prop-types': 'off',
      // An unused variable prefixed with _ is deliberate (e.g. a field dropped by destructuring).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },

  // ---------- Layering ----------
  { files: ['app/routes/**'], rules: restrictImports(generatedPrismaClient) },
  { files: ['app/domain/**'], rules: restrictImports(reactRouterInDomain, serverModuleInClientCode) },
  { files: serverFiles.map((f) => `app/domain/${f}`), rules: restrictImports(reactRouterInDomain) },
  { files: ['app/lib/**'], rules: restrictImports(domainInLib, serverModuleInClientCode) },
  { files: serverFiles.map((f) => `app/lib/${f}`), rules: restrictImports(domainInLib) },
  { files: ['app/components/**'], rules: restrictImports(serverModuleInClientCode) },
)
