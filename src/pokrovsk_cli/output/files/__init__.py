"""Formats for scripts and other programs: CSV, TSV, JSON, YAML, ICS, GeoJSON, HTML..."""
