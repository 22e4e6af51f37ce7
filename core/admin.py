"""Admin pieces every app shares."""

from django.db.models import Max


class PositionedInlineMixin:
    """New inline rows get the next free position, so two new rows never collide."""

    position_field = "position"
    parent_field = "case"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = self.position_field
        start = 0
        if obj is not None and obj.pk:
            start = (
                self.model.objects.filter(**{self.parent_field: obj}).aggregate(m=Max(field))["m"]
                or 0
            )

        class Positioned(formset):
            def get_form_kwargs(self, index):
                kwargs = super().get_form_kwargs(index)
                # index is None for the blank template form the admin's JS clones.
                if index is not None and index >= self.initial_form_count():
                    kwargs.setdefault("initial", {})[field] = (
                        start + index - self.initial_form_count() + 1
                    )
                return kwargs

            def add_fields(self, form, index):
                super().add_fields(form, index)
                # Left blank (or 0), a new row is numbered in clean() below.
                form.fields[field].required = False

            def clean(self):
                # Rows added with "Add another" are copies of one template, so they all arrive
                # with the same position (0, or no number for a source): number the unnumbered
                # rows after every number in use, in order, before uniqueness is checked.
                # Numbers a curator typed are kept, and duplicates among them still reported.
                kept = [
                    form
                    for form in self.forms
                    if hasattr(form, "cleaned_data")
                    and (form in self.initial_forms or form.has_changed())
                    and not self._should_delete_form(form)
                ]
                following = max([start, *(form.cleaned_data.get(field) or 0 for form in kept)])
                for form in kept:
                    if not form.cleaned_data.get(field):
                        following += 1
                        form.cleaned_data[field] = following
                        setattr(form.instance, field, following)
                super().clean()

        return Positioned
