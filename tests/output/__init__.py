"""Tests of pokrovsk_cli.output."""
