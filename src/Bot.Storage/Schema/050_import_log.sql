-- Every import that wrote data, recorded in the import's own transaction (a row exists exactly when its data does):
-- what came in, from where and when. `data` shows the newest entries; nothing else reads it.
--   source: "chat:<who>", "http", "cli", "demo".
--   at: UTC, ISO 8601 with offset (sorts as text).

CREATE TABLE import_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT    NOT NULL,
    kind      TEXT    NOT NULL,
    source    TEXT    NOT NULL,
    rows      INTEGER NOT NULL,
    inserted  INTEGER NOT NULL,
    replaced  INTEGER NOT NULL
);
