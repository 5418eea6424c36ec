from django.db import OperationalError, connection


def test_healthz_answers_when_the_database_does(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_an_unreachable_database(client, db):
    def outage(execute, sql, params, many, context):
        raise OperationalError("connection refused")

    with connection.execute_wrapper(outage):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert b"database unavailable" in response.content
