-- Push (issue 5): subscriptions and the outbox of proactive messages. Quartz keeps its own QRTZ_ tables in
-- this file too; it creates them itself (SchemaProvisioning.CreateIfMissing), so they are not scripted here.

-- One subscription per conversation and kind. Times are wall-clock in the subscription's own IANA zone.
CREATE TABLE subscriptions (
    id                   INTEGER PRIMARY KEY,
    channel_id           TEXT NOT NULL,
    conversation_id      TEXT NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('brief', 'todo', 'alerts')),
    -- 'HH:mm' and a WeekDays bit mask (Mon = 1 … Sun = 64); NULL for alerts, which have no schedule.
    local_time           TEXT,
    days                 INTEGER,
    time_zone            TEXT,
    created_by           TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    -- Firings before this instant were never due: set on subscribe, change and resume.
    since_at             TEXT NOT NULL,
    -- The last firing whose message went into the outbox; the firings after it that were not queued are the missed sends.
    last_occurrence_at   TEXT,
    -- Non-NULL while paused because the conversation is gone (connector 403/404); cleared when it is seen again.
    paused_reason        TEXT,
    paused_at            TEXT,
    UNIQUE (channel_id, conversation_id, kind)
);

-- Every proactive message is written here first. The UNIQUE key makes a second firing for the same period a no-op.
CREATE TABLE outbox (
    id                   INTEGER PRIMARY KEY,
    idempotency_key      TEXT NOT NULL UNIQUE,
    kind                 TEXT NOT NULL,
    subscription_id      INTEGER REFERENCES subscriptions (id) ON DELETE SET NULL,
    channel_id           TEXT NOT NULL,
    conversation_id      TEXT NOT NULL,
    title                TEXT NOT NULL,
    -- The activity as the channel renders it (JSON), and a plain-text copy for the console and for admins.
    payload              TEXT NOT NULL,
    text                 TEXT NOT NULL,
    state                TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'dead')),
    attempts             INTEGER NOT NULL DEFAULT 0,
    next_attempt_at      TEXT NOT NULL,
    -- While sending: which worker holds the row and until when. An expired lease means the worker died mid-send.
    claimed_by           TEXT,
    lease_until          TEXT,
    last_error           TEXT,
    activity_id          TEXT,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    sent_at              TEXT
);

CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_conversation ON outbox (channel_id, conversation_id, state);
CREATE INDEX outbox_sent ON outbox (state, sent_at);
