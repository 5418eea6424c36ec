"""A personal API token in the browser: Anna opens her profile, follows it to her
tokens, makes one for reading and writing, sees it once, uses it, and revokes it; on a
desktop screen and on a phone's. The assertions hold to ids, URLs and data: the
wording of the pages may change between German and English."""

import re

import pytest
from playwright.sync_api import expect

from standort.api.models import ApiToken
from standort.browser_fixtures import PHONE, fits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOKENS = "/accounts/api-tokens/"
SAVE = "form.form-page button[type=submit]"


@pytest.mark.parametrize(
    "screen",
    [pytest.param(None, id="desktop"), pytest.param(PHONE, id="phone")],
)
def test_a_token_is_made_from_the_profile_shown_once_and_revoked(new_ui, anna, duisburg, screen):
    ui = new_ui(*screen) if screen else new_ui()
    page = ui.page

    def checked(*, shot=None):
        ui.check(shot=shot and f"{shot}{'-phone' if screen else ''}")
        if screen:
            fits(ui)

    ui.sign_in("anna@example.org", next_path="/accounts/profile/")
    if screen:
        fits(ui)
    page.locator(f'#api-tokens-heading ~ p a[href="{TOKENS}"]').click()
    checked(shot="api-tokens-empty")
    page.locator(f'a[href="{TOKENS}new/"]').click()
    checked(shot="api-token-form")
    page.locator("#id_name").fill("Projektliste IHK")
    expect(page.locator("#id_initiative")).to_have_value(str(duisburg.pk))
    page.locator('input[name=scope][value="read-write"]').check()
    page.locator(SAVE).click()
    checked(shot="api-token-created")

    secret = page.locator("#token-secret").input_value()
    assert secret.startswith("std_")
    token = ApiToken.objects.get()
    assert (token.name, token.scope, token.user) == ("Projektliste IHK", "read-write", anna)
    measures = f"{ui.base_url}/api/v1/initiatives/duisburg/measures"
    bearer = {"Authorization": f"Bearer {secret}"}
    assert page.request.get(measures, headers=bearer).status == 200

    page.locator(f'a.kern-btn[href="{TOKENS}"]').click()
    checked(shot="api-tokens")
    assert secret not in page.content()
    expect(page.locator("table")).to_contain_text(token.label)
    page.locator(f'a[href="{TOKENS}{token.pk}/revoke/"]').click()
    checked(shot="api-token-revoke")
    page.locator("main button[type=submit]").click()
    checked()

    expect(page).to_have_url(re.compile(f"{TOKENS}$"))
    expect(page.locator(f'a[href="{TOKENS}{token.pk}/revoke/"]')).to_have_count(0)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert page.request.get(measures, headers=bearer).status == 401
