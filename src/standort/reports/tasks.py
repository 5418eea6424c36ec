from django_tasks import task

from .services import report_build


@task()
def build_report(*, report_id, attempt):
    """Builds one report; enqueued by services.report_request after the commit."""
    return report_build(report_id=report_id, attempt=attempt)
