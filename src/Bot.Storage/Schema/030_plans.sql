-- Weekly plans (issue 7): one plan per week, its items, and an append-only audit trail of every step.
-- Instants are ISO 8601 UTC text ("O" format); days are yyyy-MM-dd in the team's time zone.

CREATE TABLE plans (
    id                    INTEGER PRIMARY KEY,
    -- Monday of the plan's week.
    week_start            TEXT NOT NULL UNIQUE,
    -- The shop whose data the items were built from; NULL = all shops.
    shop                  TEXT,
    state                 TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'rejected', 'changes_requested')),
    -- Optimistic concurrency: every change is UPDATE … WHERE state = @from AND version = @v, and bumps it.
    version               INTEGER NOT NULL,
    -- Submissions so far; an approval card carries the number it was built for.
    submission            INTEGER NOT NULL DEFAULT 0,
    created_by_id         TEXT NOT NULL,
    created_by_name       TEXT NOT NULL,
    created_by_aad        TEXT,
    created_at            TEXT NOT NULL,
    -- Where the plan was created or last submitted, and where its approval card went.
    origin_channel        TEXT,
    origin_conversation   TEXT,
    approval_channel      TEXT,
    approval_conversation TEXT,
    submitted_by_id       TEXT,
    submitted_by_name     TEXT,
    submitted_by_aad      TEXT,
    submitted_at          TEXT,
    -- The latest decision (kept while a rejected plan is edited, replaced by the next one).
    decision              TEXT CHECK (decision IN ('approved', 'rejected', 'changes_requested')),
    decided_by_id         TEXT,
    decided_by_name       TEXT,
    decided_by_aad        TEXT,
    decided_at            TEXT,
    decision_note         TEXT,
    -- Set once per submission by the reminder job (claimed before sending); cleared on resubmission.
    reminded_at           TEXT,
    -- Set once when the approved plan is posted to the team conversation.
    posted_at             TEXT
);

CREATE INDEX plans_by_state ON plans (state, week_start);

CREATE TABLE plan_items (
    plan_id   INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    -- 1-based; the number users type in `plan remove 3`.
    position  INTEGER NOT NULL,
    text      TEXT NOT NULL,
    -- .NET DayOfWeek (0 = Sunday … 6 = Saturday); NULL = any day.
    day       INTEGER CHECK (day BETWEEN 0 AND 6),
    owner     TEXT,
    -- MetricCatalog key ('conversion', 'roas', …); NULL when the item names no metric.
    metric    TEXT,
    source    TEXT NOT NULL CHECK (source IN ('manual', 'rhythm', 'data')),
    PRIMARY KEY (plan_id, position)
) WITHOUT ROWID;

-- Every step: created, edited, submitted, approved, rejected, changes_requested, and the steps that change no state:
-- refused (someone who may not decide clicked a decision button), reminded, posted.
CREATE TABLE plan_audit (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plans (id),
    at          TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    actor_aad   TEXT,
    step        TEXT NOT NULL CHECK (step IN ('created', 'edited', 'submitted', 'approved', 'rejected', 'changes_requested', 'refused', 'reminded', 'posted')),
    from_state  TEXT,
    to_state    TEXT NOT NULL,
    -- The reason of a rejection, the comment of a change request, what an edit did.
    note        TEXT,
    -- The plan's version after the step.
    version     INTEGER NOT NULL
);

CREATE INDEX plan_audit_by_plan ON plan_audit (plan_id, id);

-- The audit trail is append-only.
CREATE TRIGGER plan_audit_no_update BEFORE UPDATE ON plan_audit
BEGIN
    SELECT RAISE(ABORT, 'plan_audit is append-only');
END;

CREATE TRIGGER plan_audit_no_delete BEFORE DELETE ON plan_audit
BEGIN
    SELECT RAISE(ABORT, 'plan_audit is append-only');
END;
