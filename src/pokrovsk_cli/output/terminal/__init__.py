"""Rich tables, panels and charts for people: the only modules that import Rich."""
