namespace Verifier.Storage.Sqlite;

/// <summary>
/// The schema as an ordered list of migrations; the database records how many it has applied,
/// so start-up brings any older file forward and never re-runs a step.
/// </summary>
internal static class SqliteSchema
{
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE clients (
            client_id     TEXT PRIMARY KEY,
            role          INTEGER NOT NULL,
            location_id   TEXT NOT NULL,
            display_name  TEXT NOT NULL,
            created_at    INTEGER NOT NULL
        );
        CREATE TABLE api_keys (
            key_hash      TEXT PRIMARY KEY,
            client_id     TEXT NOT NULL REFERENCES clients(client_id),
            created_at    INTEGER NOT NULL
        );

        -- version: bumped on every change that alters answers (withdrawal), checked by the cache.
        -- master_version: the product data's own version history (product_versions).
        CREATE TABLE products (
            id              INTEGER PRIMARY KEY,
            product_code    TEXT NOT NULL UNIQUE,
            scheme          INTEGER NOT NULL,
            owner_id        TEXT NOT NULL,
            withdrawn       INTEGER NOT NULL DEFAULT 0,
            version         INTEGER NOT NULL DEFAULT 1,
            master_version  INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE product_versions (
            product_id  INTEGER NOT NULL REFERENCES products(id),
            version     INTEGER NOT NULL,
            data        TEXT NOT NULL,
            created_at  INTEGER NOT NULL,
            created_by  TEXT NOT NULL,
            PRIMARY KEY (product_id, version)
        );
        CREATE TABLE product_withdrawals (
            product_id    INTEGER NOT NULL REFERENCES products(id),
            market        TEXT NOT NULL,
            reason        TEXT,
            withdrawn_at  INTEGER NOT NULL,
            withdrawn_by  TEXT NOT NULL,
            PRIMARY KEY (product_id, market)
        );

        -- visible = 0 while an upload is still streaming: its packs exist but are not answered.
        CREATE TABLE batches (
            id          INTEGER PRIMARY KEY,
            product_id  INTEGER NOT NULL REFERENCES products(id),
            batch       TEXT NOT NULL,
            expiry      TEXT NOT NULL,
            recalled    INTEGER NOT NULL DEFAULT 0,
            version     INTEGER NOT NULL DEFAULT 1,
            visible     INTEGER NOT NULL DEFAULT 1,
            created_at  INTEGER NOT NULL,
            UNIQUE (product_id, batch)
        );

        -- Billions of rows in a large market: no rowid, the key is the unique identifier itself.
        CREATE TABLE packs (
            product_id           INTEGER NOT NULL,
            serial               TEXT NOT NULL,
            batch_id             INTEGER NOT NULL,
            state                INTEGER NOT NULL DEFAULT 1,
            version              INTEGER NOT NULL DEFAULT 1,
            changed_at           INTEGER,
            changed_by_client    TEXT,
            changed_by_location  TEXT,
            repeat_count         INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (product_id, serial)
        ) WITHOUT ROWID;
        CREATE INDEX packs_batch ON packs (batch_id, state);

        -- Append-only. Also the stored answer to an idempotent retry (client_id, client_tx_id).
        CREATE TABLE audit (
            seq            INTEGER PRIMARY KEY,
            system_tx_id   TEXT NOT NULL UNIQUE,
            client_tx_id   TEXT,
            request_hash   TEXT,
            at             INTEGER NOT NULL,
            client_id      TEXT NOT NULL,
            user_id        TEXT,
            location_id    TEXT NOT NULL,
            operation      TEXT NOT NULL,
            outcome        INTEGER,
            product_code   TEXT,
            serial         TEXT,
            batch          TEXT,
            expiry         TEXT,
            state_before   INTEGER,
            state_after    INTEGER,
            reason         INTEGER,
            active         INTEGER NOT NULL,
            alert_id       TEXT,
            repeat_count   INTEGER NOT NULL DEFAULT 0,
            note           TEXT
        );
        CREATE UNIQUE INDEX audit_client_tx ON audit (client_id, client_tx_id) WHERE client_tx_id IS NOT NULL;
        CREATE INDEX audit_pack ON audit (product_code, serial);

        CREATE TABLE alerts (
            alert_id        TEXT PRIMARY KEY,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL,
            client_id       TEXT NOT NULL,
            location_id     TEXT NOT NULL,
            product_code    TEXT,
            serial          TEXT,
            batch           TEXT,
            expiry          TEXT,
            outcome         INTEGER NOT NULL,
            kind            INTEGER NOT NULL,
            status          INTEGER NOT NULL,
            classification  INTEGER,
            system_tx_id    TEXT NOT NULL,
            note            TEXT
        );
        CREATE INDEX alerts_client ON alerts (client_id, alert_id);
        """,

        // Batch uploads (issue #4). A pending row names the invisible batch its serials go into;
        // a committed row is the stored answer when the same client sends the same upload id again.
        // Pending rows found at start-up are crash leftovers: their batch and packs are deleted.
        """
        CREATE TABLE uploads (
            id            INTEGER PRIMARY KEY,
            client_id     TEXT NOT NULL,
            upload_id     TEXT NOT NULL,
            product_id    INTEGER NOT NULL,
            batch_id      INTEGER NOT NULL,
            batch         TEXT NOT NULL,
            expiry        TEXT NOT NULL,
            committed     INTEGER NOT NULL DEFAULT 0,
            stored_count  INTEGER NOT NULL DEFAULT 0,
            started_at    INTEGER NOT NULL,
            finished_at   INTEGER,
            UNIQUE (client_id, upload_id)
        );
        CREATE INDEX batches_invisible ON batches (visible) WHERE visible = 0;
        """,

        // Several instances on one store (issue #7). cache_epoch: the one shared cache epoch
        // (docs/cache-coherence.md), a single row. uploads.touched_at: when the upload last stored
        // a chunk, so any instance can tell an abandoned upload from one streaming into another.
        """
        CREATE TABLE cache_epoch (
            id     INTEGER PRIMARY KEY CHECK (id = 1),
            epoch  INTEGER NOT NULL
        );
        INSERT INTO cache_epoch (id, epoch) VALUES (1, 1);
        ALTER TABLE uploads ADD COLUMN touched_at INTEGER;
        UPDATE uploads SET touched_at = started_at;
        """,

        // Durable bulk jobs (issue 8). lease_owner/lease_until: the one instance running the job
        // until then; another takes it over once it has expired. bulk_items.outcome is NULL until
        // the item has its result (0 for an item refused with an error).
        """
        CREATE TABLE bulk_jobs (
            job_id         TEXT PRIMARY KEY,
            client_id      TEXT NOT NULL,
            client_job_id  TEXT NOT NULL,
            total          INTEGER NOT NULL,
            done           INTEGER NOT NULL DEFAULT 0,
            submitted_at   INTEGER NOT NULL,
            finished_at    INTEGER,
            lease_owner    TEXT,
            lease_until    INTEGER,
            UNIQUE (client_id, client_job_id)
        );
        CREATE INDEX bulk_jobs_unfinished ON bulk_jobs (submitted_at) WHERE finished_at IS NULL;
        CREATE INDEX bulk_jobs_finished ON bulk_jobs (finished_at) WHERE finished_at IS NOT NULL;
        CREATE TABLE bulk_items (
            job_id     TEXT NOT NULL,
            idx        INTEGER NOT NULL,
            operation  BLOB NOT NULL,
            outcome    INTEGER,
            result     BLOB,
            PRIMARY KEY (job_id, idx)
        ) WITHOUT ROWID;
        -- Progress polls count outcomes from this index, never reading the result rows.
        CREATE INDEX bulk_items_outcome ON bulk_items (job_id, outcome);
        """,

        // Deferred operations (issue 12, DR Art 29): when the terminal performed the operation, beside
        // `at`, when it was recorded; NULL for one performed as recorded.
        """
        ALTER TABLE audit ADD COLUMN performed_at INTEGER;
        """,
        // Client certificates and revocation (issue 12). A revoked client, key or certificate keeps
        // its row with revoked_at; credentials_epoch (one row) advances with every revocation, so
        // instances remembering credentials learn with one cheap read that they must look again.
        """
        ALTER TABLE clients ADD COLUMN revoked_at INTEGER;
        ALTER TABLE api_keys ADD COLUMN revoked_at INTEGER;
        CREATE TABLE client_certificates (
            match_kind   INTEGER NOT NULL,
            match_value  TEXT NOT NULL,
            client_id    TEXT NOT NULL REFERENCES clients(client_id),
            created_at   INTEGER NOT NULL,
            revoked_at   INTEGER,
            PRIMARY KEY (match_kind, match_value)
        ) WITHOUT ROWID;
        CREATE TABLE credentials_epoch (
            id     INTEGER PRIMARY KEY CHECK (id = 1),
            epoch  INTEGER NOT NULL
        );
        INSERT INTO credentials_epoch (id, epoch) VALUES (1, 1);
        """,
    ];
}
