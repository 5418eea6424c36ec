"""Who may write the legal pages. Reading them is for whoever may see the pages they
belong to: the platform's for everyone, an initiative's for whoever may see the
initiative (InitiativeMiddleware answers 404 to everyone else)."""

import rules

from standort.initiatives.rules import is_office, is_platform_admin

# The object is the initiative, or None for the platform's texts, which only the
# platform admin writes (nobody is office of None).
rules.add_perm("home.change_legal_texts", is_office | is_platform_admin)
