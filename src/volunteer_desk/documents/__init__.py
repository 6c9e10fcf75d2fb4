"""Printed documents drawn with reportlab from plain data: no database, no Qt. The services gather the data
(services/printing); one module here per paper layout."""
