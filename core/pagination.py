"""One way to paginate a public list."""

from django.core.paginator import Paginator

PAGE_SIZE = 20


def paginate(queryset, page_number, per_page: int = PAGE_SIZE):
    """A page of `queryset`; a malformed or out-of-range page number gives the nearest page."""
    return Paginator(queryset, per_page).get_page(page_number)
