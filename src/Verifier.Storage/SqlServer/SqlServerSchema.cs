namespace Verifier.Storage.SqlServer;

/// <summary>
/// The SQL Server schema as ordered migrations, the same tables and meaning as SQLite's
/// (docs/sqlserver.md). Identifiers compare as SQLite compares text: byte for byte, so every key
/// column has the binary collation Latin1_General_100_BIN2 (serials and alert ids are case-sensitive,
/// and alert paging needs "~" to sort after every id). Times are Unix milliseconds, as in SQLite.
/// </summary>
internal static class SqlServerSchema
{
    // Widths hold what the server accepts (ids up to 64-128, notes and reasons up to 1000, scanned
    // fields up to 20); a longer value fails its insert rather than being cut.
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE clients (
            client_id     nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_clients PRIMARY KEY,
            role          int NOT NULL,
            location_id   nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
            display_name  nvarchar(256) NOT NULL,
            created_at    bigint NOT NULL
        );
        CREATE TABLE api_keys (
            key_hash      nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_api_keys PRIMARY KEY,
            client_id     nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT fk_api_keys_clients REFERENCES clients (client_id),
            created_at    bigint NOT NULL
        );

        -- version: bumped on every change that alters answers (withdrawal), checked by the cache.
        -- master_version: the product data's own version history (product_versions).
        CREATE TABLE products (
            id              int IDENTITY(1, 1) NOT NULL CONSTRAINT pk_products PRIMARY KEY,
            product_code    nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT uq_products_code UNIQUE,
            scheme          int NOT NULL,
            owner_id        nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
            withdrawn       bit NOT NULL CONSTRAINT df_products_withdrawn DEFAULT 0,
            version         bigint NOT NULL CONSTRAINT df_products_version DEFAULT 1,
            master_version  bigint NOT NULL CONSTRAINT df_products_master_version DEFAULT 1
        );
        CREATE TABLE product_versions (
            product_id  int NOT NULL CONSTRAINT fk_product_versions_products REFERENCES products (id),
            version     bigint NOT NULL,
            data        nvarchar(max) NOT NULL,
            created_at  bigint NOT NULL,
            created_by  nvarchar(128) NOT NULL,
            CONSTRAINT pk_product_versions PRIMARY KEY (product_id, version)
        );
        CREATE TABLE product_withdrawals (
            product_id    int NOT NULL CONSTRAINT fk_product_withdrawals_products REFERENCES products (id),
            market        nvarchar(8) COLLATE Latin1_General_100_BIN2 NOT NULL,
            reason        nvarchar(1000) NULL,
            withdrawn_at  bigint NOT NULL,
            withdrawn_by  nvarchar(128) NOT NULL,
            CONSTRAINT pk_product_withdrawals PRIMARY KEY (product_id, market)
        );

        -- visible = 0 while an upload is still streaming: its packs exist but are not answered.
        CREATE TABLE batches (
            id          int IDENTITY(1, 1) NOT NULL CONSTRAINT pk_batches PRIMARY KEY,
            product_id  int NOT NULL CONSTRAINT fk_batches_products REFERENCES products (id),
            batch       nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
            expiry      nvarchar(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
            recalled    bit NOT NULL CONSTRAINT df_batches_recalled DEFAULT 0,
            version     bigint NOT NULL CONSTRAINT df_batches_version DEFAULT 1,
            visible     bit NOT NULL CONSTRAINT df_batches_visible DEFAULT 1,
            created_at  bigint NOT NULL,
            CONSTRAINT uq_batches_product_batch UNIQUE (product_id, batch)
        );
        CREATE INDEX batches_invisible ON batches (visible) WHERE visible = 0;

        -- Billions of rows: clustered on the unique identifier itself, narrow types (about 40 bytes
        -- a row before the first change). Serials are GS1 character set 82, so ASCII varchar.
        -- At national scale, partition by product: see the optional DDL at the end of this file.
        CREATE TABLE packs (
            product_id           int NOT NULL,
            serial               varchar(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
            batch_id             int NOT NULL,
            state                tinyint NOT NULL CONSTRAINT df_packs_state DEFAULT 1,
            version              bigint NOT NULL CONSTRAINT df_packs_version DEFAULT 1,
            changed_at           bigint NULL,
            changed_by_client    nvarchar(128) NULL,
            changed_by_location  nvarchar(128) NULL,
            repeat_count         int NOT NULL CONSTRAINT df_packs_repeat_count DEFAULT 0,
            CONSTRAINT pk_packs PRIMARY KEY CLUSTERED (product_id, serial)
        );
        -- Batch counts, recalls' pack counts and the removal of abandoned uploads, without touching pack rows.
        CREATE INDEX packs_batch ON packs (batch_id, state);

        -- Append-only, clustered on an ever-increasing key: inserts go to the last page only.
        -- Also the stored answer to an idempotent retry (client_id, client_tx_id).
        CREATE TABLE audit (
            seq            bigint IDENTITY(1, 1) NOT NULL CONSTRAINT pk_audit PRIMARY KEY CLUSTERED,
            system_tx_id   nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
            client_tx_id   nvarchar(128) COLLATE Latin1_General_100_BIN2 NULL,
            request_hash   nvarchar(128) NULL,
            at             bigint NOT NULL,
            client_id      nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
            user_id        nvarchar(128) NULL,
            location_id    nvarchar(128) NOT NULL,
            operation      nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
            outcome        int NULL,
            product_code   nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
            serial         nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
            batch          nvarchar(64) COLLATE Latin1_General_100_BIN2 NULL,
            expiry         nvarchar(32) NULL,
            state_before   int NULL,
            state_after    int NULL,
            reason         int NULL,
            active         bit NOT NULL,
            alert_id       nvarchar(40) NULL,
            repeat_count   int NOT NULL CONSTRAINT df_audit_repeat_count DEFAULT 0,
            note           nvarchar(2000) NULL
        );
        CREATE UNIQUE INDEX audit_system_tx ON audit (system_tx_id);
        -- A racing retry with the same client transaction id fails here (2601) and replays the stored answer.
        CREATE UNIQUE INDEX audit_client_tx ON audit (client_id, client_tx_id) WHERE client_tx_id IS NOT NULL;
        CREATE INDEX audit_pack ON audit (product_code, serial);

        CREATE TABLE alerts (
            alert_id        nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_alerts PRIMARY KEY,
            created_at      bigint NOT NULL,
            updated_at      bigint NOT NULL,
            client_id       nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
            location_id     nvarchar(128) NOT NULL,
            product_code    nvarchar(64) NULL,
            serial          nvarchar(64) NULL,
            batch           nvarchar(64) NULL,
            expiry          nvarchar(32) NULL,
            outcome         int NOT NULL,
            kind            int NOT NULL,
            status          int NOT NULL,
            classification  int NULL,
            system_tx_id    nvarchar(40) NOT NULL,
            note            nvarchar(2000) NULL
        );
        CREATE INDEX alerts_client ON alerts (client_id, alert_id);

        -- Batch uploads. A pending row names the invisible batch its serials go into; a committed
        -- row is the stored answer when the same client sends the same upload id again.
        -- touched_at: when the upload last stored a chunk, so any instance can tell an abandoned
        -- upload from one streaming into another instance.
        CREATE TABLE uploads (
            id            int IDENTITY(1, 1) NOT NULL CONSTRAINT pk_uploads PRIMARY KEY,
            client_id     nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
            upload_id     nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
            product_id    int NOT NULL,
            batch_id      int NOT NULL,
            batch         nvarchar(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
            expiry        nvarchar(16) COLLATE Latin1_General_100_BIN2 NOT NULL,
            committed     bit NOT NULL CONSTRAINT df_uploads_committed DEFAULT 0,
            stored_count  bigint NOT NULL CONSTRAINT df_uploads_stored_count DEFAULT 0,
            started_at    bigint NOT NULL,
            finished_at   bigint NULL,
            touched_at    bigint NULL,
            CONSTRAINT uq_uploads_client_upload UNIQUE (client_id, upload_id)
        );
        CREATE INDEX uploads_batch ON uploads (batch_id);

        -- The one shared cache epoch (docs/cache-coherence.md), a single row.
        CREATE TABLE cache_epoch (
            id     int NOT NULL CONSTRAINT pk_cache_epoch PRIMARY KEY CONSTRAINT ck_cache_epoch_single CHECK (id = 1),
            epoch  bigint NOT NULL
        );
        INSERT INTO cache_epoch (id, epoch) VALUES (1, 1);

        -- Optional at national scale (about 5 billion packs), created by the DBA before this step:
        --   CREATE PARTITION FUNCTION pf_product (int) AS RANGE RIGHT FOR VALUES (1000, 2000, ...);
        --   CREATE PARTITION SCHEME ps_product AS PARTITION pf_product ALL TO ([PRIMARY]);
        --   packs: CONSTRAINT pk_packs PRIMARY KEY CLUSTERED (product_id, serial) ON ps_product (product_id)
        --   CREATE PARTITION FUNCTION pf_audit_seq (bigint) AS RANGE RIGHT FOR VALUES (...);  -- monthly seq boundaries
        --   audit: CONSTRAINT pk_audit PRIMARY KEY CLUSTERED (seq) ON ps_audit_seq (seq)
        -- Partitioned packs keep every lookup a single-partition seek (product_id is in every key);
        -- audit partitions by seq let old months move to cheaper filegroups or be archived by SWITCH.
        """,

        // Durable bulk jobs (issue 8). lease_owner/lease_until: the one instance running the job
        // until then; another takes it over once it has expired. bulk_items.outcome is NULL until
        // the item has its result (0 for an item refused with an error).
        """
        CREATE TABLE bulk_jobs (
            job_id         nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_bulk_jobs PRIMARY KEY,
            client_id      nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
            client_job_id  nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL,
            total          int NOT NULL,
            done           int NOT NULL CONSTRAINT df_bulk_jobs_done DEFAULT 0,
            submitted_at   bigint NOT NULL,
            finished_at    bigint NULL,
            lease_owner    nvarchar(128) NULL,
            lease_until    bigint NULL,
            CONSTRAINT uq_bulk_jobs_client_job UNIQUE (client_id, client_job_id)
        );
        CREATE INDEX bulk_jobs_unfinished ON bulk_jobs (submitted_at) WHERE finished_at IS NULL;
        CREATE INDEX bulk_jobs_finished ON bulk_jobs (finished_at) WHERE finished_at IS NOT NULL;
        CREATE TABLE bulk_items (
            job_id     nvarchar(40) COLLATE Latin1_General_100_BIN2 NOT NULL,
            idx        int NOT NULL,
            operation  varbinary(max) NOT NULL,
            outcome    int NULL,
            result     varbinary(max) NULL,
            CONSTRAINT pk_bulk_items PRIMARY KEY CLUSTERED (job_id, idx)
        );
        -- Progress polls count outcomes from this index, never reading the result rows.
        CREATE INDEX bulk_items_outcome ON bulk_items (job_id, outcome);
        """,

        // Deferred operations (issue 12, DR Art 29): when the terminal performed the operation, beside
        // `at`, when it was recorded; NULL for one performed as recorded.
        """
        ALTER TABLE audit ADD performed_at bigint NULL;
        """,
        // Client certificates and revocation (issue 12), as in SQLite.
        """
        ALTER TABLE clients ADD revoked_at bigint NULL;
        ALTER TABLE api_keys ADD revoked_at bigint NULL;
        CREATE TABLE client_certificates (
            match_kind   int NOT NULL,
            match_value  nvarchar(400) COLLATE Latin1_General_100_BIN2 NOT NULL,
            client_id    nvarchar(128) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT fk_client_certificates_clients REFERENCES clients (client_id),
            created_at   bigint NOT NULL,
            revoked_at   bigint NULL,
            CONSTRAINT pk_client_certificates PRIMARY KEY (match_kind, match_value)
        );
        CREATE TABLE credentials_epoch (
            id     int NOT NULL CONSTRAINT pk_credentials_epoch PRIMARY KEY CONSTRAINT ck_credentials_epoch_single CHECK (id = 1),
            epoch  bigint NOT NULL
        );
        INSERT INTO credentials_epoch (id, epoch) VALUES (1, 1);
        """,
    ];
}
