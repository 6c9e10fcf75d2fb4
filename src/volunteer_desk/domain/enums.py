"""Fixed choices of the domain. Values are stored in the database; labels are shown."""

from __future__ import annotations

import enum

from volunteer_desk.i18n import N_, _


class LabelledEnum(str, enum.Enum):
    """A stored value with a translatable label; `label` translates at the moment of display."""

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        return _(self._label)

    @classmethod
    def from_label(cls, text: str):
        for member in cls:
            if text in (member.value, member.label, member._label):
                return member
        raise ValueError(text)


class Sex(LabelledEnum):
    MALE = "male", N_("Male")
    FEMALE = "female", N_("Female")


class PoliticalStatus(LabelledEnum):
    MEMBER = "member", N_("CPC member")
    PROBATIONARY = "probationary", N_("Probationary CPC member")
    ACTIVIST = "activist", N_("Party activist")

    @property
    def has_joined(self) -> bool:
        """Activists have not joined yet, so they have no 入党时间."""
        return self is not PoliticalStatus.ACTIVIST


class Education(LabelledEnum):
    POSTGRADUATE = "postgraduate", N_("Postgraduate")
    BACHELOR = "bachelor", N_("Bachelor's degree")
    COLLEGE = "college", N_("Junior college")
    TECHNICAL = "technical", N_("Technical secondary school")
    HIGH_SCHOOL = "high_school", N_("Senior high school")
    MIDDLE_SCHOOL = "middle_school", N_("Junior high school")
    PRIMARY = "primary", N_("Primary school or below")


class OrgLevel(LabelledEnum):
    COMMITTEE = "committee", N_("Party committee")
    GENERAL_BRANCH = "general_branch", N_("General branch")
    BRANCH = "branch", N_("Branch")


class TeamRole(LabelledEnum):
    BRIGADE_LEADER = "brigade_leader", N_("Brigade leader")
    DETACHMENT_LEADER = "detachment_leader", N_("Detachment leader")
    CAPTAIN = "captain", N_("Team captain")
    RESPONSIBLE = "responsible", N_("Person responsible")
    LIAISON = "liaison", N_("Liaison")
    MEMBER = "member", N_("Team member")


class TeamKind(LabelledEnum):
    BRIGADE = "brigade", N_("Brigade")
    DETACHMENT = "detachment", N_("Detachment")
    TEAM = "team", N_("Service team")


class ActivityKind(LabelledEnum):
    COLLECTIVE = "collective", N_("Collective")
    DISPERSED = "dispersed", N_("Dispersed")
    PAIRING_VISIT = "pairing_visit", N_("Pairing visit")
    EMERGENCY = "emergency", N_("Emergency")


class PairingKind(LabelledEnum):
    ONE_TO_ONE = "one_to_one", N_("One to one")
    MANY_TO_ONE = "many_to_one", N_("Many to one")
    ONE_TO_MANY = "one_to_many", N_("One to many")
