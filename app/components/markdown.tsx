// Renders the tree app/lib/markdown.server.ts made from an organiser's Markdown. Headings start
// one level below the section that holds the text (`headingLevel`); links to other sites open
// without giving them this page (rel="noopener noreferrer").
import type { MarkdownBlock, MarkdownInline } from '#app/lib/markdown.ts'

export function Markdown({ blocks, headingLevel }: { blocks: readonly MarkdownBlock[]; headingLevel: 3 | 4 }) {
  return (
    <>
      {blocks.map((block, index) => (
        <Block key={index} block={block} headingLevel={headingLevel} />
      ))}
    </>
  )
}

function Block({ block, headingLevel }: { block: MarkdownBlock; headingLevel: 3 | 4 }) {
  switch (block.type) {
    case 'paragraph':
      return (
        <p>
          <Inlines runs={block.children} />
        </p>
      )
    case 'heading': {
      const Heading = `h${Math.min(headingLevel + block.level - 1, 6)}` as 'h3' | 'h4' | 'h5' | 'h6'
      return (
        <Heading>
          <Inlines runs={block.children} />
        </Heading>
      )
    }
    case 'list': {
      const List = block.ordered ? 'ol' : 'ul'
      return (
        <List>
          {block.items.map((item, index) => (
            <li key={index}>
              <Markdown blocks={item} headingLevel={headingLevel} />
            </li>
          ))}
        </List>
      )
    }
    case 'blockquote':
      return (
        <blockquote>
          <Markdown blocks={block.children} headingLevel={headingLevel} />
        </blockquote>
      )
    case 'code':
      return (
        <pre>
          <code>{block.text}</code>
        </pre>
      )
    case 'rule':
      return <hr />
  }
}

function Inlines({ runs }: { runs: readonly MarkdownInline[] }) {
  return (
    <>
      {runs.map((run, index) => {
        switch (run.type) {
          case 'text':
            return run.text
          case 'strong':
            return (
              <strong key={index}>
                <Inlines runs={run.children} />
              </strong>
            )
          case 'em':
            return (
              <em key={index}>
                <Inlines runs={run.children} />
              </em>
            )
          case 'del':
            return (
              <del key={index}>
                <Inlines runs={run.children} />
              </del>
            )
          case 'code':
            return <code key={index}>{run.text}</code>
          case 'break':
            return <br key={index} />
          case 'link':
            return (
              <a key={index} href={run.href} rel="noopener noreferrer">
                <Inlines runs={run.children} />
              </a>
            )
        }
      })}
    </>
  )
}
