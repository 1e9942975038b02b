"""Tests of pokrovsk_cli.data."""
