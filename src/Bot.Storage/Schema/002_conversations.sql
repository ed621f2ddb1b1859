-- Conversation references for proactive sends (bot-protocol.md §4.6, §5.1) and per-conversation settings.

CREATE TABLE conversation_refs (
    channel_id           TEXT NOT NULL,
    conversation_id      TEXT NOT NULL,
    conversation_type    TEXT,
    tenant_id            TEXT,
    service_url          TEXT NOT NULL,
    -- 1 only when the serviceUrl came from a request whose token vouched for it.
    service_url_verified INTEGER NOT NULL DEFAULT 0,
    bot_id               TEXT,
    bot_name             TEXT,
    user_id              TEXT,
    locale               TEXT,
    -- 0 after the connector said the bot is gone (403/404, uninstall); 1 again when seen again.
    active               INTEGER NOT NULL DEFAULT 1,
    inactive_reason      TEXT,
    inactive_since       TEXT,
    first_seen_at        TEXT NOT NULL,
    last_seen_at         TEXT NOT NULL,
    PRIMARY KEY (channel_id, conversation_id)
) WITHOUT ROWID;

-- Settings as JSON (ConversationSettings): new settings need no migration.
CREATE TABLE conversation_settings (
    channel_id      TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    settings        TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (channel_id, conversation_id)
) WITHOUT ROWID;
