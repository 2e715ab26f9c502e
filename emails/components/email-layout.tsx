// The frame every Muster email shares: the wordmark, one card for the message, and a footer
// that says why the recipient got it. Styles are inline (what email clients keep); the
// <style> block only adds dark-mode colours for clients that support them, and every colour
// pair also holds when a client inverts the message on its own.
import { Body } from '@react-email/body'
import { Container } from '@react-email/container'
import { Head } from '@react-email/head'
import { Html } from '@react-email/html'
import { Link } from '@react-email/link'
import { Preview } from '@react-email/preview'
import { Section } from '@react-email/section'
import { Text } from '@react-email/text'
import type { ReactNode } from 'react'

export const emailColours = {
  canvas: '#f4f6f9',
  paper: '#ffffff',
  line: '#d9dfe7',
  ink: '#17202c',
  inkMuted: '#4f5b6b',
  accent: '#123a6b',
  gold: '#f2a900',
}

const fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

// Apple Mail, iOS Mail and Outlook for Mac apply prefers-color-scheme; Outlook.com marks its
// dark mode with [data-ogsc] (text) and [data-ogsb] (backgrounds). !important beats the
// inline styles.
const darkModeStyles = `
:root { color-scheme: light dark; supported-color-schemes: light dark; }
@media (prefers-color-scheme: dark) {
  .email-canvas { background-color: #0e1520 !important; }
  .email-card { background-color: #17202c !important; border-color: #2e3b4e !important; border-top-color: #4f7fc0 !important; }
  .email-text { color: #e8edf4 !important; }
  .email-muted { color: #aab6c5 !important; }
  .email-link { color: #9cc2ff !important; }
  .email-button { background-color: #2f5d9a !important; border-color: #2f5d9a !important; color: #ffffff !important; }
  .email-code { background-color: #0e1520 !important; border-color: #3a4b61 !important; color: #ffffff !important; }
}
[data-ogsb] .email-canvas { background-color: #0e1520 !important; }
[data-ogsb] .email-card { background-color: #17202c !important; }
[data-ogsc] .email-text { color: #e8edf4 !important; }
[data-ogsc] .email-muted { color: #aab6c5 !important; }
[data-ogsc] .email-link { color: #9cc2ff !important; }
`

export function EmailLayout({
  preview,
  reason,
  children,
}: {
  /** The line inboxes show after the subject. */
  preview: string
  /** Why the recipient got this email, shown in the footer. */
  reason: string
  children: ReactNode
}) {
  return (
    <Html lang="en" dir="ltr">
      <Head>
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <style>{darkModeStyles}</style>
      </Head>
      <Preview>{preview}</Preview>
      {/* Body copies its style onto an inner cell the dark-mode class cannot reach, so the
          canvas colour lives on a Section that carries the class. */}
      <Body className="email-canvas" style={{ margin: 0, fontFamily }}>
        <Section className="email-canvas" style={{ backgroundColor: emailColours.canvas, padding: '24px 0' }}>
          <Container style={{ maxWidth: '560px', padding: '0 12px' }}>
            <Section style={{ padding: '0 4px 16px' }}>
              <Text
                className="email-text"
                style={{ margin: 0, fontSize: '20px', fontWeight: 700, letterSpacing: '0.02em', color: emailColours.accent }}
              >
                <span
                  aria-hidden="true"
                  style={{
                    display: 'inline-block',
                    width: '14px',
                    height: '14px',
                    marginRight: '8px',
                    borderRadius: '4px',
                    backgroundColor: emailColours.gold,
                  }}
                />
                Muster
              </Text>
            </Section>
            <Section
              className="email-card"
              style={{
                backgroundColor: emailColours.paper,
                border: `1px solid ${emailColours.line}`,
                borderTop: `6px solid ${emailColours.accent}`,
                borderRadius: '10px',
                padding: '28px 28px 20px',
              }}
            >
              {children}
            </Section>
            <Section style={{ padding: '16px 4px 0' }}>
              <Text
                className="email-muted"
                style={{ margin: '0 0 8px', fontSize: '13px', lineHeight: '20px', color: emailColours.inkMuted }}
              >
                {reason}
              </Text>
              <Text className="email-muted" style={{ margin: 0, fontSize: '13px', lineHeight: '20px', color: emailColours.inkMuted }}>
                Muster · open-source software for industry days
              </Text>
            </Section>
          </Container>
        </Section>
      </Body>
    </Html>
  )
}

/** Body copy inside the card. */
export function Paragraph({ children, muted = false }: { children: ReactNode; muted?: boolean }) {
  return (
    <Text
      className={muted ? 'email-muted' : 'email-text'}
      style={{
        margin: '0 0 16px',
        fontSize: muted ? '14px' : '16px',
        lineHeight: muted ? '22px' : '26px',
        color: muted ? emailColours.inkMuted : emailColours.ink,
      }}
    >
      {children}
    </Text>
  )
}

/** "If the button does not work…" with the address: HTML only, since the text version already prints it. */
export function LinkFallback({ url }: { url: string }) {
  return (
    <Text
      data-skip-in-text
      className="email-muted"
      style={{ margin: '0 0 16px', fontSize: '14px', lineHeight: '22px', color: emailColours.inkMuted }}
    >
      If the button does not work, copy this address into your browser:{' '}
      <Link href={url} className="email-link" style={{ color: emailColours.accent, textDecoration: 'underline', wordBreak: 'break-all' }}>
        {url}
      </Link>
    </Text>
  )
}

export const headingStyle = { margin: '0 0 16px', fontSize: '24px', lineHeight: '32px', fontWeight: 700, color: emailColours.ink }

export const buttonStyle = {
  display: 'inline-block',
  backgroundColor: emailColours.accent,
  border: `1px solid ${emailColours.accent}`,
  borderRadius: '8px',
  color: '#ffffff',
  fontSize: '16px',
  fontWeight: 600,
  lineHeight: '24px',
  padding: '12px 22px',
  textDecoration: 'none',
}
