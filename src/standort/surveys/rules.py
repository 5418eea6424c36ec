"""Who may do what with surveys: the project office builds and runs them; everyone
taking part reads their results (never the answers of one firm)."""

import rules

from standort.initiatives.models import Initiative
from standort.initiatives.rules import is_office, is_platform_admin, takes_part


def _of_initiative(predicate):
    @rules.predicate(name=f"{predicate.name}_of_survey_initiative")
    def on_initiative(user, obj):
        initiative = obj if isinstance(obj, Initiative) else obj.initiative
        return predicate.test(user, initiative)

    return on_initiative


rules.add_perm("surveys.view", _of_initiative(takes_part) | is_platform_admin)
rules.add_perm("surveys.manage", _of_initiative(is_office) | is_platform_admin)
