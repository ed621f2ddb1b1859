-- Threshold alerts (issue 6): rules, evaluation state per rule × scope, incidents, the action log,
-- notices waiting for the outbox, and the cards posted (to update them in place).
-- Days are INTEGER days since 1970-01-01 as in the metric store; instants are UTC ISO-8601 TEXT
-- in one fixed format (yyyy-MM-ddTHH:mm:ss.fffffffZ), so they compare as text.

-- A removed rule is kept (removed_at set) so its incidents and log still read.
CREATE TABLE alert_rule (
    id              INTEGER PRIMARY KEY,
    text            TEXT NOT NULL,
    metric          TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('baseline', 'benchmark', 'threshold', 'stockcover', 'goalpace')),
    direction       TEXT NOT NULL CHECK (direction IN ('below', 'above')),
    limit_value     REAL NOT NULL,
    for_days        INTEGER NOT NULL CHECK (for_days >= 1),
    shop            TEXT,
    channel         TEXT,
    category        TEXT,
    owner_name      TEXT NOT NULL,
    owner_id        TEXT,
    owner_aad       TEXT,
    creator_name    TEXT NOT NULL,
    creator_id      TEXT,
    creator_aad     TEXT,
    created_at      TEXT NOT NULL,
    conversation_id TEXT,
    removed_at      TEXT
);

-- One incident per rule × scope × first firing day (the idempotency key); at most one open per rule × scope.
-- "first_*" is the day it fired, "latest_*" the newest day evaluated while it lived.
CREATE TABLE alert_incident (
    id                 INTEGER PRIMARY KEY,
    rule_id            INTEGER NOT NULL REFERENCES alert_rule (id),
    target_key         TEXT NOT NULL,
    target_label       TEXT NOT NULL,
    status             TEXT NOT NULL CHECK (status IN ('firing', 'resolved', 'closed')),
    opened_day         INTEGER NOT NULL,
    opened_at          TEXT NOT NULL,
    first_day          INTEGER NOT NULL,
    first_value        REAL,
    first_reference    REAL,
    first_limit        REAL,
    first_breached     INTEGER,
    first_detail       TEXT,
    latest_day         INTEGER NOT NULL,
    latest_value       REAL,
    latest_reference   REAL,
    latest_limit       REAL,
    latest_breached    INTEGER,
    latest_detail      TEXT,
    resolved_day       INTEGER,
    resolved_at        TEXT,
    reopens            INTEGER NOT NULL DEFAULT 0,
    data_missing       INTEGER NOT NULL DEFAULT 0,
    last_notified_at   TEXT NOT NULL,
    reminders          INTEGER NOT NULL DEFAULT 0,
    ack_name           TEXT,
    ack_id             TEXT,
    ack_aad            TEXT,
    ack_at             TEXT,
    assignee_name      TEXT,
    assignee_id        TEXT,
    assignee_aad       TEXT,
    muted_until        TEXT,
    muted_until_import INTEGER NOT NULL DEFAULT 0,
    muted_by_name      TEXT,
    muted_by_id        TEXT,
    muted_by_aad       TEXT,
    UNIQUE (rule_id, target_key, opened_day)
);

CREATE UNIQUE INDEX alert_incident_one_open ON alert_incident (rule_id, target_key) WHERE status = 'firing';

CREATE INDEX alert_incident_rule ON alert_incident (rule_id, id);

-- The state machine per rule × scope; "version" guards against two evaluations saving over each other.
CREATE TABLE alert_scope_state (
    rule_id                INTEGER NOT NULL REFERENCES alert_rule (id),
    target_key             TEXT NOT NULL,
    target_label           TEXT NOT NULL,
    state                  TEXT NOT NULL CHECK (state IN ('ok', 'pending', 'firing', 'resolved', 'nodata')),
    as_of_day              INTEGER NOT NULL,
    evaluations            INTEGER NOT NULL,
    streak                 INTEGER NOT NULL,
    incident_id            INTEGER REFERENCES alert_incident (id),
    incident_open          INTEGER NOT NULL,
    resolved_at_evaluation INTEGER,
    last_day               INTEGER,
    last_value             REAL,
    last_reference         REAL,
    last_limit             REAL,
    last_breached          INTEGER,
    last_detail            TEXT,
    version                INTEGER NOT NULL,
    updated_at             TEXT NOT NULL,
    PRIMARY KEY (rule_id, target_key)
) WITHOUT ROWID;

-- Who did what when: acknowledge, mute, assign, remove (incident_id NULL for rule actions).
CREATE TABLE alert_action (
    id          INTEGER PRIMARY KEY,
    rule_id     INTEGER NOT NULL REFERENCES alert_rule (id),
    incident_id INTEGER REFERENCES alert_incident (id),
    action      TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    actor_id    TEXT,
    actor_aad   TEXT,
    at          TEXT NOT NULL,
    detail      TEXT
);

CREATE INDEX alert_action_incident ON alert_action (incident_id, id);

CREATE INDEX alert_action_rule ON alert_action (rule_id, id);

-- Written in the same transaction as the change they announce; handed to the outbox afterwards.
CREATE TABLE alert_notice (
    id          INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES alert_incident (id),
    kind        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    done_at     TEXT
);

CREATE INDEX alert_notice_pending ON alert_notice (id) WHERE done_at IS NULL;

-- The activity id of each posted card, per conversation, to update it in place.
CREATE TABLE alert_card (
    incident_id     INTEGER NOT NULL REFERENCES alert_incident (id),
    channel_id      TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    activity_id     TEXT NOT NULL,
    posted_at       TEXT NOT NULL,
    PRIMARY KEY (incident_id, channel_id, conversation_id)
) WITHOUT ROWID;
