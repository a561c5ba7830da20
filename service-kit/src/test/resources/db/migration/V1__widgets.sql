create table widget (
    id           uuid primary key,
    name         varchar(100) not null,
    jurisdiction char(12)     not null,
    version      integer      not null
);
-- What the consumer applied, in arrival order: the test checks order per key and exactly-once.
create table widget_applied (
    seq        bigint generated always as identity primary key,
    widget_id  uuid    not null,
    version    integer not null,
    event_id   uuid    not null
);
