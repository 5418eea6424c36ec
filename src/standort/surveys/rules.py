"""Who may do what with surveys: the project office builds and runs them; everyone
taking part reads their results (never the answers of one firm). The rules take the
initiative or one of its surveys."""

import rules

from standort.initiatives.rules import is_office, is_platform_admin, of_initiative, takes_part

rules.add_perm("surveys.view", of_initiative(takes_part) | is_platform_admin)
rules.add_perm("surveys.manage", of_initiative(is_office) | is_platform_admin)
