from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from standort.accounts.tokens import invitation_token
from standort.core.tenancy import initiative_scope

from .models import Initiative


@task()
def send_invitation(*, user_id, initiative_id, inviter_id):
    """Mails the invitation in the invitee's language. The link carries a fresh token,
    so a retried task sends a link that works just as well."""
    User = get_user_model()
    user = User.objects.get(pk=user_id)
    initiative = Initiative.objects.get(pk=initiative_id)
    inviter = User.objects.filter(pk=inviter_id).first()
    if user.has_usable_password():
        path = reverse("login")
    else:
        path = reverse(
            "accept_invitation",
            args=[urlsafe_base64_encode(force_bytes(user.pk)), invitation_token.make_token(user)],
        )
    context = {
        "user": user,
        "initiative": initiative,
        "inviter": inviter,
        "link": f"{settings.SITE_URL}{path}",
        "has_password": user.has_usable_password(),
        "timeout": settings.INVITATION_TIMEOUT_DAYS,
    }
    with translation.override(user.language), initiative_scope(initiative):
        subject = render_to_string("initiatives/mail/invitation_subject.txt", context).strip()
        body = render_to_string("initiatives/mail/invitation.txt", context)
    send_mail(subject, body, None, [user.email])
