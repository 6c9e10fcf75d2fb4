"""Every table of the program. Importing this package registers them all on `Base.metadata`."""

from volunteer_desk.storage.schema.audit import AuditEntry
from volunteer_desk.storage.schema.base import Base
from volunteer_desk.storage.schema.certificate import ServiceCertificate
from volunteer_desk.storage.schema.exchange import BundleReceipt, BundleSender
from volunteer_desk.storage.schema.imports import ImportBatch, ImportChange
from volunteer_desk.storage.schema.organisation import Organisation
from volunteer_desk.storage.schema.pairing import Pairing, PairingBeneficiary, PairingMember, PersonServed
from volunteer_desk.storage.schema.review import Need, QuarterlyReview
from volunteer_desk.storage.schema.setting import AppSetting
from volunteer_desk.storage.schema.service import (
    Activity,
    ActivityPhoto,
    HoursEntry,
    Participation,
    PointsEntry,
    WeeklyJournal,
)
from volunteer_desk.storage.schema.tally import ServiceTally
from volunteer_desk.storage.schema.teams import BrandProject, ServiceCategory, ServiceStation, Team, TeamMembership
from volunteer_desk.storage.schema.volunteer import VolunteerRow

__all__ = [
    "Activity", "ActivityPhoto", "AppSetting", "AuditEntry", "Base", "BrandProject", "BundleReceipt", "BundleSender",
    "HoursEntry", "ImportBatch",
    "ImportChange", "Need",
    "Organisation", "Pairing", "PairingBeneficiary", "PairingMember", "Participation", "PersonServed",
    "PointsEntry", "QuarterlyReview", "ServiceCategory", "ServiceCertificate", "ServiceStation", "ServiceTally", "Team", "TeamMembership",
    "VolunteerRow", "WeeklyJournal",
]
