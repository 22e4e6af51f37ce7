from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = _("Legal duties")

    def ready(self):
        # The case page and the playbooks show legal duties through cases' extension points;
        # cases itself never imports legal.
        from cases import extensions

        from .selectors import case_legal_panel, playbook_legal_steps, playbook_options

        extensions.register_case_panel(case_legal_panel)
        extensions.register_playbook_steps(playbook_legal_steps)
        extensions.register_playbook_options(playbook_options)
