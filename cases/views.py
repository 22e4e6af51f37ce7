"""Public pages of the evidence. Views stay thin: each calls one selector."""

from django.http import Http404
from django.views.generic import TemplateView
from taggit.models import Tag

from . import selectors
from .models import Case, CrisisType


class HomeView(TemplateView):
    template_name = "cases/home.html"

    def get_context_data(self, **kwargs):
        from strategies.models import Essay

        context = super().get_context_data(**kwargs)
        context.update(selectors.home(user=self.request.user))
        context["introduction"] = Essay.objects.filter(slug="introduction").first()
        return context


class CaseListView(TemplateView):
    template_name = "cases/case_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["result"] = selectors.case_list(
            params=self.request.GET,
            user=self.request.user,
            page_number=self.request.GET.get("page"),
        )
        return context


class CaseDetailView(TemplateView):
    template_name = "cases/case_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            case = selectors.case_detail(slug=kwargs["slug"], user=self.request.user)
        except Case.DoesNotExist as exc:
            raise Http404("No such case") from exc
        context["case"] = case
        context["related"] = selectors.related_cases(case=case, user=self.request.user)
        return context


class CrisisTypeListView(TemplateView):
    template_name = "cases/crisistype_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crisis_types"] = selectors.crisis_types_with_counts(user=self.request.user)
        return context


class CrisisTypeDetailView(TemplateView):
    template_name = "cases/crisistype_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            crisis_type, page, principles = selectors.crisis_type_detail(
                slug=kwargs["slug"],
                user=self.request.user,
                page_number=self.request.GET.get("page"),
            )
        except CrisisType.DoesNotExist as exc:
            raise Http404("No such crisis type") from exc
        context.update(crisis_type=crisis_type, page=page, principle_counts=principles)
        return context


class TagListView(TemplateView):
    template_name = "cases/tag_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tags"] = selectors.tags_with_counts(user=self.request.user)
        return context


class TagDetailView(TemplateView):
    template_name = "cases/tag_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            tag, page = selectors.tag_detail(
                slug=kwargs["slug"],
                user=self.request.user,
                page_number=self.request.GET.get("page"),
            )
        except Tag.DoesNotExist as exc:
            raise Http404("No such tag") from exc
        context.update(tag=tag, page=page)
        return context


class MatrixView(TemplateView):
    template_name = "cases/matrix.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            selectors.matrix(
                user=self.request.user,
                params=self.request.GET,
                page_number=self.request.GET.get("page"),
            )
        )
        return context
