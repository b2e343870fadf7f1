"""Maintenance tools that rebuild the registry data files from their sources."""
