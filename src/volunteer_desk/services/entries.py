"""What every service raises when something entered is wrong, and the checks they share."""

from volunteer_desk.i18n import _


class InvalidEntry(ValueError):
    """Everything wrong with what was entered, by field key (or, for a sign-in sheet, by line number);
    nothing was stored."""

    def __init__(self, errors: dict):
        super().__init__("; ".join(str(message) for message in errors.values()))
        self.errors = errors


def check_text(errors: dict[str, str], key: str, label: str, value: str | None, max_length: int, *,
               required: bool = True) -> str:
    """The stripped text; a note in `errors[key]` when it is missing or too long."""
    text = (value or "").strip()
    if required and not text:
        errors[key] = _("{label} is required.").format(label=label)
    elif len(text) > max_length:
        errors[key] = _("At most {n} characters; this has {count}.").format(n=max_length, count=len(text))
    return text


def gone() -> InvalidEntry:
    return InvalidEntry({"record": _("This record no longer exists.")})
