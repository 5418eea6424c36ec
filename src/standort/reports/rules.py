"""Who may do what with reports. Everyone taking part in the initiative reads them;
the project office has them built."""

import rules

from standort.initiatives.rules import is_office, is_platform_admin, takes_part

# The list of reports, their files and the report as a web page.
rules.add_perm("reports.view_reports", takes_part | is_platform_admin)
# Building the reports of a closed review, or building one again.
rules.add_perm("reports.generate_reports", is_office | is_platform_admin)
