"""Ingest: raw and reference CSVs into a new warehouse file, every input row accounted for."""

from analysis.ingest.pipeline import IngestSummary, ingest

__all__ = ["IngestSummary", "ingest"]
