-- Issue 14 (ADR 0021): communities are reference data edited through /communities, not a
-- migration. A community is deactivated, never deleted: its cases keep their community and name,
-- new cases there are refused. Every change is audited with its before and after.
alter table community_area add column active boolean not null default true;
alter table community_area add column updated_at timestamptz not null default now();
alter table community_area add constraint community_area_box check (min_lat < max_lat and min_lon < max_lon);

-- Who changed which reference record, when, and what it was before and after (审计).
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
