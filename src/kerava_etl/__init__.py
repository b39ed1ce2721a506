"""kerava-etl: Kerava's strategy action programmes as a clean, validated open dataset."""

__version__ = "0.1.0"
