"""Who may do what on the transfer platform: everyone taking part reads it, the project
office keeps the vocabulary and moderates; a transfer officer (a person of a science
institution with an account in the initiative) keeps the institution's offers."""

import rules

from standort.initiatives.rules import is_office, is_platform_admin, of_initiative, takes_part

rules.add_perm("transfer.view", of_initiative(takes_part) | is_platform_admin)
rules.add_perm("transfer.manage", of_initiative(is_office) | is_platform_admin)
