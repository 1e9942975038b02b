"""pokrovsk: a sourced terminal reference on the battle for Pokrovsk, Ukraine."""

__version__ = "0.1.0"
