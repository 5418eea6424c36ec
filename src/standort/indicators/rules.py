"""Who may do what with goals, indicators and industrial areas: everyone taking part
reads them, the project office keeps them. The rules take the initiative (lists, new
objects) or one of its goals, indicators or areas (the object's pages)."""

import rules

from standort.initiatives.rules import is_office, is_platform_admin, of_initiative, takes_part

rules.add_perm("indicators.view", of_initiative(takes_part) | is_platform_admin)
rules.add_perm("indicators.manage", of_initiative(is_office) | is_platform_admin)
