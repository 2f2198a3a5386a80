"""Exporters: model → Markdown, HTML, Word, spreadsheets, Trello and JSON backups. Pure, no Streamlit.

`rapport` builds the content once; `markdown`, `html` and `docx` render it.
"""
