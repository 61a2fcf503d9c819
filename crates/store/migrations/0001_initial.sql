-- rasid corpus schema, version 1.
-- `seq` is the ingest order: AUTOINCREMENT so a number is never reused, even
-- after the newest article is replaced (the search index's watermark is a seq).
CREATE TABLE articles (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    outlet      TEXT,
    published   TEXT,            -- as given (date or ISO date-time)
    day         TEXT,            -- YYYY-MM-DD, normalised from `published`
    title       TEXT,
    url         TEXT,
    text        TEXT NOT NULL,
    hash        TEXT NOT NULL,   -- content hash: same id + same hash = unchanged
    extraction  TEXT NOT NULL,   -- rasid.extraction/1 JSON
    dup_of      TEXT,
    story       INTEGER,
    sketch      BLOB,            -- near-duplicate fingerprint, to rebuild the duplicate index
    figures     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX articles_story ON articles(story, day);
CREATE INDEX articles_day ON articles(day);

-- Figures, denormalised for the ledger, exports and ad-hoc SQL.
CREATE TABLE figures (
    article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    category    TEXT,
    who         TEXT,
    value       REAL NOT NULL,
    low         REAL,
    high        REAL,
    approx      TEXT NOT NULL,
    source      TEXT,
    place_ar    TEXT,
    place_en    TEXT,
    period_from TEXT,
    period_to   TEXT,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    in_repeat   INTEGER NOT NULL,
    PRIMARY KEY (article_seq, idx)
) WITHOUT ROWID;
CREATE INDEX figures_category ON figures(category);

-- Places, actors and persons: one row per entity per article (with how often
-- and where first), for filters, story summaries and exports.
CREATE TABLE mentions (
    article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
    kind        TEXT NOT NULL,   -- place | actor | person
    entity      TEXT NOT NULL,
    ar          TEXT NOT NULL,
    en          TEXT NOT NULL,
    type        TEXT NOT NULL,
    count       INTEGER NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    PRIMARY KEY (article_seq, kind, entity)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions(kind, entity);

CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    first       TEXT,
    last        TEXT,
    articles    INTEGER NOT NULL,
    outlets     TEXT NOT NULL,   -- JSON array
    top_places  TEXT NOT NULL,   -- JSON array of {id, ar, en, articles}
    top_actors  TEXT NOT NULL,
    updated_seq INTEGER NOT NULL
);
CREATE INDEX stories_last ON stories(last);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
