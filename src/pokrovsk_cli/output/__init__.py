"""Listings to bytes: the format registry, the records every format shares, and the writers.

Terminal renderers (the only Rich users) live in terminal/, file formats in files/.
"""
