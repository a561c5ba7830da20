-- intake-service: cases (接访件), visitors' personal data (encrypted), receipt codes, the copy of
-- reception days built from representative-service events, and the catalogues kept as data.

create extension if not exists pg_trgm;

-- 条线: the lines a case can belong to; codes are stable English words, names are shown to users.
create table line_catalogue (
    code        varchar(40)  primary key,
    name_zh     varchar(100) not null,
    name_en     varchar(100) not null,
    description varchar(500) not null,
    sort_order  integer      not null,
    active      boolean      not null default true
);
insert into line_catalogue (code, name_zh, name_en, description, sort_order) values
 ('housing',          '住房保障', 'Housing',            '住房保障、旧区改造、物业管理、房屋安全 / housing, renovation, property management', 10),
 ('urban-management', '城市管理', 'Urban management',   '市容环境、违法搭建、占道经营、绿化 / streetscape, illegal structures, greenery', 20),
 ('environment',      '生态环境', 'Environment',        '噪声、油烟、污水、垃圾分类 / noise, fumes, sewage, waste sorting', 30),
 ('social-security',  '社会保障', 'Social security',    '养老、医保、低保、就业 / pensions, insurance, minimum income, employment', 40),
 ('transport',        '交通出行', 'Transport',          '道路、公交、停车、非机动车 / roads, buses, parking, bicycles', 50),
 ('education',        '教育',     'Education',          '入学、托育、校园周边 / school places, childcare, school surroundings', 60),
 ('health',           '医疗卫生', 'Health',             '社区卫生、就医、防疫 / community health, medical care, disease control', 70),
 ('public-safety',    '公共安全', 'Public safety',      '消防、治安、燃气、电梯 / fire, public order, gas, lifts', 80),
 ('planning',         '规划建设', 'Planning and building', '规划、日照、施工扰民 / planning, sunlight, construction nuisance', 90),
 ('other',            '其他',     'Other',              '其他事项 / anything else', 100);

-- The communities intake serves, with a bounding box so Open311 points land in the right one.
create table community_area (
    community_code char(12)     primary key,
    name_zh        varchar(100) not null,
    keywords       varchar(500) not null,
    min_lat        double precision not null,
    max_lat        double precision not null,
    min_lon        double precision not null,
    max_lon        double precision not null
);

-- Intake's own copy of reception days (from minqing.representative.reception-day).
create table reception_day (
    id             varchar(100) primary key,
    community_code char(12)     not null,
    day            date         not null,
    start_time     time,
    end_time       time,
    place          varchar(500),
    roster         varchar(4000) not null default '',
    cancelled      boolean      not null default false,
    updated_at     timestamptz  not null default now()
);

-- 接访件
create table intake_case (
    id                 uuid         primary key,
    receipt_code       varchar(20)  not null unique,
    receipt_hash       varchar(64)  not null unique,
    channel            varchar(30)  not null,
    community_code     char(12)     not null,
    line_code          varchar(40)  not null references line_catalogue (code),
    address            varchar(500),
    latitude           double precision,
    longitude          double precision,
    description        varchar(4000) not null,
    households         integer      not null,
    persons            integer      not null,
    group_petition     boolean      not null,
    urgency            varchar(20)  not null,
    reception_day_id   varchar(100) references reception_day (id),
    received_on        date         not null,
    representative_ids varchar(2000) not null default '',
    visitor_count      integer      not null,
    anonymous          boolean      not null,
    has_contact        boolean      not null,
    status             varchar(30)  not null,
    expected_date      date,
    referral_id        varchar(100),
    assigned_unit_id   varchar(100),
    repeat_of          uuid,
    repeat_count       integer      not null default 0,
    feedback_open      boolean      not null default false,
    recorded_by        varchar(200) not null,
    recorded_role      varchar(50)  not null,
    recorded_at        timestamptz  not null,
    updated_at         timestamptz  not null
);
create index intake_case_scope on intake_case (community_code, recorded_at desc, id desc);
create index intake_case_recorded on intake_case (recorded_at desc, id desc);
create index intake_case_referral on intake_case (referral_id);
-- Chinese has no spaces: substring search with ILIKE, helped by a trigram index.
create index intake_case_description_trgm on intake_case using gin (description gin_trgm_ops);

-- 来访人: personal data encrypted with FieldCipher (value carries its key id; key_id kept for rotation queries).
create table case_visitor (
    id            uuid        primary key,
    case_id       uuid        not null references intake_case (id),
    ordinal       integer     not null,
    name_enc      varchar(1000),
    phone_enc     varchar(1000),
    id_number_enc varchar(1000),
    email_enc     varchar(1000),
    phone_index   varchar(64),
    key_id        varchar(50) not null
);
create index case_visitor_case on case_visitor (case_id, ordinal);
create index case_visitor_phone on case_visitor (phone_index);

-- Every read of full personal data: who, when, which case, why.
create table personal_data_access (
    id          bigint generated always as identity primary key,
    case_id     uuid         not null,
    accessed_by varchar(200) not null,
    role        varchar(50)  not null,
    purpose     varchar(500) not null,
    endpoint    varchar(200) not null,
    accessed_at timestamptz  not null
);
create index personal_data_access_case on personal_data_access (case_id, accessed_at);

-- Idempotency-Key → case, per caller.
create table idempotency_key (
    caller       varchar(200) not null,
    idem_key     varchar(200) not null,
    request_hash varchar(64)  not null,
    case_id      uuid         not null,
    created_at   timestamptz  not null,
    primary key (caller, idem_key)
);

-- Timeline from referral events (and intake's own milestones).
create table case_milestone (
    id          bigint generated always as identity primary key,
    case_id     uuid         not null references intake_case (id),
    event_id    uuid,
    kind        varchar(40)  not null,
    label_zh    varchar(100) not null,
    label_en    varchar(100) not null,
    detail      varchar(4000),
    due_date    date,
    public_view boolean      not null,
    occurred_at timestamptz  not null
);
create index case_milestone_case on case_milestone (case_id, occurred_at, id);

-- 来访人评价
create table case_feedback (
    id       bigint generated always as identity primary key,
    case_id  uuid         not null references intake_case (id),
    rating   varchar(30)  not null,
    comment  varchar(1000),
    given_at timestamptz  not null
);
