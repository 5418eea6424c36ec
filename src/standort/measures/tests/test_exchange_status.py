"""The import writes through the measures' services: it moves a measure's status only
as the status form does, along its life and with the reason a status needs, and its
history records are the form's. A row the rules refuse stops the whole file, named by
row and column on the import page."""

import html

import pytest
from django.urls import reverse

from standort.measures import exchange, services
from standort.measures.exchange import columns as c
from standort.measures.models import Measure, PendingImport

from .exchange_files import changed, counts, export_table, new_row, problems, to_csv, upload

pytestmark = pytest.mark.django_db
STATUS = c.german_labels(Measure.Status)


def measure(number, place):
    return Measure.objects.get(initiative=place.initiative, number=number)


def drop(place, anna):
    """Measure 2 dropped through the status form's service, for lack of money."""
    services.measure_set_status(
        actor=anna, measure=measure(2, place), status="dropped", reason="Kein Budget"
    )


def text_of(response):
    return html.unescape(response.content.decode())


def test_a_dropped_measure_is_not_taken_up_again_without_a_reason(place, client, anna):
    drop(place, anna)
    table = changed(export_table(place.initiative), 2, c.STATUS, STATUS["proposed"])
    # The cell still holds the reason it was dropped for; that is no reason to revive it.
    assert table[2][table[0].index(c.STATUS_REASON)] == "Kein Budget"
    changed(table, 1, c.TITLE, "Glasfaser überall")  # a change the rules allow
    before, version = counts(), measure(2, place).version
    client.force_login(anna)

    response = upload(client, to_csv(table))

    [error] = response.context["plan"].errors
    assert (error.row, error.column, error.code) == (3, c.STATUS_REASON, "reason_required")
    page = text_of(response)
    assert "„liste.csv“ kann nicht importiert werden" in page
    assert (
        "Zeile 3, Spalte „Statusbegründung“: „Kein Budget“ ist der Grund, den die Maßnahme "
        "schon hat; bitte geben Sie den Grund für ihren neuen Status an"
    ) in page
    assert 'name="pending"' not in page
    assert not PendingImport.objects.exists()
    # Refused as a whole: the title of measure 1 is not written either.
    assert counts() == before
    assert (measure(1, place).title, measure(2, place).status) == ("Breitband bis 2020", "dropped")
    assert measure(2, place).version == version


def test_without_the_reason_column_taking_up_again_is_refused(place, anna):
    drop(place, anna)
    table = [[c.NUMBER, c.TITLE, c.STATUS], ["2", "Beirat Imageentwicklung", STATUS["proposed"]]]
    plan = exchange.read(place.initiative, "kurz.csv", to_csv(table))
    assert problems(plan) == [(2, c.STATUS_REASON, "reason_required")]
    assert str(plan.errors[0]) == (
        "Zeile 2, Spalte „Statusbegründung“: Bitte geben Sie einen Grund an, warum die "
        "Maßnahme wieder aufgenommen wird."
    )
    assert (plan.creates, plan.updates) == ([], [])
    with pytest.raises(services.DomainError):
        exchange.apply(anna, place.initiative, plan)
    assert measure(2, place).status == "dropped"


def test_a_new_reason_takes_a_dropped_measure_up_again(place, anna):
    drop(place, anna)
    table = changed(export_table(place.initiative), 2, c.STATUS, STATUS["proposed"])
    changed(table, 2, c.STATUS_REASON, "Neue Förderung in Aussicht")
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert plan.errors == []
    assert exchange.apply(anna, place.initiative, plan) == (0, 1)
    revived = measure(2, place)
    assert (revived.status, revived.status_reason) == ("proposed", "Neue Förderung in Aussicht")


@pytest.mark.parametrize(
    ("now", "wanted"),
    [("adopted", "proposed"), ("done", "adopted"), ("dropped", "done"), ("on_hold", "done")],
)
def test_a_move_the_life_of_a_measure_does_not_allow_is_refused(place, now, wanted):
    Measure.objects.filter(pk=place.other_measure.pk).update(status=now, status_reason="Grund")
    table = changed(export_table(place.initiative), 2, c.STATUS, STATUS[wanted])
    changed(table, 2, c.STATUS_REASON, "Ein neuer Grund")
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert problems(plan) == [(3, c.STATUS, "status_refused")]
    assert str(plan.errors[0]) == (
        f"Zeile 3, Spalte „Status“: Eine Maßnahme, die „{STATUS[now]}“ ist, kann nicht "
        f"„{STATUS[wanted]}“ werden."
    )


def test_a_side_exit_needs_its_reason_in_new_and_in_existing_rows(place, anna):
    table = changed(export_table(place.initiative), 2, c.STATUS, STATUS["on_hold"])
    new_row(table, "Hafenbahn", **{c.STATUS: STATUS["dropped"]})
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert problems(plan) == [
        (3, c.STATUS_REASON, "reason_required"),
        (4, c.STATUS_REASON, "reason_required"),
    ]
    assert "Bitte geben Sie für diesen Status eine Begründung an." in str(plan.errors[0])
    # Emptying the reason of a measure on hold is refused as well.
    Measure.objects.filter(pk=place.measure.pk).update(status="on_hold", status_reason="Warten")
    table = changed(export_table(place.initiative), 1, c.STATUS_REASON, "")
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert problems(plan) == [(2, c.STATUS_REASON, "reason_required")]
    assert str(plan.errors[0]).endswith("Bitte geben Sie für diesen Status eine Begründung an.")

    table = changed(export_table(place.initiative), 2, c.STATUS, STATUS["on_hold"])
    changed(table, 2, c.STATUS_REASON, "Wartet auf den Haushalt")
    new_row(table, "Hafenbahn", **{c.STATUS: STATUS["dropped"], c.STATUS_REASON: "Zu teuer"})
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    assert plan.errors == []
    exchange.apply(anna, place.initiative, plan)
    assert (measure(2, place).status, measure(2, place).status_reason) == (
        "on_hold",
        "Wartet auf den Haushalt",
    )
    assert measure(3, place).status_reason == "Zu teuer"


def test_the_status_form_asks_the_same_reason(place, client, anna):
    drop(place, anna)
    client.force_login(anna)
    url = reverse("measure_status", args=["duisburg", 2])
    form = client.get(url).context["form"]
    assert str(form.fields["reason"].required_when) == "nötig, um sie wieder aufzunehmen"
    refused = client.post(url, {"status": "proposed", "reason": " "})
    assert refused.context["form"].errors["reason"] == [
        "Bitte geben Sie einen Grund an, warum die Maßnahme wieder aufgenommen wird."
    ]
    assert client.post(url, {"status": "proposed", "reason": "Neue Förderung"}).status_code == 302
    assert measure(2, place).status_reason == "Neue Förderung"


# History ---------------------------------------------------------------------------


def newest_record(number, place):
    return measure(number, place).history.order_by("-history_date", "-history_id").first()


def kept(record):
    """What a history record says, less its subject and moment."""
    return (
        record.history_type,
        record.history_user,
        record.history_change_reason,
        record.history_changes["changes"],
    )


def test_an_imported_status_change_is_recorded_as_the_status_form_records_it(place, client, anna):
    client.force_login(anna)
    reason = "Wartet auf Fördermittel"
    url = reverse("measure_status", args=["duisburg", 2])
    assert client.post(url, {"status": "on_hold", "reason": reason}).status_code == 302
    by_form = newest_record(2, place)

    table = changed(export_table(place.initiative), 1, c.STATUS, STATUS["on_hold"])
    changed(table, 1, c.STATUS_REASON, reason)
    exchange.apply(anna, place.initiative, exchange.read(place.initiative, "a.csv", to_csv(table)))
    by_import = newest_record(1, place)

    assert kept(by_import) == kept(by_form)
    assert kept(by_import)[3] == [["status", "adopted", "on_hold"], ["status_reason", "", reason]]


def test_imported_tags_are_recorded_as_the_edit_form_records_them(place, anna):
    for number in (1, 2):
        services.set_tags(measure(number, place), ["Digitalisierung", "Infrastruktur"])
    services.measure_save(actor=anna, measure=measure(2, place), tags=["neu", "Image"])
    table = changed(export_table(place.initiative), 1, c.TAGS, "Image, neu")
    new_row(table, "Hafenbahn", **{c.TAGS: "Image, neu"})
    exchange.apply(anna, place.initiative, exchange.read(place.initiative, "a.csv", to_csv(table)))
    services.measure_save(
        actor=anna, measure=Measure(initiative=place.initiative, title="Kai"), tags=["neu", "Image"]
    )

    assert kept(newest_record(1, place)) == kept(newest_record(2, place))
    assert kept(newest_record(1, place))[3] == [
        ["tags", "Digitalisierung, Infrastruktur", "Image, neu"]
    ]
    # A new measure's record names its tags too.
    tags = ["tags", "", "Image, neu"]
    assert tags in newest_record(3, place).history_changes["changes"]
    assert tags in newest_record(4, place).history_changes["changes"]


# The service ------------------------------------------------------------------------


def test_the_service_refuses_what_the_rules_refuse_and_writes_nothing(place, anna):
    drop(place, anna)
    before = counts()
    dropped, first = measure(2, place), measure(1, place)
    changes = [
        services.MeasureChange(measure=first, values={"title": "Glasfaser überall"}),
        services.MeasureChange(measure=dropped, status="proposed"),
        services.MeasureChange(measure=first, values={"parent": dropped}),
        services.MeasureChange(measure=dropped, values={"parent": first}),
    ]
    with pytest.raises(services.ChangesRefused) as refused:
        services.measures_import(actor=anna, initiative=place.initiative, changes=changes)
    assert [(changes.index(ch), name) for ch, name, _m in refused.value.refusals] == [
        (1, "status_reason"),
        (2, "parent"),
        (3, "parent"),
    ]
    assert counts() == before


def test_a_refusal_met_only_when_writing_names_the_row(place, anna):
    """The rules are checked again when the plan is written, and answered as faults of
    the file."""
    table = changed(export_table(place.initiative), 2, c.TITLE, "Beirat Image")
    plan = exchange.read(place.initiative, "liste.csv", to_csv(table))
    plan.updates[0].change.status = "proposed"  # as if the plan had not been checked
    with pytest.raises(exchange.ImportRefused) as refused:
        exchange.apply(anna, place.initiative, plan)
    assert [(p.row, p.column, p.code) for p in refused.value.problems] == [
        (3, c.STATUS, "status_refused")
    ]
    assert measure(2, place).title == "Beirat Imageentwicklung"
