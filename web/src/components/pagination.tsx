import { Pagination as KPagination } from '@kobalte/core/pagination';
import { Show, type JSX } from 'solid-js';

export interface PaginationProps {
  label: string;
  page: number;
  pages: number;
  onChange: (page: number) => void;
}

export function Pagination(props: PaginationProps): JSX.Element {
  return (
    <Show when={props.pages > 1}>
      <nav aria-label={props.label}>
        <KPagination
          class="pagination"
          count={props.pages}
          page={props.page}
          onPageChange={props.onChange}
          itemComponent={(p) => (
            <KPagination.Item class="pagination__item" page={p.page} aria-label={`Page ${p.page}`}>
              {p.page}
            </KPagination.Item>
          )}
          ellipsisComponent={() => <KPagination.Ellipsis class="pagination__ellipsis">…</KPagination.Ellipsis>}
        >
          <KPagination.Previous class="pagination__item" aria-label="Previous page">‹</KPagination.Previous>
          <KPagination.Items />
          <KPagination.Next class="pagination__item" aria-label="Next page">›</KPagination.Next>
        </KPagination>
      </nav>
    </Show>
  );
}
