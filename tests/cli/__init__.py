"""Tests of pokrovsk_cli.cli."""
