-- representative-service: representatives (两代表一委员), liaison officers, reception days (民情接访日)
-- and the duty archive (履职档案). No people are seeded here: only reference data.

-- Reference data: the duty record types and their Chinese labels (what the workbook prints).
create table duty_type (
    code        varchar(20) primary key,
    label_zh    varchar(20) not null,
    sort_order  integer     not null
);
insert into duty_type (code, label_zh, sort_order) values
    ('VOTER_CONTACT', '联系选民', 1),
    ('SURVEY',        '调研',     2),
    ('VISIT',         '走访',     3),
    ('SYMPOSIUM',     '座谈',     4),
    ('INSPECTION',    '视察',     5),
    ('CHECK',         '检查',     6),
    ('RECEPTION',     '接待来访', 7),
    ('SUGGESTION',    '意见建议', 8);

create table representative (
    id                uuid primary key,
    name              varchar(50)  not null,
    kind              varchar(20)  not null check (kind in ('NPC_DEPUTY', 'PARTY_DELEGATE', 'CPPCC_MEMBER')),
    level             varchar(10)  check (level in ('CITY', 'DISTRICT')),
    term_start        date         not null,
    term_end          date         not null,
    constituency_code char(12)     not null,
    liaison_station   varchar(100),
    -- Contact is personal data: AES-GCM at rest (FieldCipher), with a blind index for look-ups.
    phone_enc         varchar(500),
    phone_index       varchar(64),
    email_enc         varchar(500),
    user_subject      varchar(100),
    active            boolean      not null,
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null,
    version           integer      not null default 0,
    check (term_end >= term_start)
);
create index representative_constituency on representative (constituency_code);

create table liaison_officer (
    id             uuid primary key,
    name           varchar(50)  not null,
    community_code char(12)     not null,
    phone_enc      varchar(500),
    email_enc      varchar(500),
    user_subject   varchar(100),
    active         boolean      not null,
    created_at     timestamptz  not null
);
create index liaison_officer_community on liaison_officer (community_code);

create table reception_day (
    id             uuid primary key,
    community_code char(12)     not null,
    day            date         not null,
    start_time     time         not null,
    end_time       time         not null,
    place          varchar(200) not null,
    status         varchar(20)  not null check (status in ('SCHEDULED', 'CANCELLED')),
    cancel_reason  varchar(500),
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null,
    version        integer      not null default 0,
    check (end_time > start_time)
);
create index reception_day_community_day on reception_day (community_code, day);
create index reception_day_day on reception_day (day);

-- One representative on one reception day's roster (接访名单).
create table roster_slot (
    id                uuid primary key,
    reception_day_id  uuid        not null references reception_day (id) on delete cascade,
    representative_id uuid        not null references representative (id),
    status            varchar(20) not null check (status in ('INVITED', 'CONFIRMED', 'DECLINED')),
    decline_reason    varchar(500),
    attended          boolean     not null default false,
    absent            boolean     not null default false,
    unique (reception_day_id, representative_id)
);
create index roster_slot_representative on roster_slot (representative_id);

create table duty_record (
    id                uuid primary key,
    representative_id uuid         not null references representative (id),
    type              varchar(20)  not null references duty_type (code),
    day               date         not null,
    place             varchar(200),
    participants      varchar(500),
    notes             varchar(2000),
    -- MANUAL: entered by staff or the representative; EVENT: filled from another service's events.
    source            varchar(10)  not null check (source in ('MANUAL', 'EVENT')),
    community_code    char(12)     not null,
    reception_day_id  uuid,
    referral_id       varchar(100),
    route             varchar(40),
    unit_name         varchar(200),
    due_date          date,
    suggestion_status varchar(20),
    answered          boolean      not null default false,
    answered_on_time  boolean,
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null
);
create index duty_record_rep_day on duty_record (representative_id, day);
-- One reception record per representative per reception day, however many cases.
create unique index duty_record_one_reception on duty_record (representative_id, reception_day_id)
    where type = 'RECEPTION' and reception_day_id is not null;
-- One suggestion record per referral.
create unique index duty_record_one_suggestion on duty_record (referral_id) where type = 'SUGGESTION';

create table duty_record_case (
    duty_record_id uuid         not null references duty_record (id) on delete cascade,
    case_id        varchar(100) not null,
    primary key (duty_record_id, case_id)
);

-- 选民联系名单: the voters a representative keeps in touch with; name and phone encrypted.
create table voter_contact (
    id                uuid primary key,
    representative_id uuid         not null references representative (id),
    name_enc          varchar(500) not null,
    phone_enc         varchar(500),
    address           varchar(200),
    notes             varchar(500),
    created_at        timestamptz  not null
);
create index voter_contact_rep on voter_contact (representative_id);
