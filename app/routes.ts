import { type RouteConfig, index, route } from '@react-router/dev/routes'

export default [
  index('routes/home.tsx'),
  route('events/:slug', 'routes/event.tsx'),
  route('events/:slug/manage', 'routes/manage.tsx'),
  route('events/:slug/manage/vetting', 'routes/manage.vetting.tsx'),
  route('sign-in', 'routes/sign-in.tsx'),
  route('sign-in/verify', 'routes/sign-in.verify.tsx'),
  route('sign-in/link', 'routes/sign-in.link.tsx'),
  route('sign-out', 'routes/sign-out.tsx'),
  route('account', 'routes/account.tsx'),
  route('dev/mailbox', 'routes/dev.mailbox.tsx'),
  route('dev/mailbox/:messageId', 'routes/dev.mailbox.$messageId.tsx'),
  route('dev/mailbox/:messageId/invite.ics', 'routes/dev.mailbox.$messageId.invite[.]ics.ts'),
  route('healthz', 'routes/healthz.ts'),
  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig
