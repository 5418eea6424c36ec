"""The demo: both initiatives of the seed document with everything the apps below add to
them. Each app writes its own part; this module only orders them. Loading again changes
nothing."""

from django.db import transaction

from standort.core.demo import Result
from standort.core.tenancy import initiative_scope, no_initiative
from standort.dialog.demo import load_dialog
from standort.indicators.demo import load_indicators
from standort.initiatives.demo import build_plan, load_accounts, load_initiative
from standort.measures.demo import date_the_past, load_measures
from standort.meetings.demo import load_meetings
from standort.reviews.demo import load_reviews
from standort.surveys.demo import load_surveys
from standort.transfer.demo import load_transfer


@transaction.atomic
def load_demo(*, force=False):
    """Creates or updates both demo initiatives and the demo accounts; returns a Result.
    Starts without an initiative, whatever the caller had open: each part opens the
    scope of the initiative it writes, as in a command."""
    with no_initiative():
        return _load(force)


def _load(force):
    result = Result()
    plan = build_plan()
    users, actor = load_accounts(result=result, plan=plan, force=force)
    organizations, people = {}, {}
    for initiative_plan in plan.initiatives:
        loaded = load_initiative(
            result=result,
            actor=actor,
            plan=plan,
            initiative_plan=initiative_plan,
            users=users,
            organizations=organizations,
            people=people,
        )
        initiative = loaded.initiative
        with initiative_scope(initiative):
            _load_apps(result, actor, plan, loaded, people)
    return result


def _load_apps(result, actor, plan, loaded, people):
    """What the apps above the initiatives add to one initiative, in its scope."""
    initiative, initiative_plan = loaded.initiative, loaded.plan
    load_measures(
        result=result,
        actor=actor,
        initiative=initiative,
        initiative_plan=initiative_plan,
        plan_people=plan.people,
        persons=people,
        bodies=loaded.bodies,
    )
    load_reviews(result=result, actor=actor, initiative=initiative)
    date_the_past(initiative)
    load_dialog(result=result, actor=actor, initiative=initiative)
    load_meetings(result=result, actor=actor, initiative=initiative)
    load_indicators(result=result, actor=actor, initiative=initiative)
    load_surveys(result=result, actor=actor, initiative=initiative)
    load_transfer(result=result, actor=actor, initiative=initiative)
