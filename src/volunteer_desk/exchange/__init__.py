"""The export bundle (上报包) without a database or Qt: keys and their fingerprints, the sealed file
(encrypted to the committee, signed by the sender), and the payload inside it (manifest, records as JSON
lines, photos), read as hostile input. docs/bundle-format.md describes the format byte by byte."""


class BundleRejected(ValueError):
    """A bundle (or key file) that cannot be used; `message` says in Chinese what is wrong and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
