"""Who may do what with goals, indicators and industrial areas: everyone taking part
reads them, the project office keeps them."""

import rules

from standort.initiatives.rules import is_office, is_platform_admin, takes_part

rules.add_perm("indicators.view", takes_part | is_platform_admin)
rules.add_perm("indicators.manage", is_office | is_platform_admin)
