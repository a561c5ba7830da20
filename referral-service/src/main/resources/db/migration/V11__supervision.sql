-- 督办单: each supervision notice with the date the unit must reply by, watched by the deadline
-- scheduler. Answered when the unit records progress or a reply, or the referral closes.
create table supervision (
    id           bigserial primary key,
    referral_id  uuid        not null references referral (id),
    unit_id      uuid,
    note         text        not null,
    reply_by     date        not null,
    issued_at    timestamptz not null,
    issued_by    text        not null,
    answered_at  timestamptz,
    overdue_at   timestamptz
);
create index supervision_referral_idx on supervision (referral_id, id);
-- what the scheduler and the supervision list look for: unanswered notices by date
create index supervision_open_idx on supervision (reply_by) where answered_at is null;
create index supervision_issued_idx on supervision (issued_at);
