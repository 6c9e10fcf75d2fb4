"""Reading and writing this installation's settings (storage.schema.setting)."""

from typing import Any

from sqlalchemy.orm import Session

from volunteer_desk.storage.schema import AppSetting

OPERATOR = "operator"  # the name of the person keeping the records, written beside every change


def get(session: Session, key: str, default: Any = None) -> Any:
    row = session.get(AppSetting, key)
    return default if row is None else row.value


def put(session: Session, key: str, value: Any) -> None:
    row = session.get(AppSetting, key)
    if row is None:
        session.add(AppSetting(key=key, value=value))
    else:
        row.value = value
