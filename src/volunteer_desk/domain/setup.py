"""What the first-start wizard (and `volunteer-desk init`, and Settings) asks about this installation."""

import dataclasses
import re

from volunteer_desk.domain.enums import OrgLevel
from volunteer_desk.i18n import _

ROLES = (OrgLevel.BRANCH, OrgLevel.COMMITTEE)  # a branch (支部) or a parent committee (上级党组织)
_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-_.]{0,39}", re.ASCII)
MAX_MEMBERS = 1_000_000


@dataclasses.dataclass
class SetupInfo:
    role: OrgLevel = OrgLevel.BRANCH
    name: str = ""
    code: str = ""
    parent_name: str = ""
    party_members: int = 0
    operator: str = ""


def check(info: SetupInfo) -> dict[str, str]:
    """{field: message} for everything wrong; empty when the answers can be saved."""
    errors: dict[str, str] = {}
    if info.role not in ROLES:
        errors["role"] = _("Choose whether this is a branch or a parent committee.")
    if not info.name.strip():
        errors["name"] = _("Enter the organisation's full name, e.g. 西湖街道机关第一党支部.")
    elif len(info.name.strip()) > 80:
        errors["name"] = _("The name can have at most 80 characters.")
    if not _CODE.fullmatch(info.code.strip()):
        errors["code"] = _("Enter the organisation code: letters, digits and dashes, up to 40, e.g. 320412-001.")
    if len(info.parent_name.strip()) > 80:
        errors["parent_name"] = _("The name can have at most 80 characters.")
    if not 0 <= info.party_members <= MAX_MEMBERS:
        errors["party_members"] = _("Enter how many Party members the unit has (0 or more).")
    if not info.operator.strip():
        errors["operator"] = _("Enter the name of the person who keeps the records here; it is written "
                               "beside every change.")
    elif len(info.operator.strip()) > 20:
        errors["operator"] = _("The name can have at most 20 characters.")
    return errors
