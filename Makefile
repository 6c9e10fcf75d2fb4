# VolunteerDesk. `make run`, `make demo` and `make test` each set up what they need on a fresh Debian machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= $(HOME)/.local/share/VolunteerDesk-demo
PO := resources/translations/zh_CN/LC_MESSAGES/volunteer_desk.po
MO := $(PO:.po=.mo)
# Qt's runtime libraries, the Chinese font for Qt's own fallback, poppler-utils for the PDF tests,
# binutils for PyInstaller and the .deb build (objdump, readelf, strip; see packaging/README.md).
SYSTEM_PACKAGES := libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
	libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 fonts-wqy-microhei poppler-utils binutils
# `make package`: the frozen program (PyInstaller, one folder) and the Debian package, in $(DIST).
DIST ?= dist
PYI_WORK ?= build/pyinstaller

.PHONY: run demo test bench system-deps translations i18n-update clean package bundle deb icons

run: system-deps $(STAMP) translations
	$(BIN)/volunteer-desk

demo: system-deps $(STAMP) translations
	rm -rf "$(DEMO_DIR)"
	$(BIN)/volunteer-desk --data-dir "$(DEMO_DIR)" demo --volunteers 3000
	$(BIN)/volunteer-desk --data-dir "$(DEMO_DIR)"

test: system-deps $(STAMP) translations
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not benchmark" -q -n auto --dist loadfile

bench: system-deps $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/benchmarks -m benchmark -q -s

system-deps:
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
		$(PYTHON) -c "import ensurepip, venv" >/dev/null 2>&1 || missing="$$missing python3-venv"; \
		if [ -n "$$missing" ]; then \
			echo "Installing system packages: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		fi; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,package]'
	touch $@

translations: $(MO)

$(MO): $(PO) | $(STAMP)
	$(BIN)/pybabel compile -d resources/translations -D volunteer_desk -l zh_CN

# After adding or changing user-visible strings: refresh the catalogue, then translate what is new.
i18n-update: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --no-default-keywords -k _ -k N_ -k ngettext:1,2 \
		--no-location --sort-output --project=VolunteerDesk -o resources/translations/volunteer_desk.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i resources/translations/volunteer_desk.pot -d resources/translations \
		-D volunteer_desk -l zh_CN --ignore-obsolete --previous

# The Linux release: $(DIST)/volunteer-desk/ and $(DIST)/volunteer-desk_<version>_amd64.deb.
package: deb

bundle: system-deps $(STAMP) translations
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath "$(DIST)" --workpath "$(PYI_WORK)" \
		packaging/volunteer_desk.spec

deb: bundle
	$(BIN)/python packaging/linux/build_deb.py --bundle "$(DIST)/volunteer-desk" --out "$(DIST)"

# After editing resources/icons/volunteer-desk.svg: re-render the PNGs and the .ico (they are committed).
icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/make_icons.py

clean:
	rm -rf $(VENV) $(MO) build dist
