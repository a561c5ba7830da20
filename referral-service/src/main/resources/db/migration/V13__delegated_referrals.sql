-- Issue 14 (ADR 0020): the district's piece keeps a read model of the referrals held by the pieces of
-- delegated sub-districts, built from the referral events those pieces publish (never a query of
-- their databases). No resident's data: the events carry none. Empty in every other piece.
create table delegated_referral (
    id                 uuid primary key,          -- the referral's id in the piece that holds it
    piece_id           text not null,             -- that piece, by the ownership table
    case_id            text not null,
    community_code     char(12) not null,
    line_code          text not null,
    status             text not null,
    route              text,
    unit_id            uuid,
    unit_name          text,
    acknowledge_by     date not null,
    due_date           date,
    deadline_kind      text,
    opened_at          timestamptz not null,
    referred_at        timestamptz,
    accepted_at        timestamptz,
    replied_at         timestamptz,
    replied_on_time    boolean,
    closed_at          timestamptz,
    satisfaction       text,
    repeat_count       int not null default 0,
    priority           int not null default 1,
    watch_tier         text not null,
    watch_jurisdiction char(12) not null,
    review_requested   boolean not null default false,
    escalated          boolean not null default false,
    last_event_at      timestamptz not null
);
create index delegated_referral_scope_idx on delegated_referral (community_code, status);

-- The cases behind them (the original and linked repeats): for the work report's case counts.
create table delegated_case (
    case_id        text primary key,
    referral_id    uuid not null references delegated_referral (id),
    repeat         boolean not null,
    community_code char(12) not null,
    line_code      text not null,
    recorded_at    timestamptz not null
);
create index delegated_case_scope_idx on delegated_case (community_code, recorded_at);

-- Their 督办单, as the holding piece issued them (supervision-issued), answered and flagged overdue as
-- its events tell.
create table delegated_supervision (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    referral_id  uuid        not null references delegated_referral (id),
    unit_id      uuid,
    note         text        not null,
    reply_by     date        not null,
    issued_at    timestamptz not null,
    issued_by    text        not null,
    answered_at  timestamptz,
    overdue_at   timestamptz
);
create index delegated_supervision_referral_idx on delegated_supervision (referral_id, id);

-- What reports and supervision read: this piece's referrals and the delegated ones side by side.
-- piece_id is null for this piece's own rows. "escalated" = an ESCALATE in the timeline (own) or an
-- escalated event seen (delegated).
create view referral_overview as
select r.id, r.case_id, r.community_code, r.line_code, r.status, r.route, r.unit_id, null::text as unit_name,
       r.acknowledge_by, r.due_date, r.deadline_kind, r.opened_at, r.referred_at, r.accepted_at, r.replied_at,
       r.replied_on_time, r.closed_at, r.satisfaction, r.repeat_count, r.priority, r.watch_tier, r.merged_into,
       exists (select 1 from referral_timeline t where t.referral_id = r.id and t.action = 'ESCALATE') as escalated,
       null::text as piece_id
  from referral r
union all
select d.id, d.case_id, d.community_code, d.line_code, d.status, d.route, d.unit_id, d.unit_name,
       d.acknowledge_by, d.due_date, d.deadline_kind, d.opened_at, d.referred_at, d.accepted_at, d.replied_at,
       d.replied_on_time, d.closed_at, d.satisfaction, d.repeat_count, d.priority, d.watch_tier, null::uuid,
       d.escalated, d.piece_id
  from delegated_referral d;

create view case_overview as
select c.case_id, c.referral_id, c.repeat, c.community_code, c.line_code, c.address, c.recorded_at
  from referral_case c
union all
select d.case_id, d.referral_id, d.repeat, d.community_code, d.line_code,
       '（下级部署单元办理，不含地址）' as address, d.recorded_at
  from delegated_case d;

create view supervision_overview as
select s.id, s.referral_id, s.unit_id, s.note, s.reply_by, s.issued_at, s.issued_by, s.answered_at, s.overdue_at,
       null::text as piece_id
  from supervision s
union all
select d.id, d.referral_id, d.unit_id, d.note, d.reply_by, d.issued_at, d.issued_by, d.answered_at, d.overdue_at,
       r.piece_id
  from delegated_supervision d join delegated_referral r on r.id = d.referral_id;
