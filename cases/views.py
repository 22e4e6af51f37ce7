"""Public pages of the evidence. Views stay thin: each calls one selector."""

from datetime import date
from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from taggit.models import Tag

from core.pagination import paginate

from . import citations, clock, extensions, ical
from .models import Case, CrisisType
from .selectors import catalogue, compare, facets, matrices, playbook, related, speed, timing


class HomeView(TemplateView):
    template_name = "cases/home.html"

    def get_context_data(self, **kwargs):
        from strategies.models import Essay

        context = super().get_context_data(**kwargs)
        context.update(vars(catalogue.home(user=self.request.user)))
        context["introduction"] = Essay.objects.filter(slug="introduction").first()
        return context


class CaseListView(TemplateView):
    template_name = "cases/case_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["result"] = facets.case_list(
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
            case = catalogue.case_detail(slug=kwargs["slug"], user=self.request.user)
        except Case.DoesNotExist as exc:
            raise Http404("No such case") from exc
        context["case"] = case
        context["related"] = related.related_cases(case=case, user=self.request.user)
        context["response_delay"] = timing.first_response_delay(case)
        context["clock"] = clock.case_clock(case)
        url = self.request.build_absolute_uri(case.get_absolute_url())
        today = date.today()
        context["citation_apa"] = citations.apa(case, url, today)
        context["citation_bibtex"] = citations.bibtex(case, url, today)
        # Sections other apps add (e.g. legal duties), through cases.extensions.
        context["panels"] = extensions.case_panels(case, request=self.request)
        return context


class CrisisTypeListView(TemplateView):
    template_name = "cases/crisistype_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["crisis_types"] = catalogue.crisis_types_with_counts(user=self.request.user)
        return context


class CrisisTypeDetailView(TemplateView):
    template_name = "cases/crisistype_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            detail = catalogue.crisis_type_detail(
                slug=kwargs["slug"],
                user=self.request.user,
                page_number=self.request.GET.get("page"),
            )
        except CrisisType.DoesNotExist as exc:
            raise Http404("No such crisis type") from exc
        context.update(vars(detail))
        return context


TAG_PAGE_SIZE = 120  # tags per page of the tag cloud


class TagListView(TemplateView):
    template_name = "cases/tag_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tags = catalogue.tags_with_counts(user=self.request.user)
        context["page"] = paginate(tags, self.request.GET.get("page"), TAG_PAGE_SIZE)
        return context


class TagDetailView(TemplateView):
    template_name = "cases/tag_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            detail = catalogue.tag_detail(
                slug=kwargs["slug"],
                user=self.request.user,
                page_number=self.request.GET.get("page"),
            )
        except Tag.DoesNotExist as exc:
            raise Http404("No such tag") from exc
        context.update(vars(detail))
        return context


class MatrixView(TemplateView):
    template_name = "cases/matrix.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = matrices.matrix(
            user=self.request.user,
            params=self.request.GET,
            page_number=self.request.GET.get("page"),
        )
        context.update(vars(result))
        return context


class CompareView(TemplateView):
    """Two to four cases side by side; the URL (?cases=a,b,c) is the shareable comparison."""

    template_name = "cases/compare.html"

    def get(self, request, *args, **kwargs):
        picked = request.GET.getlist("case")
        if picked:  # from the checkboxes of a list: redirect to the canonical URL
            return redirect(f"{request.path}?{urlencode({'cases': ','.join(picked)})}")
        t0 = request.GET.get("t0") if request.GET.get("t0") in ("outbreak", "discovered") else ""
        try:
            slugs = compare.parse_compare_slugs(request.GET.get("cases", ""))
            comparison = compare.compare(
                slugs=slugs,
                user=request.user,
                t0=t0 or "outbreak",
                query=request.GET.get("q", ""),
            )
        except compare.CompareError as exc:
            return self.render_to_response({"error": str(exc)}, status=400)
        return self.render_to_response(self.get_context_data(**vars(comparison)))


class ResponseSpeedView(TemplateView):
    template_name = "cases/response_speed.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["speed"] = speed.response_speed(params=self.request.GET)
        context["outcome_choices"] = Case.OutcomeRating.choices
        context["median_groups"] = [
            (_("By crisis type"), page.by_type),
            (_("By country or region"), page.by_country),
            (_("By outcome (analysis)"), page.by_outcome),
        ]
        return context


class PlaybookView(TemplateView):
    """The playbook clock of a crisis type (HTML, Markdown or iCalendar)."""

    template_name = "cases/playbook.html"

    def get(self, request, *args, **kwargs):
        try:
            crisis_type = CrisisType.objects.get(slug=kwargs["slug"])
        except CrisisType.DoesNotExist as exc:
            raise Http404("No such crisis type") from exc
        clock = playbook.playbook_clock(
            crisis_type=crisis_type, user=request.user, params=request.GET
        )
        context = self.get_context_data(crisis_type=crisis_type, clock=clock)
        # A started clock that did not validate is a bad request, with the form's errors shown.
        status = 400 if clock.submitted and clock.start is None else 200
        fmt = kwargs.get("fmt") or ("md" if kwargs.get("markdown") else "")
        if fmt == "ics":
            if clock.start is None:
                response = self.render_to_response(context, status=400)
                return response
            body = ical.playbook_calendar(
                clock, base_url=request.build_absolute_uri("/")[:-1], stamp=timezone.now()
            )
            response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="crisiskb-playbook-{crisis_type.slug}.ics"'
            )
            return response
        if fmt == "md":
            response = render(
                request,
                "cases/playbook.md",
                context,
                content_type="text/markdown; charset=utf-8",
                status=status,
            )
            response["Content-Disposition"] = (
                f'attachment; filename="crisiskb-playbook-{crisis_type.slug}.md"'
            )
            return response
        return self.render_to_response(context, status=status)


class TypeStrategyMatrixView(TemplateView):
    template_name = "cases/type_strategy_matrix.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        result = matrices.type_strategy_matrix(user=self.request.user, params=self.request.GET)
        context.update(vars(result))
        return context


class StudyGuideView(TemplateView):
    template_name = "cases/study_guide.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(vars(matrices.study_guide(user=self.request.user)))
        return context
