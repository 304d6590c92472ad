package com.settlebatch.ingest;

import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import com.settlebatch.rules.BatchRules;
import com.settlebatch.rules.FieldProblem;
import com.settlebatch.rules.PaymentDetails;
import com.settlebatch.rules.PaymentField.Spelling;
import com.settlebatch.rules.PaymentRules;
import com.settlebatch.rules.RawPayment;

/**
 * Runs the {@link BatchRules} and {@link PaymentRules} on an input row. All problems of a
 * row are reported together in one {@link RejectedRowException}, so a person fixes a row
 * once instead of once per problem. Fields are named as the row's file names them (CSV
 * column or JSON property).
 */
public class PaymentRowValidator implements ItemProcessor<InputRow, ValidPayment> {

	@Override
	public ValidPayment process(InputRow row) {
		Spelling spelling = row.jsonPath() == null ? Spelling.CSV : Spelling.JSON;
		List<FieldProblem> problems = new ArrayList<>();
		problems.addAll(BatchRules.externalId(row.batchExternalId(), spelling));
		problems.addAll(BatchRules.name(row.batchName(), spelling));
		problems.addAll(BatchRules.merchantId(row.merchantId(), spelling));
		PaymentRules.Checked checked = PaymentRules.check(new RawPayment(row.referenceId(), row.type(), row.amount(),
				row.currency(), row.accountId(), row.dependsOn(), row.customData()), spelling);
		problems.addAll(checked.problems());
		if (!problems.isEmpty()) {
			throw new RejectedRowException(row, problems);
		}
		PaymentDetails payment = checked.payment();
		return new ValidPayment(row.source(), row.line(), row.jsonPath(), row.batchExternalId(), row.batchName(),
				row.merchantId(), Boolean.TRUE.equals(row.processInSequence()), payment.referenceId(), payment.type(),
				payment.amount(), payment.currency(), payment.accountId(), payment.dependsOn(), payment.customData());
	}

}
