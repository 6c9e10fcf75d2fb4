"""The frozen program's entry point: PyInstaller runs this file as __main__ (see volunteer_desk.spec)."""

import sys

from volunteer_desk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
