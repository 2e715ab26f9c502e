// Organisers' Markdown becomes a tree with no HTML in it: formatting, lists and safe links
// survive; raw HTML, script links and images do not become markup; deep nesting is bounded.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { Markdown } from '#app/components/markdown.tsx'
import { parseMarkdown } from '#app/lib/markdown.server.ts'

const html = (source: string) => renderToStaticMarkup(createElement(Markdown, { blocks: parseMarkdown(source), headingLevel: 3 }))

describe('event descriptions in Markdown', () => {
  it('keeps paragraphs, emphasis, lists, headings one level below the section, code and quotes', () => {
    expect(html('Plenary in the **morning**, *B2B* after.\n\nSecond paragraph.')).toBe('<p>Plenary in the <strong>morning</strong>, <em>B2B</em> after.</p><p>Second paragraph.</p>')
    expect(html('# Programme\n\n## Day one')).toBe('<h3>Programme</h3><h4>Day one</h4>')
    expect(html('- Briefings\n- Breakouts\n\n1. Register\n2. Attend')).toBe('<ul><li><p>Briefings</p></li><li><p>Breakouts</p></li></ul><ol><li><p>Register</p></li><li><p>Attend</p></li></ol>')
    expect(html('> Quoted\n\n`code` and ~~struck~~\n\n---')).toBe('<blockquote><p>Quoted</p></blockquote><p><code>code</code> and <del>struck</del></p><hr/>')
  })

  it('links out only to web and mail addresses, without handing over the page', () => {
    expect(html('[NATO](https://www.nato.int) and [write](mailto:events@nato.example)')).toBe(
      '<p><a href="https://www.nato.int" rel="noopener noreferrer">NATO</a> and <a href="mailto:events@nato.example" rel="noopener noreferrer">write</a></p>',
    )
    expect(html('[click](javascript:alert(1)) [data](data:text/html,<script>alert(1)</script>)')).toBe('<p>click data</p>')
  })

  it('shows raw HTML as text, images as their description, and never emits markup it was given', () => {
    const out = html('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\nHi <b onclick="x()">there</b> ![drone](https://evil.example/pixel.png)')
    expect(out).not.toMatch(/<(script|img|b)\b/)
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(out).toContain('drone')
    expect(out).not.toContain('evil.example')
  })

  it('bounds deeply nested input instead of recursing without end', () => {
    const deep = `${'> '.repeat(2_000)}bottom`
    expect(() => html(deep)).not.toThrow()
    expect(html(deep)).toContain('bottom')
  })
})
