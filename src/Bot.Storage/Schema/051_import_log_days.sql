-- For daily kinds, the days an import's rows are about (day numbers, as channel_daily.day); NULL for other kinds and
-- for imports logged before this column existed. Its own script: 050 may already be applied where this is not.
ALTER TABLE import_log ADD COLUMN first_day INTEGER;
ALTER TABLE import_log ADD COLUMN last_day INTEGER;
