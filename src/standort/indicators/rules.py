"""Who may do what with goals, indicators and industrial areas: everyone taking part
reads them, the project office keeps them. The rules take the initiative (lists, new
objects) or one of its goals, indicators or areas (the object's pages)."""

import rules

from standort.initiatives.models import Initiative
from standort.initiatives.rules import is_office, is_platform_admin, takes_part


def _of_initiative(predicate):
    @rules.predicate(name=f"{predicate.name}_of_initiative")
    def on_initiative(user, obj):
        initiative = obj if isinstance(obj, Initiative) else obj.initiative
        return predicate.test(user, initiative)

    return on_initiative


rules.add_perm("indicators.view", _of_initiative(takes_part) | is_platform_admin)
rules.add_perm("indicators.manage", _of_initiative(is_office) | is_platform_admin)
