//! Embedded, append-only schema migrations. Migration N brings `PRAGMA user_version` from
//! N-1 to N. Never edit a migration that has shipped: add a new one.

use rusqlite::Connection;

use crate::Result;

/// One schema step. `sql` runs first, then `fill` (work on the rows already stored that SQL
/// cannot express or that is worth reporting as it goes), then `then`, all in the upgrade's
/// transaction. Splitting a shipped migration this way is allowed only if the database it
/// leaves is exactly the one its single SQL text left (tested for migration 5).
pub(super) struct Migration {
    /// Stable key of what the step does, shown to the analyst while a ledger is upgraded
    /// (the UI translates it; see [`super::UpgradeProgress`]).
    pub name: &'static str,
    pub sql: &'static str,
    /// Reports the share of its rows done (0 to 1) through the callback.
    pub fill: Option<Fill>,
    pub then: &'static str,
}

pub(super) type Fill = fn(&Connection, &mut dyn FnMut(f64)) -> Result<()>;

const fn sql(name: &'static str, sql: &'static str) -> Migration {
    Migration {
        name,
        sql,
        fill: None,
        then: "",
    }
}

pub(super) const MIGRATIONS: &[Migration] = &[
    // 1: issues, articles and their full-text index.
    sql(
        "articles",
        r#"
CREATE TABLE issues (
    id            INTEGER PRIMARY KEY,
    publication   TEXT NOT NULL,
    date          TEXT CHECK (date IS NULL OR date(date) IS date),
    date_evidence TEXT,
    source_name   TEXT NOT NULL,
    sha256        TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    imported_at   TEXT NOT NULL
) STRICT;

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    issue_id     INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL CHECK (seq >= 0),
    headline     TEXT NOT NULL,
    subheadings  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(subheadings)),
    byline       TEXT,
    dateline     TEXT,
    body         TEXT NOT NULL,
    captions     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(captions)),
    layout_notes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(layout_notes)),
    UNIQUE (issue_id, seq)
) STRICT;

-- Source spans count characters into body: it must never change once stored.
CREATE TRIGGER articles_body_is_final BEFORE UPDATE OF body ON articles
BEGIN
    SELECT RAISE(ABORT, 'article text is final once imported');
END;

CREATE VIRTUAL TABLE article_fts USING fts5(
    headline, body, content = 'articles', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_fts(rowid, headline, body) VALUES (new.id, new.headline, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO article_fts(article_fts, rowid, headline, body)
    VALUES ('delete', old.id, old.headline, old.body);
END;
"#,
    ),
    // 2: measures, their source spans, and the change log behind undo / redo.
    sql(
        "measures",
        r#"
CREATE TABLE measures (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT, -- ids are never reused: exports and the change log refer to them
    uid                 TEXT NOT NULL UNIQUE CHECK (length(uid) = 36),
    parent_id           INTEGER REFERENCES measures(id),
    title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
    issuer              TEXT,
    jurisdiction        TEXT,
    category            TEXT,
    beneficiaries       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(beneficiaries)),
    value               TEXT CHECK (value IS NULL OR json_valid(value)),
    effective_from      TEXT CHECK (effective_from IS NULL OR date(effective_from) IS effective_from),
    effective_precision TEXT CHECK (effective_precision IN ('day', 'ten_days', 'month', 'quarter', 'half_year', 'year')),
    effective_inferred  INTEGER NOT NULL DEFAULT 0 CHECK (effective_inferred IN (0, 1)),
    expires_on          TEXT CHECK (expires_on IS NULL OR date(expires_on) IS expires_on),
    expires_precision   TEXT CHECK (expires_precision IN ('day', 'ten_days', 'month', 'quarter', 'half_year', 'year')),
    expires_inferred    INTEGER NOT NULL DEFAULT 0 CHECK (expires_inferred IN (0, 1)),
    status              TEXT NOT NULL CHECK (status IN ('suggested', 'confirmed', 'rejected')),
    notes               TEXT NOT NULL DEFAULT '',
    suggestion_key      TEXT UNIQUE,
    revision            INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK (expires_on IS NULL OR effective_from IS NULL OR expires_on >= effective_from),
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;
CREATE INDEX measures_parent ON measures(parent_id);
CREATE INDEX measures_expires ON measures(expires_on);
CREATE INDEX measures_effective ON measures(effective_from);
CREATE INDEX measures_status ON measures(status);

CREATE TABLE sources (
    measure_id   INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL CHECK (seq >= 0),
    article_id   INTEGER NOT NULL REFERENCES articles(id),
    start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset   INTEGER NOT NULL CHECK (end_offset > start_offset),
    quote        TEXT NOT NULL,
    PRIMARY KEY (measure_id, seq)
) STRICT;
CREATE INDEX sources_article ON sources(article_id);

-- A span lies inside its article and quotes exactly the characters it covers.
CREATE TRIGGER sources_quote_matches_article BEFORE INSERT ON sources
WHEN NOT EXISTS (
    SELECT 1 FROM articles a
    WHERE a.id = new.article_id
      AND new.end_offset <= length(a.body)
      AND substr(a.body, new.start_offset + 1, new.end_offset - new.start_offset) = new.quote
)
BEGIN
    SELECT RAISE(ABORT, 'source span does not match its article text');
END;

-- One row per user action (an edit, a bulk change, an import of suggestions).
CREATE TABLE actions (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    label  TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
) STRICT;

-- Snapshots of a measure before and after an action (NULL: it did not exist).
CREATE TABLE changes (
    id         INTEGER PRIMARY KEY,
    action_id  INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    measure_id INTEGER NOT NULL,
    before     TEXT CHECK (before IS NULL OR json_valid(before)),
    after      TEXT CHECK (after IS NULL OR json_valid(after)),
    CHECK (before IS NOT NULL OR after IS NOT NULL)
) STRICT;
CREATE INDEX changes_action ON changes(action_id);
"#,
    ),
    // 3: speed at a year of issues and 100,000 measures (docs/performance.md). Followed by a
    // Rust fill (`index_measure_text`) that fills measure_text for the measures already stored.
    Migration {
        name: "measure_text",
        fill: Some(index_measure_text),
        then: "",
        sql: r#"
-- Short search terms walk issues newest first and stop after a page (search.rs).
CREATE INDEX issues_date ON issues(date DESC, id DESC);

-- The measures table's text filter (text_index.rs): rowid = measure id, CJK as pairs.
CREATE VIRTUAL TABLE measure_text USING fts5(
    title, issuer, notes, quotes, content = '', contentless_delete = 1
);

-- The same rule as migration 2's trigger without length(a.body), which walked the whole
-- article for every span: a quote of exactly end - start characters that equals the substr
-- cannot run past the end, since substr there returns fewer characters.
DROP TRIGGER sources_quote_matches_article;
CREATE TRIGGER sources_quote_matches_article BEFORE INSERT ON sources
WHEN NOT EXISTS (
    SELECT 1 FROM articles a
    WHERE a.id = new.article_id
      AND length(new.quote) = new.end_offset - new.start_offset
      AND substr(a.body, new.start_offset + 1, new.end_offset - new.start_offset) = new.quote
)
BEGIN
    SELECT RAISE(ABORT, 'source span does not match its article text');
END;
"#,
    },
    // 4: FTS5 merges less often while importing (docs/performance.md, session 3). Each commit
    // writes a new index segment; with the default `automerge` of 4, FTS5 rewrites four
    // segments of a level into one as soon as there are four, so at 3,650 issues most of an
    // import's time went to rewriting the index already stored (the same four issues imported
    // into a ledger of a year: 777 M instructions, 301 M of them merging; 480 M with 16).
    // 16 (FTS5's maximum) rewrites each entry half as often; a query reads up to 16 segments
    // a level instead of 4, which the search benchmark measures.
    sql(
        "index_merging",
        r#"
INSERT INTO article_fts(article_fts, rank) VALUES ('automerge', 16);
INSERT INTO measure_text(measure_text, rank) VALUES ('automerge', 16);
"#,
    ),
    // 5: the grouped measures table places items nested at any depth (store/measures.rs,
    // `grouped_order_sql`). Each measure carries its tree: `root_id` (the top package, or
    // itself), `depth` (0 at the top) and `tree_path`, the ids from the root down to it, each
    // written with 10 zero-padded digits and joined by '/', so that sorting by path is the
    // depth-first order with siblings in id order (a parent's path is a prefix of its items'
    // paths and sorts first). The store's one insert writes them from the parent's row;
    // triggers rewrite a moved subtree on any change of `parent_id` (edit, undo / redo, bulk,
    // whatever writes) and refuse a package moved under its own items. A recursive walk per
    // query instead was ≈ 3× slower at 100,000 measures.
    //
    // Invariants: ids stay below 10^10 (AUTOINCREMENT from 1); a subtree is exactly the rows
    // with the same root whose path lies in [path, path || '0'): '/' sorts before '0', and a
    // segment of fixed width cannot be the prefix of another.
    Migration {
        name: "package_tree",
        fill: Some(place_in_tree),
        sql: r#"
ALTER TABLE measures ADD COLUMN root_id INTEGER;
-- At most 64 levels: a path costs 11 bytes a level, so an unbounded chain (a hostile JSON
-- document) would cost its length squared; real packages nest 2–5 levels.
ALTER TABLE measures ADD COLUMN depth INTEGER NOT NULL DEFAULT 0 CHECK (depth BETWEEN 0 AND 63);
ALTER TABLE measures ADD COLUMN tree_path TEXT NOT NULL DEFAULT '';
"#,
        then: r#"
-- (`place_in_tree` filled the columns from each top package down, in batches of packages.)
-- Left unfilled only below the 64th level or inside a parent cycle, neither of which earlier
-- versions had reason to write: such rows stand alone rather than fail the upgrade or
-- vanish from the grouped table.
UPDATE measures SET root_id = id, depth = 0, tree_path = printf('%010d', id) WHERE tree_path = '';

-- A package's rows in tree order; also the subtree range the triggers below rewrite.
CREATE INDEX measures_tree ON measures(root_id, tree_path);

-- No trigger on insert: any trigger on a table makes each of its inserts keep a statement
-- journal, ≈ 30 % more CPU for the import (docs/performance.md, session 6). The
-- store's only insert (store/measures.rs `insert_row`) writes the three columns from the
-- parent's row, and a JSON import, whose packages may come after their items, refills the
-- tree once at its end (`fill_tree`).

-- A package can never become an item of its own items (the store checks first, with a
-- clearer message; this keeps the paths finite whatever writes).
CREATE TRIGGER measures_tree_no_cycle BEFORE UPDATE OF parent_id ON measures
WHEN new.parent_id IS NOT NULL AND old.parent_id IS NOT new.parent_id AND EXISTS (
    SELECT 1 FROM measures p
    WHERE p.id = new.parent_id AND p.root_id = old.root_id
      AND p.tree_path >= old.tree_path AND p.tree_path < old.tree_path || '0'
)
BEGIN
    SELECT RAISE(ABORT, 'a measure cannot be an item of its own items');
END;

-- A measure moved to another package (or out of one) takes its whole subtree along.
CREATE TRIGGER measures_tree_move AFTER UPDATE OF parent_id ON measures
WHEN old.parent_id IS NOT new.parent_id
BEGIN
    UPDATE measures SET
        root_id = coalesce((SELECT p.root_id FROM measures p WHERE p.id = new.parent_id), new.id),
        depth = depth - old.depth
                + coalesce((SELECT p.depth + 1 FROM measures p WHERE p.id = new.parent_id), 0),
        tree_path = coalesce((SELECT p.tree_path || '/' FROM measures p WHERE p.id = new.parent_id), '')
                    || substr(tree_path, length(old.tree_path) - 9)
    WHERE root_id = old.root_id AND tree_path >= old.tree_path AND tree_path < old.tree_path || '0';
END;
"#,
    },
    // 6: the library lists each issue's number of measures (`list_issues`: the distinct
    // measures among its articles' sources). With only an index on `sources(article_id)`
    // every source row was read from the table: 1.2 s at 1,000,000 measures (3.2 million
    // sources), the library's first answer, and on the app's one connection it ran ahead of
    // the measures table at start. An index on (article_id, measure_id) answers from the index
    // alone, and serves every lookup by article the old one did (foreign keys included).
    sql(
        "sources_index",
        r#"
CREATE INDEX sources_article_measure ON sources(article_id, measure_id);
DROP INDEX sources_article;
"#,
    ),
];

/// Migration 3's fill: index the measures already stored (not reported: schema 3 ledgers were
/// small and this step is seldom run).
fn index_measure_text(conn: &Connection, _done: &mut dyn FnMut(f64)) -> Result<()> {
    super::text_index::backfill(conn)
}

/// Top packages placed per statement in [`place_in_tree`]: enough that the per-statement cost
/// is nothing next to the rows it writes, few enough that progress moves every ~1 % at a
/// million measures.
pub(super) const PACKAGES_PER_BATCH: usize = 2_000;

/// Migration 5's fill: each measure's root, depth and path, written by one recursive walk from
/// each top package down, as migration 5's single SQL text did, but a batch of top packages
/// at a time so the upgrade can say how far it is. The result is the same row for row: a
/// measure's values depend only on the chain from its top package, which lies wholly in that
/// package's batch (`PLACE_IN_TREE_AT_ONCE` in the tests is the original text).
fn place_in_tree(conn: &Connection, done: &mut dyn FnMut(f64)) -> Result<()> {
    let roots: Vec<i64> = conn
        .prepare("SELECT id FROM measures WHERE parent_id IS NULL ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut place = conn.prepare(
        "WITH RECURSIVE t(id, root_id, depth, tree_path) AS (
             SELECT id, id, 0, printf('%010d', id) FROM measures
             WHERE parent_id IS NULL AND id BETWEEN ?1 AND ?2
             UNION ALL
             SELECT m.id, t.root_id, t.depth + 1, t.tree_path || '/' || printf('%010d', m.id)
             FROM measures m JOIN t ON m.parent_id = t.id
             WHERE t.depth < 63
         )
         UPDATE measures SET root_id = t.root_id, depth = t.depth, tree_path = t.tree_path
         FROM t WHERE measures.id = t.id",
    )?;
    let batches = roots.len().div_ceil(PACKAGES_PER_BATCH).max(1);
    for (i, batch) in roots.chunks(PACKAGES_PER_BATCH).enumerate() {
        place.execute([batch[0], batch[batch.len() - 1]])?;
        done((i + 1) as f64 / batches as f64);
    }
    Ok(())
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;
