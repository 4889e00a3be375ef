-- The schema of the last development build before the schema was folded into one
-- migration (format 8: migrations 0001_initial .. 0008_bulk_cost_insert), as its
-- sqlite_master held it, with the rows its migrations wrote. Tests build files of that
-- build from it (tests/storage/test_upgrade.py). Never change it.
PRAGMA application_id = 1380209483;
PRAGMA user_version = 8;
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'workbook',
    rows INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX import_batches_fingerprint ON import_batches(fingerprint);
CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    client_id INTEGER REFERENCES clients(id),
    platforms TEXT NOT NULL DEFAULT '',
    objective TEXT,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    budget INTEGER,
    status TEXT NOT NULL DEFAULT 'active',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX campaigns_client ON campaigns(client_id);
CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    kpi TEXT NOT NULL,
    baseline TEXT NOT NULL,
    target TEXT NOT NULL,
    deadline TEXT NOT NULL
);
CREATE INDEX goals_campaign ON goals(campaign_id);
CREATE TABLE costs (
    id INTEGER PRIMARY KEY,
    start_date TEXT NOT NULL,
    end_date TEXT,
    repeat TEXT NOT NULL DEFAULT 'none',
    until TEXT,
    campaign_id INTEGER REFERENCES campaigns(id),
    platform TEXT,
    category TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    amount INTEGER,
    hours INTEGER,
    hourly_rate INTEGER,
    batch_id INTEGER REFERENCES import_batches(id) ON DELETE CASCADE
);
CREATE INDEX costs_start ON costs(start_date);
CREATE INDEX costs_campaign ON costs(campaign_id);
CREATE INDEX costs_batch ON costs(batch_id);
CREATE TABLE results (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    campaign_id INTEGER REFERENCES campaigns(id),
    platform TEXT,
    content_type TEXT,
    impressions INTEGER,
    reach INTEGER,
    engagements INTEGER,
    followers_gained INTEGER,
    link_clicks INTEGER,
    sessions INTEGER,
    leads INTEGER,
    conversions INTEGER,
    new_customers INTEGER,
    revenue INTEGER,
    batch_id INTEGER REFERENCES import_batches(id) ON DELETE CASCADE
);
CREATE INDEX results_date ON results(date);
CREATE INDEX results_campaign_date ON results(campaign_id, date);
CREATE INDEX results_platform_date ON results(platform, date);
CREATE INDEX results_batch ON results(batch_id);
CREATE TABLE result_months (
    month TEXT NOT NULL,
    campaign_id INTEGER,
    platform TEXT,
    content_type TEXT,
    row_count INTEGER NOT NULL,
    impressions INTEGER NOT NULL DEFAULT 0,
    reach INTEGER NOT NULL DEFAULT 0,
    engagements INTEGER NOT NULL DEFAULT 0,
    followers_gained INTEGER NOT NULL DEFAULT 0,
    link_clicks INTEGER NOT NULL DEFAULT 0,
    sessions INTEGER NOT NULL DEFAULT 0,
    leads INTEGER NOT NULL DEFAULT 0,
    conversions INTEGER NOT NULL DEFAULT 0,
    new_customers INTEGER NOT NULL DEFAULT 0,
    revenue INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX result_months_month ON result_months(month);
CREATE TABLE valuations (
    id INTEGER PRIMARY KEY,
    metric TEXT NOT NULL,
    platform TEXT,
    valid_from TEXT NOT NULL,
    value_per_unit INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE other_returns (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    campaign_id INTEGER REFERENCES campaigns(id),
    platform TEXT,
    amount INTEGER NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX other_returns_date ON other_returns(date);
CREATE TABLE revisions (name TEXT PRIMARY KEY, token INTEGER NOT NULL);
CREATE TRIGGER result_months_insert_revision AFTER INSERT ON result_months BEGIN UPDATE revisions SET token = random() WHERE name = 'results'; END;
CREATE TRIGGER result_months_update_revision AFTER UPDATE ON result_months BEGIN UPDATE revisions SET token = random() WHERE name = 'results'; END;
CREATE TRIGGER result_months_delete_revision AFTER DELETE ON result_months BEGIN UPDATE revisions SET token = random() WHERE name = 'results'; END;
CREATE TABLE month_revisions (month TEXT PRIMARY KEY, token INTEGER NOT NULL);
CREATE TRIGGER result_months_insert_month_revision AFTER INSERT ON result_months BEGIN INSERT INTO month_revisions (month, token) VALUES (NEW.month, random()) ON CONFLICT (month) DO UPDATE SET token = excluded.token; END;
CREATE TRIGGER result_months_delete_month_revision AFTER DELETE ON result_months BEGIN INSERT INTO month_revisions (month, token) VALUES (OLD.month, random()) ON CONFLICT (month) DO UPDATE SET token = excluded.token; END;
CREATE TRIGGER result_months_update_month_revision AFTER UPDATE ON result_months BEGIN INSERT INTO month_revisions (month, token) VALUES (OLD.month, random()) ON CONFLICT (month) DO UPDATE SET token = excluded.token; INSERT INTO month_revisions (month, token) VALUES (NEW.month, random()) ON CONFLICT (month) DO UPDATE SET token = excluded.token; END;
CREATE INDEX result_months_by_month ON result_months (month, platform, campaign_id, content_type, impressions, reach, engagements, followers_gained, link_clicks, sessions, leads, conversions, new_customers, revenue);
CREATE INDEX result_months_by_campaign ON result_months (campaign_id, platform, month, content_type, impressions, reach, engagements, followers_gained, link_clicks, sessions, leads, conversions, new_customers, revenue);
CREATE TRIGGER settings_insert_revision AFTER INSERT ON settings BEGIN UPDATE revisions SET token = random() WHERE name IN ('records', 'settings'); END;
CREATE TRIGGER settings_update_revision AFTER UPDATE ON settings BEGIN UPDATE revisions SET token = random() WHERE name IN ('records', 'settings'); END;
CREATE TRIGGER settings_delete_revision AFTER DELETE ON settings BEGIN UPDATE revisions SET token = random() WHERE name IN ('records', 'settings'); END;
CREATE TRIGGER campaigns_insert_revision AFTER INSERT ON campaigns BEGIN UPDATE revisions SET token = random() WHERE name IN ('records', 'campaigns'); END;
CREATE TRIGGER campaigns_update_revision AFTER UPDATE ON campaigns BEGIN UPDATE revisions SET token = random() WHERE name IN ('records', 'campaigns'); END;
CREATE TRIGGER campaigns_delete_revision AFTER DELETE ON campaigns BEGIN UPDATE revisions SET token = random() WHERE name IN ('records', 'campaigns'); END;
CREATE TRIGGER costs_update_revision AFTER UPDATE ON costs BEGIN UPDATE revisions SET token = random() WHERE name IN ('records', 'costs'); END;
CREATE TRIGGER costs_delete_revision AFTER DELETE ON costs BEGIN UPDATE revisions SET token = random() WHERE name IN ('records', 'costs'); END;
CREATE TRIGGER valuations_insert_revision AFTER INSERT ON valuations BEGIN UPDATE revisions SET token = random() WHERE name IN ('records', 'valuations'); END;
CREATE TRIGGER valuations_update_revision AFTER UPDATE ON valuations BEGIN UPDATE revisions SET token = random() WHERE name IN ('records', 'valuations'); END;
CREATE TRIGGER valuations_delete_revision AFTER DELETE ON valuations BEGIN UPDATE revisions SET token = random() WHERE name IN ('records', 'valuations'); END;
CREATE TRIGGER other_returns_insert_revision AFTER INSERT ON other_returns BEGIN UPDATE revisions SET token = random() WHERE name IN ('records', 'other_returns'); END;
CREATE TRIGGER other_returns_update_revision AFTER UPDATE ON other_returns BEGIN UPDATE revisions SET token = random() WHERE name IN ('records', 'other_returns'); END;
CREATE TRIGGER other_returns_delete_revision AFTER DELETE ON other_returns BEGIN UPDATE revisions SET token = random() WHERE name IN ('records', 'other_returns'); END;
CREATE TABLE cost_ledger (id INTEGER PRIMARY KEY CHECK (id = 1), horizon TEXT);
CREATE TABLE cost_shares (month INTEGER PRIMARY KEY, sums TEXT NOT NULL, runs TEXT NOT NULL);
CREATE TABLE cost_changes(
  id INT,
  start_date TEXT,
  end_date TEXT,
  repeat TEXT,
  until TEXT,
  campaign_id INT,
  platform TEXT,
  category TEXT,
  description TEXT,
  amount INT,
  hours INT,
  hourly_rate INT,
  batch_id INT
);
CREATE TABLE campaign_changes (start_date TEXT NOT NULL, end_date TEXT NOT NULL);
CREATE TRIGGER campaigns_insert_change AFTER INSERT ON campaigns BEGIN INSERT INTO campaign_changes VALUES (NEW.start_date, NEW.end_date); END;
CREATE TRIGGER costs_delete_change AFTER DELETE ON costs BEGIN INSERT INTO cost_changes (id, start_date, end_date, repeat, until, campaign_id, platform, category, description, amount, hours, hourly_rate, batch_id) VALUES (OLD.id, OLD.start_date, OLD.end_date, OLD.repeat, OLD.until, OLD.campaign_id, OLD.platform, OLD.category, OLD.description, OLD.amount, OLD.hours, OLD.hourly_rate, OLD.batch_id); END;
CREATE TRIGGER campaigns_delete_change AFTER DELETE ON campaigns BEGIN INSERT INTO campaign_changes VALUES (OLD.start_date, OLD.end_date); END;
CREATE TRIGGER costs_update_change AFTER UPDATE ON costs BEGIN INSERT INTO cost_changes (id, start_date, end_date, repeat, until, campaign_id, platform, category, description, amount, hours, hourly_rate, batch_id) VALUES (OLD.id, OLD.start_date, OLD.end_date, OLD.repeat, OLD.until, OLD.campaign_id, OLD.platform, OLD.category, OLD.description, OLD.amount, OLD.hours, OLD.hourly_rate, OLD.batch_id); INSERT INTO cost_changes (id, start_date, end_date, repeat, until, campaign_id, platform, category, description, amount, hours, hourly_rate, batch_id) VALUES (NEW.id, NEW.start_date, NEW.end_date, NEW.repeat, NEW.until, NEW.campaign_id, NEW.platform, NEW.category, NEW.description, NEW.amount, NEW.hours, NEW.hourly_rate, NEW.batch_id); END;
CREATE TRIGGER campaigns_update_change AFTER UPDATE ON campaigns WHEN OLD.id IS NOT NEW.id OR OLD.start_date IS NOT NEW.start_date OR OLD.end_date IS NOT NEW.end_date BEGIN INSERT INTO campaign_changes VALUES (OLD.start_date, OLD.end_date); INSERT INTO campaign_changes VALUES (NEW.start_date, NEW.end_date); END;
CREATE TABLE result_pieces (first_day TEXT NOT NULL, last_day TEXT NOT NULL, sums TEXT NOT NULL, PRIMARY KEY (first_day, last_day));
CREATE TABLE result_month_changes (month TEXT PRIMARY KEY);
CREATE TRIGGER result_months_insert_change AFTER INSERT ON result_months BEGIN INSERT OR IGNORE INTO result_month_changes VALUES (NEW.month); END;
CREATE TRIGGER result_months_delete_change AFTER DELETE ON result_months BEGIN INSERT OR IGNORE INTO result_month_changes VALUES (OLD.month); END;
CREATE TRIGGER result_months_update_change AFTER UPDATE ON result_months BEGIN INSERT OR IGNORE INTO result_month_changes VALUES (OLD.month); INSERT OR IGNORE INTO result_month_changes VALUES (NEW.month); END;
CREATE TABLE bulk_cost_insert (active INTEGER NOT NULL);
CREATE TRIGGER costs_insert_revision AFTER INSERT ON costs WHEN NOT EXISTS (SELECT 1 FROM bulk_cost_insert) BEGIN UPDATE revisions SET token = random() WHERE name IN ('records', 'costs'); END;
CREATE TRIGGER costs_insert_change AFTER INSERT ON costs WHEN NOT EXISTS (SELECT 1 FROM bulk_cost_insert) BEGIN INSERT INTO cost_changes (id, start_date, end_date, repeat, until, campaign_id, platform, category, description, amount, hours, hourly_rate, batch_id) VALUES (NEW.id, NEW.start_date, NEW.end_date, NEW.repeat, NEW.until, NEW.campaign_id, NEW.platform, NEW.category, NEW.description, NEW.amount, NEW.hours, NEW.hourly_rate, NEW.batch_id); END;
INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('roidesk', '0001_initial', '2026-12-08 04:18:22.413900+00:00');
INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('roidesk', '0002_revisions', '2026-12-08 04:18:22.432794+00:00');
INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('roidesk', '0003_month_revisions', '2026-12-08 04:18:22.451253+00:00');
INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('roidesk', '0004_month_sum_indexes', '2026-12-08 04:18:22.469159+00:00');
INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('roidesk', '0005_table_revisions', '2026-12-08 04:18:22.479652+00:00');
INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('roidesk', '0006_cost_shares', '2026-12-08 04:18:22.489398+00:00');
INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('roidesk', '0007_result_pieces', '2026-12-08 04:18:22.491857+00:00');
INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('roidesk', '0008_bulk_cost_insert', '2026-12-08 04:18:22.501068+00:00');
INSERT INTO revisions VALUES ('records', 1), ('results', 2), ('settings', 3), ('campaigns', 4), ('costs', 5), ('valuations', 6), ('other_returns', 7);
INSERT INTO cost_ledger VALUES (1, NULL);
