-- M5: one rating per round of results (a round opens when the handling unit replies), enforced by
-- the database; optimistic locking on the case, so a rating and a referral event that change the
-- same case at once cannot silently overwrite each other.
alter table intake_case add column version bigint not null default 0;
alter table intake_case add column feedback_round integer not null default 0;
alter table case_feedback add column round integer;
update case_feedback f set round = r.n
  from (select id, row_number() over (partition by case_id order by given_at, id) as n from case_feedback) r
 where r.id = f.id;
update intake_case c
   set feedback_round = (select count(*) from case_feedback f where f.case_id = c.id)
                        + case when c.feedback_open then 1 else 0 end;
alter table case_feedback alter column round set not null;
alter table case_feedback add constraint case_feedback_one_per_round unique (case_id, round);
