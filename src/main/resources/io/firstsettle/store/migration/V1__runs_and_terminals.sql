-- The lab store, version 1: runs, their scenarios' results, terminal holds. The same SQL runs on SQLite and
-- PostgreSQL (Flyway applies it on start; never edit a table by hand, add a V2__... file). Times are epoch
-- milliseconds (UTC). No card data is ever stored: scenarios, verdicts, causes, paths and hashes only.

-- One run of the catalogue; a run split across lab hosts has one part per host (and terminal).
CREATE TABLE lab_run (
    run_id      VARCHAR(120) PRIMARY KEY,
    kind        VARCHAR(20)  NOT NULL,
    created_ms  BIGINT       NOT NULL
);

CREATE TABLE lab_run_part (
    part_id           VARCHAR(160) PRIMARY KEY,
    run_id            VARCHAR(120) NOT NULL REFERENCES lab_run (run_id),
    started_ms        BIGINT       NOT NULL,
    ended_ms          BIGINT       NOT NULL,
    user_name         VARCHAR(120),
    host_name         VARCHAR(255),
    catalogue_rev     VARCHAR(80),
    harness_version   VARCHAR(80),
    terminal_profile  VARCHAR(255),
    protocol          VARCHAR(40),
    vendor            VARCHAR(120),
    model             VARCHAR(120),
    tid               VARCHAR(40),
    software_version  VARCHAR(120),
    tags              VARCHAR(1000),
    defects           VARCHAR(1000),
    time_scale        DOUBLE PRECISION,
    report_dir        VARCHAR(2000)
);
CREATE INDEX lab_run_part_tid ON lab_run_part (tid, started_ms);
CREATE INDEX lab_run_part_run ON lab_run_part (run_id);

CREATE TABLE lab_scenario_result (
    part_id          VARCHAR(160) NOT NULL REFERENCES lab_run_part (part_id),
    seq              INTEGER      NOT NULL,
    scenario         VARCHAR(500) NOT NULL,
    location         VARCHAR(500),
    status           VARCHAR(20)  NOT NULL,
    verdict          VARCHAR(30)  NOT NULL,
    expected_verdict VARCHAR(30),
    cause            VARCHAR(500),
    faults           VARCHAR(1000),
    duration_ms      BIGINT       NOT NULL,
    evidence_path    VARCHAR(2000),
    evidence_sha256  VARCHAR(64),
    PRIMARY KEY (part_id, seq)
);
CREATE INDEX lab_scenario_result_name ON lab_scenario_result (scenario);

-- Who holds which terminal. With PostgreSQL the hold itself is a session-level advisory lock (it ends with the
-- holder's database session); this row only names the holder. With SQLite the row is the hold.
CREATE TABLE lab_terminal_hold (
    terminal          VARCHAR(255) PRIMARY KEY,
    holder_user       VARCHAR(120),
    holder_host       VARCHAR(255) NOT NULL,
    holder_pid        BIGINT       NOT NULL,
    holder_start_ms   BIGINT       NOT NULL,
    since_ms          BIGINT       NOT NULL,
    backend_pid       INTEGER,
    purpose           VARCHAR(255)
);

-- Every terminal the lab has run on or reserved, and where it was reached from.
CREATE TABLE lab_terminal (
    terminal      VARCHAR(255) PRIMARY KEY,
    profile       VARCHAR(255),
    address       VARCHAR(1000),
    host_name     VARCHAR(255),
    last_seen_ms  BIGINT NOT NULL
);
