-- Forecast calls (ForecastSubmission): each row a version that is never changed. A subject (a rep, or a team) has one
-- call per period, its latest version; a version made by someone other than the subject is a manager's adjustment
-- (R__forecast_submissions.sql derives it, and refuses updates).
create table forecast_submission (
    id                   uuid primary key,
    external_ref         varchar(100) unique,
    period               varchar(10)    not null,
    period_start         date           not null,
    period_end           date           not null,
    rep_id               uuid references sales_rep (id),
    team_id              uuid references team (id),
    commit_amount        numeric(19, 4) not null check (commit_amount >= 0),
    best_case_amount     numeric(19, 4) not null,
    currency             char(3)        not null check (currency ~ '^[A-Z]{3}$'),
    note                 varchar(2000),
    submitted_at         timestamptz    not null default now(),
    submitted_by_rep_id  uuid references sales_rep (id),
    adjustment           boolean        not null default false,
    created_at           timestamptz    not null,
    updated_at           timestamptz    not null,
    created_by           varchar(255),
    updated_by           varchar(255),
    version              bigint         not null default 0,
    -- named <table>_<column>_check: a violation names its field (DatabaseErrors)
    constraint forecast_submission_best_case_amount_check check (best_case_amount >= commit_amount),
    constraint forecast_submission_rep_id_check check ((rep_id is null) <> (team_id is null)),
    constraint forecast_submission_period_check check (submitted_at < period_end + 1 and period_end >= period_start),
    constraint forecast_submission_note_check check (not adjustment or note is not null)
);
-- the latest call of a subject for a period
create index forecast_submission_rep_calls on forecast_submission (rep_id, period_start, period_end, submitted_at desc, id desc)
    where rep_id is not null;
create index forecast_submission_team_calls on forecast_submission (team_id, period_start, period_end, submitted_at desc, id desc)
    where team_id is not null;
create index forecast_submission_updated_idx on forecast_submission (updated_at, id);
-- a rep's pages of their own submissions
create index forecast_submission_rep_pages on forecast_submission (rep_id, updated_at, id);
