"""The JSON API on the bench: the measures list endpoint of the bench initiative's
5,000 measures, read by the public and with the bench user's token, and one measure."""

import datetime

# The issue asks the list endpoint within 3× the floor's median.
TARGET = 3.0


def token(user, initiative):
    # Imported here: the bench's modules load before Django is set up.
    from django.utils import timezone

    from standort.api.models import ApiToken
    from standort.api.services import token_create
    from standort.core.tenancy import initiative_scope

    with initiative_scope(initiative):
        return token_create(
            actor=user,
            token=ApiToken(
                initiative=initiative,
                name="bench",
                scope=ApiToken.Scope.READ,
                expires_on=timezone.localdate() + datetime.timedelta(days=7),
            ),
        )


def bearer(secret):
    return {"Authorization": f"Bearer {secret}"}


def api_pages(installation, page):
    """The API's measured pages, made with `page` (bench.pages.Page)."""
    bench, small = installation.bench.slug, installation.small.slug
    bench_token = bearer(token(installation.user, installation.bench))
    small_token = bearer(token(installation.user, installation.small))

    def measures(slug):
        return f"/api/v1/initiatives/{slug}/measures"

    return [
        page(
            "API measures, public",
            measures(bench),
            measures(small),
            anonymous=True,
            target=TARGET,
        ),
        page(
            "API measures, token",
            measures(bench),
            measures(small),
            anonymous=True,
            target=TARGET,
            headers=bench_token,
            small_headers=small_token,
        ),
        page(
            "API measures, filtered, token",
            f"{measures(bench)}?status=in_progress&overdue=true",
            f"{measures(small)}?status=in_progress&overdue=true",
            anonymous=True,
            target=TARGET,
            headers=bench_token,
            small_headers=small_token,
        ),
        page(
            "API measure, token",
            f"{measures(bench)}/{installation.bench_measure}",
            f"{measures(small)}/{installation.small_measure}",
            anonymous=True,
            headers=bench_token,
            small_headers=small_token,
        ),
    ]
