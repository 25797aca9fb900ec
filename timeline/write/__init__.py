"""Writing the user's file: layout-keeping text edits, checked before an atomic rename.

New write code lives here (``mark``: outcome.py and yamlmark.py); ``add`` and ``import`` still
live at the top (edit.py, yamlappend.py, yamltext.py, files.py), as DESIGN.md records.
"""
