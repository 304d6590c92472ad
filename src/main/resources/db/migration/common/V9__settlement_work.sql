-- The settlement run's work set: for each pass of a business date's run, the payments that were
-- eligible to send when the pass began (parent SETTLED, first PENDING of a sequential batch),
-- numbered 1..n in (batch, seq, id) order. The reader pages it by (business_date, pass_no, ord)
-- ranges of the primary key: a plan that does not hinge on statistics, and a range that never holds the
-- dead row versions of payments already settled (those live in `payment`, not here), so the
-- last page of a million-payment pass costs what the first did. Written once per pass, never
-- updated; a pass's rows are deleted when the next pass is built and when the run completes.
-- settlement_pass names the date's current pass, written in the transaction that builds it: a
-- restart reads the pass from here, whatever became of the job's ExecutionContext, which Spring
-- Batch saves only after the step that built the pass was saved COMPLETED.
CREATE TABLE settlement_work (
    business_date DATE        NOT NULL,
    pass_no       INTEGER     NOT NULL,
    ord           BIGINT      NOT NULL,
    payment_id    VARCHAR(36) NOT NULL,
    PRIMARY KEY (business_date, pass_no, ord)
);

CREATE TABLE settlement_pass (
    business_date DATE    NOT NULL PRIMARY KEY,
    pass_no       INTEGER NOT NULL,
    payments      BIGINT  NOT NULL
);
