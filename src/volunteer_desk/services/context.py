"""Every service of one open database, handed to the UI. Each is made, and its module imported, when first
asked for: the start imports what the roster needs, not the whole program (the rest cost about 0.3 s of a
1.2 s start)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from volunteer_desk.services.database import Database, open_database

if TYPE_CHECKING:
    from volunteer_desk.services.activities import ActivityService
    from volunteer_desk.services.activity_list import ActivityListService
    from volunteer_desk.services.activity_photos import ActivityPhotoService
    from volunteer_desk.services.audit_log import AuditLogService
    from volunteer_desk.services.bundles import BundleService
    from volunteer_desk.services.categories import CategoryService
    from volunteer_desk.services.certificates import CertificateService
    from volunteer_desk.services.committee import CommitteeService
    from volunteer_desk.services.dashboard import DashboardService
    from volunteer_desk.services.journals import JournalService
    from volunteer_desk.services.ledgers import LedgerService
    from volunteer_desk.services.needs import NeedService
    from volunteer_desk.services.pairing import PairingService
    from volunteer_desk.services.printing import PrintService
    from volunteer_desk.services.reports import ReportService
    from volunteer_desk.services.retention import RetentionService
    from volunteer_desk.services.roster import RosterService
    from volunteer_desk.services.rules import RulesService
    from volunteer_desk.services.setup import SetupService
    from volunteer_desk.services.stations import StationService
    from volunteer_desk.services.teams import TeamService
    from volunteer_desk.services.volunteer_import import VolunteerImportService
    from volunteer_desk.services.volunteers import VolunteerService


class Services:
    def __init__(self, database: Database):
        self.database = database

    @classmethod
    def open(cls, data_dir: Path) -> Services:
        return cls(open_database(data_dir))

    def close(self) -> None:
        self.database.close()

    # Each import is written out (not looked up by name) so that PyInstaller sees it.

    @cached_property
    def volunteers(self) -> VolunteerService:
        from volunteer_desk.services.volunteers import VolunteerService
        return VolunteerService(self.database)

    @cached_property
    def roster(self) -> RosterService:
        from volunteer_desk.services.roster import RosterService
        return RosterService(self.database)

    @cached_property
    def setup(self) -> SetupService:
        from volunteer_desk.services.setup import SetupService
        return SetupService(self.database)

    @cached_property
    def activities(self) -> ActivityService:
        from volunteer_desk.services.activities import ActivityService
        return ActivityService(self.database)

    @cached_property
    def activity_list(self) -> ActivityListService:
        from volunteer_desk.services.activity_list import ActivityListService
        return ActivityListService(self.database)

    @cached_property
    def ledgers(self) -> LedgerService:
        from volunteer_desk.services.ledgers import LedgerService
        return LedgerService(self.database)

    @cached_property
    def categories(self) -> CategoryService:
        from volunteer_desk.services.categories import CategoryService
        return CategoryService(self.database)

    @cached_property
    def dashboard(self) -> DashboardService:
        from volunteer_desk.services.dashboard import DashboardService
        return DashboardService(self.database)

    @cached_property
    def reports(self) -> ReportService:
        from volunteer_desk.services.reports import ReportService
        return ReportService(self.database)

    @cached_property
    def teams(self) -> TeamService:
        from volunteer_desk.services.teams import TeamService
        return TeamService(self.database)

    @cached_property
    def stations(self) -> StationService:
        from volunteer_desk.services.stations import StationService
        return StationService(self.database)

    @cached_property
    def pairing(self) -> PairingService:
        from volunteer_desk.services.pairing import PairingService
        return PairingService(self.database)

    @cached_property
    def needs(self) -> NeedService:
        from volunteer_desk.services.needs import NeedService
        return NeedService(self.database)

    @cached_property
    def journals(self) -> JournalService:
        from volunteer_desk.services.journals import JournalService
        return JournalService(self.database)

    @cached_property
    def rules(self) -> RulesService:
        from volunteer_desk.services.rules import RulesService
        return RulesService(self.database)

    @cached_property
    def photos(self) -> ActivityPhotoService:
        from volunteer_desk.services.activity_photos import ActivityPhotoService
        return ActivityPhotoService(self.database)

    @cached_property
    def printing(self) -> PrintService:
        from volunteer_desk.services.printing import PrintService
        return PrintService(self.database)

    @cached_property
    def certificates(self) -> CertificateService:
        from volunteer_desk.services.certificates import CertificateService
        return CertificateService(self.database)

    @cached_property
    def importing(self) -> VolunteerImportService:
        from volunteer_desk.services.volunteer_import import VolunteerImportService
        return VolunteerImportService(self.database)

    @cached_property
    def audit_log(self) -> AuditLogService:
        from volunteer_desk.services.audit_log import AuditLogService
        return AuditLogService(self.database)

    @cached_property
    def bundles(self) -> BundleService:
        from volunteer_desk.services.bundles import BundleService
        return BundleService(self.database)

    @cached_property
    def committee(self) -> CommitteeService:
        from volunteer_desk.services.committee import CommitteeService
        return CommitteeService(self.database)

    @cached_property
    def retention(self) -> RetentionService:
        from volunteer_desk.services.retention import RetentionService
        return RetentionService(self.database)
