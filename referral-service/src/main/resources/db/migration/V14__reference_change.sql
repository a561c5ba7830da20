-- Issue 14 (ADR 0021): who changed a handling unit or a remit rule, when, and what it was
-- before and after (审计). Same shape as intake's reference_change. (V13 is taken by another change.)
create table reference_change (
    id          bigserial    primary key,
    kind        varchar(40)  not null,
    ref_key     varchar(100) not null,
    action      varchar(20)  not null,
    actor       varchar(200) not null,
    actor_role  varchar(40)  not null,
    changed_at  timestamptz  not null,
    before      jsonb,
    after       jsonb        not null
);
create index reference_change_by_key on reference_change (kind, ref_key, changed_at);
