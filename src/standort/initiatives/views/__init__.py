# The two permissions most pages of an initiative ask for.
VIEW = "initiatives.view_initiative"
MANAGE = "initiatives.manage_initiative"
CONTACTS = "initiatives.see_contact_details"
# A person's fields that only those who may see contact details see, in its history too.
CONTACT_FIELDS = frozenset({"email", "phone"})


def hidden_person_fields(user, initiative):
    return frozenset() if user.has_perm(CONTACTS, initiative) else CONTACT_FIELDS
