-- Benchmarks and the upgrade E2E test only: turn a ledger of schema 6 back into one of
-- schema 4 with the same data, so that opening it times (or shows) migrations 5 and 6 on a
-- ledger of any size. Schema-4 code cannot write today's measures (the store's insert fills
-- the tree columns of migration 5), so an old ledger of benchmark size is made this way:
-- generate at schema 6, then undo migrations 6 and 5 exactly (their objects dropped, the
-- index migration 6 replaced put back, the columns migration 5 added removed).
BEGIN;
DROP TRIGGER measures_tree_move;
DROP TRIGGER measures_tree_no_cycle;
DROP INDEX measures_tree;
CREATE INDEX sources_article ON sources(article_id);
DROP INDEX sources_article_measure;
ALTER TABLE measures DROP COLUMN tree_path;
ALTER TABLE measures DROP COLUMN depth;
ALTER TABLE measures DROP COLUMN root_id;
PRAGMA user_version = 4;
COMMIT;
