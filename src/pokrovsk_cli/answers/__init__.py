"""Questions put to a loaded Dataset: event filters, fact ranking, distances, periods, counts.

Imports the data layer only; knows nothing of formats or the command line.
"""
