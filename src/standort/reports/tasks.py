from django_tasks import task

from standort.core.tenancy import initiative_scope
from standort.initiatives.models import Initiative

from .services import report_build


@task()
def build_report(*, report_id, attempt):
    """Builds one report; enqueued by services.report_request after the commit."""
    initiative = Initiative.objects.filter(reports__pk=report_id).first()
    if initiative is None:
        return None
    with initiative_scope(initiative):
        return report_build(report_id=report_id, attempt=attempt)
