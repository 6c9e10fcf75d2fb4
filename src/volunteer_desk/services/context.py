"""Every service of one open database, built once by the bootstrap and handed to the UI."""

from dataclasses import dataclass
from pathlib import Path

from volunteer_desk.services.activities import ActivityService
from volunteer_desk.services.activity_list import ActivityListService
from volunteer_desk.services.activity_photos import ActivityPhotoService
from volunteer_desk.services.audit_log import AuditLogService
from volunteer_desk.services.bundles import BundleService
from volunteer_desk.services.categories import CategoryService
from volunteer_desk.services.certificates import CertificateService
from volunteer_desk.services.committee import CommitteeService
from volunteer_desk.services.dashboard import DashboardService
from volunteer_desk.services.database import Database, open_database
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


@dataclass(frozen=True)
class Services:
    database: Database
    volunteers: VolunteerService
    roster: RosterService
    setup: SetupService
    activities: ActivityService
    activity_list: ActivityListService
    ledgers: LedgerService
    categories: CategoryService
    dashboard: DashboardService
    reports: ReportService
    teams: TeamService
    stations: StationService
    pairing: PairingService
    needs: NeedService
    journals: JournalService
    rules: RulesService
    photos: ActivityPhotoService
    printing: PrintService
    certificates: CertificateService
    importing: VolunteerImportService
    audit_log: AuditLogService
    bundles: BundleService
    committee: CommitteeService
    retention: RetentionService

    @classmethod
    def open(cls, data_dir: Path) -> "Services":
        database = open_database(data_dir)
        return cls(database=database, volunteers=VolunteerService(database), roster=RosterService(database),
                   setup=SetupService(database), activities=ActivityService(database),
                   activity_list=ActivityListService(database), ledgers=LedgerService(database),
                   categories=CategoryService(database), dashboard=DashboardService(database),
                   reports=ReportService(database), teams=TeamService(database),
                   stations=StationService(database), pairing=PairingService(database), needs=NeedService(database),
                   journals=JournalService(database), rules=RulesService(database),
                   photos=ActivityPhotoService(database), printing=PrintService(database),
                   certificates=CertificateService(database), importing=VolunteerImportService(database),
                   audit_log=AuditLogService(database), bundles=BundleService(database),
                   committee=CommitteeService(database), retention=RetentionService(database))

    def close(self) -> None:
        self.database.close()
