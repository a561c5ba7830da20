-- The repeat check reads each open referral's opening case and latest repeats (ReferralService.findRepeat).
create index referral_case_candidates_idx on referral_case (referral_id, repeat, recorded_at desc);
