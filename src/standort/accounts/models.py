from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


def normalized_address(email):
    """An e-mail address as it is stored and compared: without the spaces around it,
    case-folded. Sign-in, its lockout, the password reset and new accounts all go
    through it, so that `Anna@Example.org ` is one address, not a fresh one with
    attempts of its own."""
    return (email or "").strip().casefold()


def axes_username(request, credentials=None):
    """The address django-axes counts failed sign-ins under (AXES_USERNAME_CALLABLE)."""
    typed = (credentials or {}).get("username") or request.POST.get("username", "")
    return normalized_address(typed)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email=normalized_address(email))

    def create_user(self, email, password=None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=normalized_address(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with e-mail and password."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = normalized_address(self.email)
        super().save(*args, **kwargs)
