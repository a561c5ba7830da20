-- Service-kit tables, created in every service's own database before its own migrations (V1+).

-- Transactional outbox: written in the same transaction as the entity change, published by the relay.
create table outbox_event (
    id           bigint generated always as identity primary key,
    event_id     uuid        not null unique,
    topic        varchar(200) not null,
    message_key  varchar(200) not null,
    event_type   varchar(200) not null,
    jurisdiction char(12)    not null,
    envelope     text        not null,
    created_at   timestamptz not null default now(),
    sent_at      timestamptz,
    attempts     integer     not null default 0,
    last_error   varchar(1000)
);
-- The relay reads unsent rows in id order; a partial index keeps that cheap however large the table grows.
create index outbox_event_unsent on outbox_event (id) where sent_at is null;

-- Idempotent consumer: one row per (consumer, event) handled, written with the effect.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    event_type   varchar(200) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
