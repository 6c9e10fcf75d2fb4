"""The paper sheets described once in forms/*.toml: loading, checking and turning typed values into domain values."""

from volunteer_desk.formspec.spec import Cell, Column, Field, FormSpec, ListSpec, Option, Row, SpecError, load, load_all

__all__ = ["Cell", "Column", "Field", "FormSpec", "ListSpec", "Option", "Row", "SpecError", "load", "load_all"]
