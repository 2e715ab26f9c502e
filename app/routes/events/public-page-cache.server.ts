// The middleware of an event's public pages: the page is rendered once per version of what it
// shows and shared by every anonymous visitor (app/lib/page-cache.server.ts, decision record 016),
// and by every signed-in visitor whose personal parts are the same (visitor-parts.server.ts,
// decision record 027).
import { publicPageVersion } from '#app/domain/events/public-page-version.server.ts'
import { db } from '#app/lib/db.server.ts'
import { cachedForVisitors } from '#app/lib/page-cache.server.ts'
import type { RequestArgs } from '#app/lib/request.server.ts'
import { layoutPartsOf, ownRegistrationStatusFor, signUpPanelFor } from './visitor-parts.server.ts'

type PageArgs = RequestArgs & { params: { slug?: string; sessionSlug?: string } }

const eventVersion = ({ params }: PageArgs) => publicPageVersion(db, { eventSlug: params.slug ?? '' })

/** The agenda and a speaker's page show nothing of the person beyond the layout. */
export const cachedAgendaOrSpeakerPage = cachedForVisitors(eventVersion, { personalPartsOf: (args: PageArgs) => layoutPartsOf(args, args.params.slug ?? '') })

/** The event page adds where the visitor's registration stands. */
export const cachedEventHomePage = cachedForVisitors(eventVersion, {
  personalPartsOf: async (args: PageArgs) => {
    const layout = await layoutPartsOf(args, args.params.slug ?? '')
    return layout && { ...layout, registration: await ownRegistrationStatusFor(args, args.params.slug ?? '') }
  },
})

/** A session's page also shows its free seats and whether it has started, and the visitor's sign-up. */
export const cachedSessionPage = cachedForVisitors(
  ({ params }: PageArgs) => publicPageVersion(db, { eventSlug: params.slug ?? '', sessionSlug: params.sessionSlug ?? '' }),
  {
    personalPartsOf: async (args: PageArgs) => {
      const layout = await layoutPartsOf(args, args.params.slug ?? '')
      return layout && { ...layout, signUp: await signUpPanelFor(args, args.params.slug ?? '', args.params.sessionSlug ?? '') }
    },
  },
)
