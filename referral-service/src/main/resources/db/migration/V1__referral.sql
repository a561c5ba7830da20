-- referral-service: handling units, routing rules, deadline policy, calendar, referrals and their timeline.

-- 承办单位: who can act, at which tier, for which lines (条线), where.
create table handling_unit (
    id            uuid primary key,
    name          text not null,
    tier          text not null check (tier in ('COMMUNITY', 'SUBDISTRICT', 'DISTRICT', 'CITY')),
    lines         text not null,            -- comma-separated line codes; '*' = every line
    jurisdiction  char(12) not null,
    contact_name  text,
    contact_phone text,
    contact_email text,
    active        boolean not null default true
);

-- Remit rules: for a line within a scope (community, sub-district or district code), the route and
-- unit to suggest. The most specific scope wins.
create table routing_rule (
    id          bigserial primary key,
    line_code   text not null,
    scope_code  char(12) not null,
    route       text not null,
    unit_id     uuid not null references handling_unit (id),
    unique (line_code, scope_code)
);

-- Time limits from the law and local practice (办理时限), as data.
create table deadline_policy (
    kind        text not null,              -- ACKNOWLEDGE, RESOLVE, RESOLVE_DIFFICULT, RETURN, EXTENSION_MAX, REOPEN, SUPERVISION
    route       text not null default '*',  -- a Route name, or '*' for any
    amount      int  not null check (amount > 0),
    unit        text not null check (unit in ('CALENDAR_DAYS', 'WORKING_DAYS', 'MONTHS')),
    basis       text not null,
    primary key (kind, route)
);

-- Official holidays and adjusted working weekends (调休上班日); ordinary weekends are implied.
create table calendar_day (
    day   date primary key,
    kind  text not null check (kind in ('HOLIDAY', 'ADJUSTED_WORKDAY')),
    name  text not null
);

create table referral (
    id                 uuid primary key,
    case_id            text not null unique,
    community_code     char(12) not null,
    subdistrict_code   char(12) not null,
    line_code          text not null,
    address            text,
    description        text not null,
    households         int not null default 0,
    urgency            text not null,
    case_recorded_at   timestamptz not null,
    status             text not null,
    suggested_route    text,
    suggested_unit_id  uuid,
    route              text,
    unit_id            uuid references handling_unit (id),
    representative_id  text,
    difficult          boolean not null default false,
    acknowledge_by     date not null,
    return_by          date,
    due_date           date,
    deadline_kind      text,
    opened_at          timestamptz not null,
    referred_at        timestamptz,
    accepted_at        timestamptz,
    replied_at         timestamptz,
    replied_on_time    boolean,
    reply              text,
    informed_at        timestamptz,
    closed_at          timestamptz,
    outcome            text,
    extended_days      int,
    reopen_count       int not null default 0,
    review_requested   boolean not null default false,
    satisfaction       text,
    repeat_count       int not null default 0,
    priority           int not null default 1,
    watch_tier         text not null,
    watch_jurisdiction char(12) not null,
    merged_into        uuid,
    version            bigint not null default 0
);
create index referral_scope_idx on referral (community_code, status);
create index referral_unit_idx on referral (unit_id, status);
create index referral_repeat_idx on referral (community_code, line_code) where status <> 'CLOSED';

-- Every case behind a referral: the original and each repeat petition (重复信访) linked to it.
create table referral_case (
    case_id        text primary key,
    referral_id    uuid not null references referral (id),
    repeat         boolean not null,
    community_code char(12) not null,
    line_code      text not null,
    address        text,
    description    text not null,
    households     int not null default 0,
    urgency        text not null,
    recorded_at    timestamptz not null,
    linked_at      timestamptz not null,
    similarity     double precision
);
create index referral_case_referral_idx on referral_case (referral_id);

-- The referral's history: who did what, when and why.
create table referral_timeline (
    id           bigserial primary key,
    referral_id  uuid not null references referral (id),
    at           timestamptz not null,
    actor        text not null,
    actor_role   text not null,
    action       text not null,
    from_status  text,
    to_status    text,
    reason       text
);
create index referral_timeline_idx on referral_timeline (referral_id, id);

-- What the deadline scheduler already emitted, so each notice goes out once per deadline.
create table deadline_notice (
    referral_id  uuid not null references referral (id),
    kind         text not null,
    due_date     date not null,
    notice       text not null check (notice in ('APPROACHING', 'OVERDUE')),
    emitted_at   timestamptz not null,
    primary key (referral_id, kind, due_date, notice)
);
