import pytest
from django.utils import translation

from standort.core.history import history_entries
from standort.measures import services
from standort.measures.models import CustomField, Measure

from .factories import CustomFieldFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def test_own_fields_show_by_label_in_the_history(duisburg, anna):
    costs = CustomFieldFactory(initiative=duisburg, label="Kosten", kind=CustomField.Kind.AMOUNT)
    measure = MeasureFactory(initiative=duisburg)
    measure = Measure.objects.get(pk=measure.pk)
    with translation.override("de"):
        measure.custom_values = {costs.key: "1500.00"}
        services.measure_save(actor=anna, measure=measure)
        measure.title = "Glasfaser für alle"
        measure.custom_values = {costs.key: "2000.00"}
        services.measure_save(actor=anna, measure=measure)

    newest, first, _created = history_entries(Measure.history.filter(id=measure.pk))
    assert [(c.label, c.old, c.new) for c in first.changes] == [("Kosten", "–", "1.500,00 €")]
    assert [(c.label, c.old, c.new) for c in newest.changes][-1] == (
        "Kosten",
        "1.500,00 €",
        "2.000,00 €",
    )
    assert newest.user == anna


def test_changed_tags_show_in_the_history_of_the_edit(duisburg, anna):
    measure = MeasureFactory(initiative=duisburg)
    measure = Measure.objects.get(pk=measure.pk)
    services.measure_save(actor=anna, measure=measure, tags=["Glasfaser"])
    measure.title = "Glasfaser für alle"
    services.measure_save(actor=anna, measure=measure, tags=["Breitband", "Glasfaser"])
    services.measure_save(actor=anna, measure=measure, tags=["Glasfaser", "Breitband"])

    with translation.override("de"):
        unchanged, renamed, tagged, _created = history_entries(
            Measure.history.filter(id=measure.pk)
        )
        assert [(c.label, c.old, c.new) for c in tagged.changes] == [
            ("Schlagworte", "–", "Glasfaser")
        ]
        assert ("Schlagworte", "Glasfaser", "Breitband, Glasfaser") in [
            (c.label, c.old, c.new) for c in renamed.changes
        ]
    # The same tags in another order are no change.
    assert unchanged.changes == []
