-- M3/L7: receipt codes (回执码) are no longer kept here. The resident's notices get the code in
-- force from intake-service at send time, together with the contact; neither is stored.
alter table case_ref drop column receipt_code;
update notice set params = (params::jsonb - 'receiptCode')::text where params like '%receiptCode%';
