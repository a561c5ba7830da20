-- notification-service (通知服务): who is told what, on which channel, and what became of it.

-- Representatives and liaison officers, kept from representative-service's events.
-- Their e-mail and mobile are encrypted at rest (FieldCipher); the user subject links the inbox.
create table person_recipient (
    kind            varchar(30)  not null,           -- REPRESENTATIVE | LIAISON_OFFICER
    id              varchar(64)  not null,
    name            varchar(200) not null,
    jurisdiction    char(12)     not null,           -- constituency / community code
    user_subject    varchar(200),
    email_enc       varchar(1000),
    mobile_enc      varchar(1000),
    active          boolean      not null default true,
    updated_at      timestamptz  not null default now(),
    primary key (kind, id)
);
create index person_recipient_jurisdiction on person_recipient (kind, jurisdiction);

-- Organisational mailboxes (承办单位 and 督办 supervisors): official work addresses, not personal
-- data; entered by ops-admin through the API (the demo district's: db/demo).
create table mailbox (
    kind            varchar(30)  not null,           -- UNIT (key = unit id) | SUPERVISOR (key = jurisdiction code)
    key             varchar(64)  not null,
    name            varchar(200) not null,
    email           varchar(320),
    mobile          varchar(32),
    user_subject    varchar(200),
    updated_at      timestamptz  not null default now(),
    primary key (kind, key)
);

-- Who is told what (routing table, data not code): event type → recipient kind → channels.
-- legally_required notices ignore opt-outs; urgent ones ignore quiet hours.
create table routing_rule (
    event_type       varchar(100) not null,
    recipient_kind   varchar(30)  not null,
    channels         varchar(100) not null,          -- comma list of EMAIL, SMS, IN_APP
    legally_required boolean      not null default false,
    urgent           boolean      not null default false,
    note             varchar(300),
    primary key (event_type, recipient_kind)
);
insert into routing_rule (event_type, recipient_kind, channels, legally_required, urgent, note) values
  ('representative.reception-day.scheduled',      'REPRESENTATIVE',  'EMAIL,SMS,IN_APP', false, false, '接访排班通知'),
  ('representative.reception-day.scheduled',      'LIAISON_OFFICER', 'SMS,IN_APP',       false, false, '请联络员广而告之'),
  ('representative.reception-day.roster-changed', 'REPRESENTATIVE',  'EMAIL,SMS,IN_APP', false, false, '新排入名单的代表'),
  ('representative.reception-day.cancelled',      'REPRESENTATIVE',  'SMS,IN_APP',       false, false, '接访日取消'),
  ('representative.reception-day.cancelled',      'LIAISON_OFFICER', 'SMS,IN_APP',       false, false, '接访日取消'),
  ('notification.reception-day.reminder',         'REPRESENTATIVE',  'SMS,IN_APP',       false, false, '接访前一日提醒'),
  ('referral.referral.referred',                  'UNIT',            'EMAIL,IN_APP',     true,  false, '转办通知'),
  ('referral.referral.deadline-approaching',      'UNIT',            'EMAIL,SMS,IN_APP', false, false, '临期提醒'),
  ('referral.referral.overdue',                   'UNIT',            'EMAIL,SMS,IN_APP', false, false, '超期提醒'),
  ('referral.referral.overdue',                   'SUPERVISOR',      'EMAIL,IN_APP',     false, false, '超期督办'),
  ('referral.referral.escalated',                 'SUPERVISOR',      'EMAIL,IN_APP',     false, false, '提级督办'),
  ('referral.referral.repeat-linked',             'SUPERVISOR',      'EMAIL,IN_APP',     false, false, '重复信访'),
  ('referral.referral.review-requested',          'SUPERVISOR',      'EMAIL,IN_APP',     false, false, '复查申请'),
  ('intake.case.recorded',                        'VISITOR',         'SMS,EMAIL',        true,  false, '受理/登记告知（信访工作条例第23条）'),
  ('referral.referral.extended',                  'VISITOR',         'SMS,EMAIL',        true,  false, '延期告知及理由（第34条）'),
  ('referral.referral.replied',                   'VISITOR',         'SMS,EMAIL',        true,  false, '答复告知及评价链接'),
  ('referral.referral.replied',                   'REPRESENTATIVE',  'EMAIL,IN_APP',     true,  false, '代表建议答复（代表法第51条）');

-- What we remember of cases and referrals to address notices (no personal data).
create table case_ref (
    case_id        varchar(64)  primary key,
    receipt_code   varchar(64)  not null,
    community_code char(12)     not null,
    has_contact    boolean      not null,
    urgent         boolean      not null default false,
    recorded_at    timestamptz  not null default now()
);
create table referral_ref (
    referral_id       varchar(64) primary key,
    case_id           varchar(64) not null,
    unit_id           varchar(64),
    unit_name         varchar(200),
    representative_id varchar(64),
    updated_at        timestamptz not null default now()
);

-- Reception days, for the reminder the day before (接访前一日提醒).
create table reception_day (
    id              varchar(64)  primary key,
    community_code  char(12)     not null,
    day             date         not null,
    start_time      time,
    end_time        time,
    place           varchar(300),
    roster          varchar(4000) not null default '',  -- comma list of representative ids
    cancelled       boolean      not null default false,
    reminder_planned boolean     not null default false,
    correlation_id  varchar(100) not null
);
create index reception_day_due on reception_day (day) where not reminder_planned and not cancelled;

-- One notice per source event × recipient × channel: the unique key makes planning idempotent.
create table notice (
    id               uuid         primary key,
    source_event_id  uuid         not null,
    source_event_type varchar(100) not null,
    correlation_id   varchar(100) not null,
    jurisdiction     char(12)     not null,
    recipient_kind   varchar(30)  not null,
    recipient_id     varchar(64)  not null,
    channel          varchar(10)  not null,
    legally_required boolean      not null,
    urgent           boolean      not null,
    params           text         not null,          -- template data as JSON; never a resident's contact
    state            varchar(10)  not null,          -- PENDING, SENDING, SENT, FAILED, DEAD, SKIPPED
    attempts         integer      not null default 0,
    next_attempt_at  timestamptz  not null,
    claimed_until    timestamptz,
    last_error       varchar(1000),
    address_masked   varchar(200),                   -- e.g. 138****1234, w***@example.cn
    user_subject     varchar(200),                   -- in-app recipient
    title            varchar(500),                   -- rendered in-app title/body (in-app only)
    body             text,
    read_at          timestamptz,
    created_at       timestamptz  not null,
    sent_at          timestamptz,
    constraint notice_once unique (source_event_id, recipient_kind, recipient_id, channel)
);
create index notice_due on notice (next_attempt_at) where state in ('PENDING', 'FAILED', 'SENDING');
create index notice_inbox on notice (user_subject, created_at) where channel = 'IN_APP' and state = 'SENT';
create index notice_state on notice (state, created_at);

create table notice_attempt (
    id          bigint generated always as identity primary key,
    notice_id   uuid         not null references notice (id),
    attempt_no  integer      not null,
    at          timestamptz  not null,
    outcome     varchar(10)  not null,               -- SENT, FAILED, DEAD, SKIPPED
    error       varchar(1000)
);
create index notice_attempt_notice on notice_attempt (notice_id);

-- Recipients' own choices for notices the law does not require (PUT /preferences/me).
create table preference (
    user_subject varchar(200) primary key,
    channels     varchar(100) not null,              -- enabled channels, comma list
    opted_out    boolean      not null default false,
    language     varchar(10)  not null default 'zh-CN',
    updated_at   timestamptz  not null
);
