-- `data` lists the newest import of each kind beside the latest ones: one index seek per kind, not a scan of the log.
CREATE INDEX import_log_kind ON import_log (kind, id);
