"""Turns the tables of `data.py` into flat records the loader writes: people with their
generated details, and per initiative its organisations, participants, bodies and
memberships. Pure Python and deterministic: the same tables give the same plan."""

from dataclasses import dataclass, field

from .data import ACCOUNTS, BODIES, INITIATIVES, KEY_PEOPLE, NAMED_IN_PUBLIC, ORGANIZATIONS
from .names import NameGenerator

AREA_CODES = {
    "Duisburg": "0203",
    "Mülheim an der Ruhr": "0208",
    "Oberhausen": "0208",
    "Essen": "0201",
    "Düsseldorf": "0211",
}
SEED = 20160316  # the day the Mülheim industry conference adopted its 33 projects

# Besides the owners named with their measures (data.NAMED_IN_PUBLIC), those who chair
# the bodies that decide in public agreed to be named as their members: Duisburg's
# Oberbürgermeister, the association's speaker and the IHK's president in the
# Lenkungskreis; Mülheim's Oberbürgermeisterin, the association's chairman and IG
# Metall's first delegate at the Industriekonferenz.
NAMED_AS_CHAIRS = {
    "thomas.berger@example.org",
    "heinrich.vosskamp@example.org",
    "ulrich.brockmann@example.org",
    "andrea.lindemann@example.org",
    "hanns-peter.kortmann@example.org",
    "dirk.schwertfeger@example.org",
}


@dataclass
class InitiativePlan:
    spec: dict
    organizations: dict = field(default_factory=dict)  # key -> is_leading
    participants: list = field(default_factory=list)  # e-mails
    bodies: list = field(default_factory=list)  # dicts with the Body fields
    memberships: list = field(default_factory=list)  # (body name, e-mail, role)


@dataclass
class Plan:
    people: dict  # e-mail -> dict with the Person fields (organisation as key)
    initiatives: list  # InitiativePlan


class _Phones:
    """0203 123456-xx: one base number per organisation, extensions in turn."""

    def __init__(self):
        self.extensions = {}

    def next(self, org_key):
        if org_key is None:
            return ""
        _name, _kind, city, _website = ORGANIZATIONS[org_key]
        index = list(ORGANIZATIONS).index(org_key)
        extension = self.extensions.get(org_key, 10) + 1
        self.extensions[org_key] = extension
        return f"{AREA_CODES.get(city, '0208')} {310000 + 1723 * index}-{extension}"


def build_plan():
    phones = _Phones()
    people = {}
    for email, (title, first, last, function, org_key) in KEY_PEOPLE.items():
        people[email] = {
            "title": title,
            "first_name": first,
            "last_name": last,
            "function": function,
            "organization": org_key,
            "email": email,
            "phone": phones.next(org_key),
            "name_is_public": email in NAMED_IN_PUBLIC or email in NAMED_AS_CHAIRS,
        }
    names = NameGenerator(SEED, taken=people)

    def generate(org_key):
        person = names.person(ORGANIZATIONS[org_key][1], org_key)
        person.update(organization=org_key, phone=phones.next(org_key))
        people[person["email"]] = person
        return person["email"]

    initiatives = []
    for spec in INITIATIVES:
        plan = InitiativePlan(spec=spec)
        generated_by_body = {}
        for position, body in enumerate(BODIES[spec["slug"]], start=1):
            plan.bodies.append(
                {
                    "name": body["name"],
                    "kind": body["kind"],
                    "parent": body.get("parent"),
                    "description": body.get("description", ""),
                    "managing_organization": body.get("managed_by"),
                    "position": position * 10,
                }
            )
            generated = [generate(key) for key in body.get("generated", [])]
            generated_by_body[body["name"]] = generated
            from_parent = generated_by_body.get(body.get("parent"), [])
            roles = [
                ("chair", body.get("chairs", [])),
                ("manager", body.get("managers", [])),
                ("member", body.get("members", [])),
                ("member", generated),
                ("member", from_parent[: body.get("from_parent", 0)]),
                ("expert", [generate(key) for key in body.get("generated_experts", [])]),
            ]
            for role, emails in roles:
                plan.memberships.extend((body["name"], email, role) for email in emails)
        _participants(plan, people)
        initiatives.append(plan)
    return Plan(people=people, initiatives=initiatives)


def _participants(plan, people):
    """Members of a body, demo accounts with a role here (the admin everywhere), and the
    organisations of all of them and of the bodies' management, the leading ones first."""
    slug = plan.spec["slug"]
    emails = [email for _body, email, _role in plan.memberships]
    emails += [email for email, (is_admin, roles) in ACCOUNTS.items() if is_admin or slug in roles]
    plan.participants = list(dict.fromkeys(emails))
    plan.organizations = dict.fromkeys(plan.spec["leading"], True)
    org_keys = [people[email]["organization"] for email in plan.participants]
    org_keys += [body["managing_organization"] for body in plan.bodies]
    for org_key in org_keys:
        if org_key is not None:
            plan.organizations.setdefault(org_key, False)
