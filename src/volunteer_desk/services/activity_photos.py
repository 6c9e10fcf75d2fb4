"""活动影像资料 (seed 002 七.3): photos kept with an activity record, inside the database so backups carry them."""

import datetime as dt
from dataclasses import dataclass

from volunteer_desk.i18n import _
from volunteer_desk.services.activities import InvalidActivity
from volunteer_desk.services.database import Database
from volunteer_desk.storage import activities as store
from volunteer_desk.storage import audit
from volunteer_desk.storage.schema import ActivityPhoto

MAX_PHOTO_BYTES = 2 * 1024 * 1024
_JPEG, _PNG = b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class PhotoInfo:
    id: str
    caption: str
    size: int
    added_at: dt.datetime


class ActivityPhotoService:
    def __init__(self, database: Database):
        self._db = database

    def add_photo(self, activity_id: str, image: bytes, caption: str = "") -> str:
        """A JPEG or PNG of at most 2 MB (the UI resizes before handing it over)."""
        if not isinstance(image, (bytes, bytearray)) or not (image.startswith(_JPEG) or image.startswith(_PNG)):
            raise InvalidActivity({"image": _("Only JPEG and PNG pictures can be kept.")})
        if len(image) > MAX_PHOTO_BYTES:
            raise InvalidActivity({"image": _("The picture is larger than 2 MB; make it smaller first.")})
        if len(caption.strip()) > 120:
            raise InvalidActivity({"caption": _("At most {n} characters.").format(n=120)})
        with self._db.sessions.begin() as session:
            activity = store.live(session, activity_id)
            if activity is None:
                raise InvalidActivity({"activity": _("This activity no longer exists.")})
            photo = ActivityPhoto(activity_id=activity_id, image=bytes(image), caption=caption.strip(),
                                  org_id=activity.org_id)
            session.add(photo)
            session.flush()
            audit.record(session, action="create", entity="activity_photo", entity_id=photo.id,
                         summary=f"activity {activity_id}, {len(image)} bytes", org_id=activity.org_id)
            return photo.id

    def photos(self, activity_id: str) -> list[PhotoInfo]:
        with self._db.sessions() as session:
            return [PhotoInfo(*row) for row in store.photos(session, activity_id)]

    def photo(self, photo_id: str) -> bytes | None:
        with self._db.sessions() as session:
            photo = session.get(ActivityPhoto, photo_id)
            return None if photo is None or photo.deleted else photo.image

    def delete_photo(self, photo_id: str) -> bool:
        with self._db.sessions.begin() as session:
            photo = session.get(ActivityPhoto, photo_id)
            if photo is None or photo.deleted:
                return False
            photo.deleted = True
            audit.record(session, action="delete", entity="activity_photo", entity_id=photo_id,
                         summary=f"activity {photo.activity_id}", org_id=photo.org_id)
            return True
