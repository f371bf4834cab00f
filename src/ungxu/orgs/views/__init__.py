from ungxu.orgs.views.organisations import (
    organisation_create,
    organisation_detail,
    organisation_edit,
    organisation_list,
    organisation_move,
)
from ungxu.orgs.views.people import (
    person_create,
    person_depart,
    person_detail,
    person_edit,
    person_list,
    role_grant,
    role_revoke,
)

__all__ = [
    "organisation_create",
    "organisation_detail",
    "organisation_edit",
    "organisation_list",
    "organisation_move",
    "person_create",
    "person_depart",
    "person_detail",
    "person_edit",
    "person_list",
    "role_grant",
    "role_revoke",
]
