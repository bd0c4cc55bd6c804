"""Widgets of the interactive view. They display and post messages; screens save data."""
