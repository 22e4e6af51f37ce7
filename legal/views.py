"""Public pages of legal duties. Views stay thin: each calls one selector."""

from django.http import Http404
from django.views.generic import TemplateView

from cases.models import CrisisType

from . import selectors
from .models import Jurisdiction, LegalProvision


class LegalIndexView(TemplateView):
    template_name = "legal/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(selectors.legal_index())
        return context


class JurisdictionView(TemplateView):
    template_name = "legal/jurisdiction.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context.update(selectors.jurisdiction_detail(code=kwargs["code"]))
        except Jurisdiction.DoesNotExist as exc:
            raise Http404("No such jurisdiction") from exc
        return context


class CrisisTypeDutiesView(TemplateView):
    template_name = "legal/crisis_type.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context.update(selectors.crisis_type_duties(slug=kwargs["slug"]))
        except CrisisType.DoesNotExist as exc:
            raise Http404("No such crisis type") from exc
        return context


class ProvisionView(TemplateView):
    template_name = "legal/provision.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            context.update(selectors.provision_detail(slug=kwargs["slug"]))
        except LegalProvision.DoesNotExist as exc:
            raise Http404("No such provision") from exc
        return context


class DeadlineClockView(TemplateView):
    """A GET form: the URL is the shareable clock. Invalid input answers 400 with the errors."""

    template_name = "legal/clock.html"

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**selectors.deadline_clock(params=request.GET))
        status = 400 if context["submitted"] and context["form"].errors else 200
        return self.render_to_response(context, status=status)
