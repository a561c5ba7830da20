-- L11: the representatives a referral may be routed through (代表直接联系, suggestions), kept from
-- representative-service's events. Only what routing needs: who, where, still serving; their
-- contacts (sealed in the events) are not kept here.
create table known_representative (
    id                text primary key,
    constituency_code char(12) not null,
    active            boolean not null,
    updated_at        timestamptz not null
);
