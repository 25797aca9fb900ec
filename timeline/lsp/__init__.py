"""`timeline lsp`: the language server, over the loader and the deadline counts.

- ``positions``: the loader's 1-based code-point positions <-> LSP's 0-based UTF-16 ones
- ``workspace``: which files make a document's timeline, loaded from the editor's text
- ``index``: where each id is defined and cited, read from the exact (positioned) tree
- ``hover``, ``completion``, ``definitions``: the answers, as plain values
- ``server``: the pygls server that speaks the protocol (the only module importing pygls)
"""
