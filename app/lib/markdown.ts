// The shape of rendered Markdown that crosses from the server to the page: a small tree of
// blocks and inline runs with no HTML in it, so an organiser's text can never inject markup
// or scripts, and the parser stays out of the browser bundle (markdown.server.ts parses).

export type MarkdownInline =
  | { type: 'text'; text: string }
  | { type: 'strong' | 'em' | 'del'; children: MarkdownInline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: MarkdownInline[] }
  | { type: 'break' }

export type MarkdownBlock =
  | { type: 'paragraph'; children: MarkdownInline[] }
  | { type: 'heading'; level: 1 | 2 | 3; children: MarkdownInline[] }
  | { type: 'list'; ordered: boolean; items: MarkdownBlock[][] }
  | { type: 'blockquote'; children: MarkdownBlock[] }
  | { type: 'code'; text: string }
  | { type: 'rule' }
