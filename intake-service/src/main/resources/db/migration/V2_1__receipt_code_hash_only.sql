-- H1/L7: the receipt code (回执码) is the resident's credential. Cases are found by its keyed hash
-- only; the code itself is kept encrypted for the one reader that needs it (the resident's own
-- notices, fetched by notification-service at send time). ReceiptCodeBackfill encrypts codes of
-- rows written before this migration and clears their plaintext; a later migration drops the column.
alter table intake_case add column receipt_code_enc varchar(200);
alter table intake_case add column receipt_reissued_at timestamptz;
alter table intake_case alter column receipt_code drop not null;
alter table intake_case drop constraint intake_case_receipt_code_key;
