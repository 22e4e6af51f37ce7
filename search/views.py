"""The search page. Thin: one selector call."""

from django.views.generic import TemplateView

from . import selectors


class SearchView(TemplateView):
    template_name = "search/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["result"] = selectors.search(
            params=self.request.GET,
            user=self.request.user,
            page_number=self.request.GET.get("page"),
        )
        return context
