"""VolunteerDesk: Party-member volunteer service records for branch secretaries."""


def __getattr__(name: str) -> str:
    # importlib.metadata costs ~60 ms at start-up; the version is looked up only when asked for.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("volunteer-desk")
        except PackageNotFoundError:  # a frozen build carries no package metadata
            return "0.1.0"
    raise AttributeError(name)
