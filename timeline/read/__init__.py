"""Reading the record: new reading code lives here (gitrecord.py, the record as git holds it);
the loader itself is still at the top (load.py, yamltree.py, fastyaml.py...), as DESIGN.md
records.
"""
