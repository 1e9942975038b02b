"""Dataset files to a Dataset: the model, dates, reading, validation, layers and the cache.

The bottom layer: it imports nothing from answers, output or cli.
"""
