// Every template renders its key facts into both the HTML and the plain-text version, holds
// up in dark mode, and loads nothing from the network (no images, fonts or stylesheets).
import { describe, expect, it } from 'vitest'
import { renderEmail, type RenderedEmail } from '../../emails/render.server.tsx'

function expectSelfContainedHtml(html: string) {
  expect(html).not.toMatch(/\s(src|srcset|background)\s*=/i)
  expect(html).not.toMatch(/<link\b/i)
  expect(html).not.toMatch(/url\(|@import/i)
  expect(html).not.toMatch(/<script\b/i)
}

function expectDarkModeReady(html: string) {
  expect(html).toContain('<meta name="color-scheme" content="light dark"/>')
  expect(html).toContain('@media (prefers-color-scheme: dark)')
}

function expectInBoth(email: RenderedEmail, facts: string[]) {
  for (const fact of facts) {
    expect(email.html, `HTML contains ${fact}`).toContain(fact)
    expect(email.text, `text contains ${fact}`).toContain(fact)
  }
}

describe('the email document', () => {
  it("is one XHTML document with the button's Outlook comments and none of React's stream markers", async () => {
    const email = await renderEmail('sign-in', { code: '482913', link: 'https://events.example.org/sign-in/link?token=abc123', expiresInMinutes: 15 })
    expect(email.html.startsWith('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html')).toBe(true)
    expect(email.html.match(/<!DOCTYPE/g)).toHaveLength(1)
    expect(email.html).toContain('<!--[if mso]>')
    expect(email.html).not.toMatch(/<!--(\$|\/\$|html|head|body| )-->/)
    expect(email.html.endsWith('</html>')).toBe(true)
  })
})

describe('sign-in email', () => {
  const link = 'https://events.example.org/sign-in/link?token=abc123'

  it('shows the code, the link, how long they last and where the request came from', async () => {
    const email = await renderEmail('sign-in', {
      code: '482913',
      link,
      expiresInMinutes: 15,
      requestedFrom: { ipAddress: '203.0.113.7', userAgent: 'Firefox on Linux' },
    })
    // The code is in the body only: never in the subject or the inbox preview.
    expect(email.subject).toBe('Your code to sign in to Muster')
    expect(email.html.split('482913')).toHaveLength(2)
    expectInBoth(email, ['Muster', '482913', link, '15 minutes', '203.0.113.7', 'Firefox on Linux', 'someone asked to sign in'])
    expect(email.html).toContain(`href="${link}"`)
    expectSelfContainedHtml(email.html)
    expectDarkModeReady(email.html)
    // The text version is readable on its own: no markup, the code on a line of its own.
    expect(email.text).not.toMatch(/<[a-z]/i)
    expect(email.text).toMatch(/^482913$/m)
  })

  it('leaves out the origin line when the origin is unknown', async () => {
    const email = await renderEmail('sign-in', { code: '000111', link, expiresInMinutes: 10 })
    expect(email.text).not.toContain('Requested from')
  })
})

describe('new sign-in notice', () => {
  it('says when and from where, and how to sign every session out', async () => {
    const email = await renderEmail('sign-in-notice', {
      recipientName: 'Ada',
      signedInAt: 'Wed 2 Dec at 16:04 (CET)',
      client: { ipAddress: '198.51.100.7', userAgent: 'Safari on iPhone' },
      accountUrl: 'https://events.example.org/account',
    })
    expect(email.subject).toBe('New sign-in to your Muster account')
    expectInBoth(email, ['Hello Ada', 'Wed 2 Dec at 16:04 (CET)', '198.51.100.7', 'Safari on iPhone', 'Sign out everywhere', 'https://events.example.org/account'])
    expectSelfContainedHtml(email.html)
    expectDarkModeReady(email.html)
  })
})

describe('event invitation email', () => {
  it('shows the event in its own time zone, the venue, the message and the call to action', async () => {
    const email = await renderEmail('event-invitation', {
      recipientName: 'Ada Lovelace',
      event: {
        title: 'Counter-UAS Industry Day 2027',
        // 08:00–16:00 UTC is 09:00–17:00 in Brussels (CET) on 24 March 2027.
        startsAt: new Date('2027-03-24T08:00:00Z'),
        endsAt: new Date('2027-03-24T16:00:00Z'),
        timeZone: 'Europe/Brussels',
        venueName: 'NATO Headquarters',
        venueAddress: 'Boulevard Léopold III, 1110 Brussels',
      },
      headline: 'You are invited to the Counter-UAS Industry Day',
      paragraphs: ['Briefings on air defence and production at scale.', 'Registration closes on 10 March.'],
      action: { label: 'Register now', url: 'https://events.example.org/events/counter-uas-industry-day-2027' },
      reason: 'You got this email because you follow this event.',
    })
    expect(email.subject).toBe('You are invited to the Counter-UAS Industry Day')
    expectInBoth(email, [
      'You are invited to the Counter-UAS Industry Day',
      'Dear Ada Lovelace',
      'Counter-UAS Industry Day 2027',
      '24 March 2027',
      '09:00–17:00 CET',
      'NATO Headquarters',
      'Boulevard Léopold III, 1110 Brussels',
      'Briefings on air defence and production at scale.',
      'Registration closes on 10 March.',
      'Register now',
      'https://events.example.org/events/counter-uas-industry-day-2027',
      'you follow this event',
    ])
    expectSelfContainedHtml(email.html)
    expectDarkModeReady(email.html)
  })

  it('names summer time in summer', async () => {
    const email = await renderEmail('event-invitation', {
      event: {
        title: 'Summer briefing',
        startsAt: new Date('2027-07-01T07:00:00Z'),
        endsAt: new Date('2027-07-01T15:00:00Z'),
        timeZone: 'Europe/Brussels',
        venueName: 'Venue',
        venueAddress: 'Street 1',
      },
      headline: 'Summer briefing',
      paragraphs: [],
      action: { label: 'Open', url: 'https://events.example.org/' },
      reason: 'Test.',
    })
    expectInBoth(email, ['1 July 2027', '09:00–17:00 CEST'])
  })
})

describe('meeting request expired email', () => {
  const props = {
    kind: 'expired' as const,
    recipientName: 'Piotr Nowak',
    otherParty: 'Kadri Tamm (Hornet Interceptors)',
    event: { title: 'Counter-UAS Industry Day 2027', timeZone: 'Europe/Brussels', venueName: 'NATO Headquarters', venueAddress: 'Boulevard Léopold III, Brussels' },
    slots: [{ startsAt: new Date('2027-03-24T13:30:00Z'), endsAt: new Date('2027-03-24T13:50:00Z') }],
    url: 'https://events.example.org/events/counter-uas-industry-day-2027/meetings/request/kadri',
  }

  it.each([
    ['They did not answer within a week, so the request has lapsed.', { reason: 'unanswered', waitedForYou: false }, 'Request again'],
    ['They proposed other times, and you did not answer within a week, so the request has lapsed.', { reason: 'unanswered', waitedForYou: true }, 'Request again'],
    ['None of the proposed times is still available, so the request can no longer be accepted.', { reason: 'no-bookable-slot', waitedForYou: false }, 'Request again'],
    [
      'Meeting booking for Counter-UAS Industry Day 2027 has closed, so the request can no longer be accepted.',
      { reason: 'booking-closed', waitedForYou: false },
      'See your meetings',
    ],
  ] as const)('says "%s" and what to do next', async (why, expiry, action) => {
    const email = await renderEmail('meeting-update', { ...props, expiry })
    expect(email.subject).toBe('Your meeting request to Kadri Tamm (Hornet Interceptors) has expired')
    expectInBoth(email, [why, 'It no longer counts against your pending requests.', action, props.url, 'Proposed:', '24 March 2027, 14:30–14:50 CET'])
    expectSelfContainedHtml(email.html)
    expectDarkModeReady(email.html)
    expect(email.text).not.toMatch(/<[a-z]/i)
  })
})

describe('staff invitation email', () => {
  const props = {
    recipientName: null,
    email: 'aino@example.org',
    eventTitle: 'Counter-UAS Industry Day 2027',
    roleLabel: 'Vetting officer',
    roleDuties: 'review registrations and approve, reject or wait-list them',
    grantedBy: 'Mathieu Laurent',
  }

  it('tells a person with an account the role is theirs, with a link to the console', async () => {
    const url = 'https://events.example.org/events/counter-uas-industry-day-2027/manage/vetting'
    const email = await renderEmail('staff-invitation', { ...props, kind: 'added', recipientName: 'Aino Virtanen', url })
    expect(email.subject).toBe('You have been added as Vetting officer of Counter-UAS Industry Day 2027')
    expectInBoth(email, ['Dear Aino Virtanen', 'Mathieu Laurent added you to the staff', 'review registrations', 'Open the event console', url])
    expectSelfContainedHtml(email.html)
    expectDarkModeReady(email.html)
  })

  it('asks an address with no account to sign in with it to accept', async () => {
    const url = 'https://events.example.org/sign-in?redirectTo=%2Fevents%2Fcounter-uas-industry-day-2027%2Fmanage%2Fvetting'
    const email = await renderEmail('staff-invitation', { ...props, kind: 'invited', url })
    expect(email.subject).toBe('You are invited to join Counter-UAS Industry Day 2027 as Vetting officer')
    expectInBoth(email, ['Mathieu Laurent invites you to join the staff', 'sign in to Muster with this address, aino@example.org', 'Sign in to accept', 'nothing happens unless you sign in'])
    expect(email.html).toContain(`href="${url}"`)
    expect(email.text).not.toContain('Dear')
    expectSelfContainedHtml(email.html)
  })
})
