"""Public pages of the doctrine. The cases that put it to work come from `evidence`."""

from django.http import Http404
from django.views.generic import TemplateView

from . import evidence, selectors
from .models import Essay, Principle, Strategy, Tactic


class PrincipleListView(TemplateView):
    template_name = "strategies/principle_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        principles = list(selectors.principle_list())
        counts = evidence.provider().for_principle_list(principles, request=self.request)
        for principle in principles:
            principle.counts = counts.get(principle.pk, {})
        context["principles"] = principles
        return context


class _DoctrineDetailView(TemplateView):
    """Looks the record up by slug (404 when unknown) and asks for its evidence."""

    model = None
    selector = None
    evidence_method = ""
    context_name = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            obj = type(self).selector(slug=kwargs["slug"])
        except self.model.DoesNotExist as exc:
            raise Http404 from exc
        method = getattr(evidence.provider(), self.evidence_method)
        context[self.context_name] = obj
        context["evidence"] = method(obj, request=self.request)
        return context


class PrincipleDetailView(_DoctrineDetailView):
    template_name = "strategies/principle_detail.html"
    model = Principle
    selector = staticmethod(selectors.principle_detail)
    evidence_method = "for_principle"
    context_name = "principle"


class StrategyListView(TemplateView):
    template_name = "strategies/strategy_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["strategies"] = selectors.strategy_list()
        return context


class StrategyDetailView(_DoctrineDetailView):
    template_name = "strategies/strategy_detail.html"
    model = Strategy
    selector = staticmethod(selectors.strategy_detail)
    evidence_method = "for_strategy"
    context_name = "strategy"


class TacticDetailView(_DoctrineDetailView):
    template_name = "strategies/tactic_detail.html"
    model = Tactic
    selector = staticmethod(selectors.tactic_detail)
    evidence_method = "for_tactic"
    context_name = "tactic"


class EssayDetailView(TemplateView):
    template_name = "strategies/essay_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context["essay"] = selectors.essay_detail(slug=kwargs["slug"])
        except Essay.DoesNotExist as exc:
            raise Http404 from exc
        return context
