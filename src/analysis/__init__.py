"""Transfer Radar: football transfer rumours and contract expiries, from raw CSVs to answers."""

__version__ = "0.1.0"
