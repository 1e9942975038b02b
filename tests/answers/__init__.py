"""Tests of pokrovsk_cli.answers."""
