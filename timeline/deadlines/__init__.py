"""Deadlines: when each falls due, counted by its court's rules, and its status as of a day.

Modules, lowest first (each imports only those above it, so there is no cycle):

- ``jurisdictions``: the jurisdictions a case may name (data; the model validates with it)
- ``due``: ``Due``, a deadline's due moment with its explanation
- ``fixed``: the due moments of deadlines written with ``date:``
- ``calendar``: legal holidays and closures (the ``holidays`` package is imported here only)
- ``counting``: computed due dates (``due: {after: ID, days: N}``)
- ``status``: every deadline's status as of a given day

This file imports nothing, so that the model can read the data modules without a cycle.
"""
