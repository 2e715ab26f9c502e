// Organisers write event descriptions in Markdown. marked's lexer reads it; only the parts
// listed in markdown.ts come out. Raw HTML is kept as plain text, images become their alt
// text (no third-party requests from a public page), and a link keeps its address only when
// it is http(s) or mailto: a javascript: or data: link is shown as its text alone.
import { marked, type Token, type Tokens } from 'marked'
import type { MarkdownBlock, MarkdownInline } from './markdown.ts'

const SAFE_LINK = /^(https?:|mailto:)/i
// A description is bounded by its form (20,000 characters); so is the tree's depth here.
const MAX_DEPTH = 8

export function parseMarkdown(source: string): MarkdownBlock[] {
  return blocks(marked.lexer(source, { gfm: true }), 0)
}

function blocks(tokens: Token[], depth: number): MarkdownBlock[] {
  return tokens.flatMap((token): MarkdownBlock[] => {
    if (depth > MAX_DEPTH) return [{ type: 'paragraph', children: [{ type: 'text', text: token.raw }] }]
    switch (token.type) {
      case 'paragraph':
        return [{ type: 'paragraph', children: inlines((token as Tokens.Paragraph).tokens, depth) }]
      case 'heading': {
        const heading = token as Tokens.Heading
        return [{ type: 'heading', level: Math.min(heading.depth, 3) as 1 | 2 | 3, children: inlines(heading.tokens, depth) }]
      }
      case 'list': {
        const list = token as Tokens.List
        return [{ type: 'list', ordered: list.ordered, items: list.items.map((item) => blocks(item.tokens, depth + 1)) }]
      }
      case 'blockquote':
        return [{ type: 'blockquote', children: blocks((token as Tokens.Blockquote).tokens, depth + 1) }]
      case 'code':
        return [{ type: 'code', text: (token as Tokens.Code).text }]
      case 'hr':
        return [{ type: 'rule' }]
      case 'space':
        return []
      case 'text': {
        // A tight list item's text: its inline runs, as a paragraph.
        const text = token as Tokens.Text
        return [{ type: 'paragraph', children: text.tokens ? inlines(text.tokens, depth) : [{ type: 'text', text: text.text }] }]
      }
      default:
        // Raw HTML, tables and anything newer: their source, as text.
        return token.raw.trim() ? [{ type: 'paragraph', children: [{ type: 'text', text: token.raw.trim() }] }] : []
    }
  })
}

function inlines(tokens: Token[] | undefined, depth: number): MarkdownInline[] {
  return (tokens ?? []).flatMap((token): MarkdownInline[] => {
    if (depth > MAX_DEPTH) return [{ type: 'text', text: token.raw }]
    switch (token.type) {
      case 'text': {
        const text = token as Tokens.Text
        return text.tokens ? inlines(text.tokens, depth + 1) : [{ type: 'text', text: text.text }]
      }
      case 'escape':
        return [{ type: 'text', text: (token as Tokens.Escape).text }]
      case 'strong':
      case 'em':
      case 'del':
        return [{ type: token.type, children: inlines((token as Tokens.Strong).tokens, depth + 1) }]
      case 'codespan':
        return [{ type: 'code', text: (token as Tokens.Codespan).text }]
      case 'br':
        return [{ type: 'break' }]
      case 'link': {
        const link = token as Tokens.Link
        const children = inlines(link.tokens, depth + 1)
        return SAFE_LINK.test(link.href.trim()) ? [{ type: 'link', href: link.href.trim(), children }] : children
      }
      case 'image':
        return [{ type: 'text', text: (token as Tokens.Image).text }]
      default:
        return [{ type: 'text', text: token.raw }]
    }
  })
}
