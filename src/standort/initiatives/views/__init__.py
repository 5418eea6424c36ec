# The two permissions most pages of an initiative ask for.
VIEW = "initiatives.view_initiative"
MANAGE = "initiatives.manage_initiative"
