"""VolunteerDesk: Party-member volunteer service records for branch secretaries."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("volunteer-desk")
except PackageNotFoundError:  # running from a source tree or a frozen build without metadata
    __version__ = "0.1.0"
