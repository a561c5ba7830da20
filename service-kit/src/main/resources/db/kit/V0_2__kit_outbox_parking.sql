-- L1: an outbox row that cannot be published is parked (with the reason) instead of blocking its
-- key and, at the head of the queue, the whole relay. The relay reads only rows neither sent nor parked.
alter table outbox_event add column parked_at timestamptz;
alter table outbox_event add column park_reason varchar(1000);
drop index outbox_event_unsent;
create index outbox_event_unsent on outbox_event (id) where sent_at is null and parked_at is null;
create index outbox_event_parked on outbox_event (id) where parked_at is not null;
