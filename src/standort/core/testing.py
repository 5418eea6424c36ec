"""Assertions the permission tables of several apps share."""


def assert_access(response, persona, allowed):
    """Allowed: the page or a redirect that is not the sign-in. Denied: anonymous
    callers are sent to sign in, everyone else gets 403."""
    if persona in allowed:
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert "/accounts/login/" not in response["Location"]
    elif persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == 403, response.status_code
