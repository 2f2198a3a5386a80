"""Importers: files and pasted text → model objects. Pure functions, no Streamlit."""
