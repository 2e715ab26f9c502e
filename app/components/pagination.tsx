// Previous / next links for a paged list, nothing when everything fits on one page.
import { Link } from 'react-router'

export function Pagination({ page, pageCount, pageHref }: { page: number; pageCount: number; pageHref: (page: number) => string }) {
  if (pageCount <= 1) return null
  return (
    <nav aria-label="Pages" className="pagination">
      {page > 1 ? <Link to={pageHref(page - 1)}>Previous page</Link> : <span />}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? <Link to={pageHref(page + 1)}>Next page</Link> : <span />}
    </nav>
  )
}
