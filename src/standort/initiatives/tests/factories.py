import io

import factory
from PIL import Image

from standort.accounts.tests.factories import UserFactory
from standort.initiatives.models import (
    Body,
    Initiative,
    InitiativeOrganization,
    InitiativePerson,
    InitiativeRole,
    Membership,
    Organization,
    Person,
)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"stadt-{n}")
    name = factory.LazyAttribute(lambda o: f"Standortinitiative {o.city}")
    city = factory.Faker("city", locale="de_DE")
    summary = "Gemeinsam für einen starken Wirtschaftsstandort."
    is_public = True


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Faker("company", locale="de_DE")
    kind = Organization.Kind.COMPANY
    city = factory.Faker("city", locale="de_DE")


class InitiativeOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeOrganization

    initiative = factory.SubFactory(InitiativeFactory)
    organization = factory.SubFactory(OrganizationFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        # The hook below only links the person; saving again would add a history row.
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    email = factory.LazyAttributeSequence(lambda o, n: f"person{n}@example.org")

    @factory.post_generation
    def initiative(obj, create, extracted, **kwargs):
        """PersonFactory(initiative=i) makes the person a participant of i."""
        if create and extracted is not None:
            InitiativePerson.objects.get_or_create(initiative=extracted, person=obj)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    initiative = factory.SubFactory(InitiativeFactory)
    kind = Body.Kind.WORKING_GROUP
    name = factory.Sequence(lambda n: f"Arbeitskreis {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(
        PersonFactory, initiative=factory.SelfAttribute("...body.initiative")
    )
    role = Membership.Role.MEMBER


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InitiativeRole

    initiative = factory.SubFactory(InitiativeFactory)
    user = factory.SubFactory(UserFactory)
    role = InitiativeRole.Role.MEMBER


def user_with_role(initiative, role, *, email, first_name, last_name):
    """A user who is a person of the initiative and holds `role` there."""
    user = UserFactory(email=email, first_name=first_name, last_name=last_name)
    person = PersonFactory(
        first_name=first_name, last_name=last_name, email=email, user=user, initiative=initiative
    )
    RoleFactory(initiative=initiative, user=user, role=role)
    user.person_record = person
    return user


# Logos: a plain drawing, and a PNG of `size`.
LOGO_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 90 30">'
    b'<rect width="90" height="30" fill="#007155"/></svg>'
)


def logo_png(size=(80, 40)):
    out = io.BytesIO()
    Image.new("RGB", size, "#1d4f91").save(out, "PNG")
    return out.getvalue()
