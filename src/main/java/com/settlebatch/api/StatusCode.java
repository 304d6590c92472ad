package com.settlebatch.api;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One entry of {@code GET /batches/statusCodes} and {@code GET /payments/statusCodes}.
 */
record StatusCode(String code, String description) {

	static <E extends Enum<E>> List<StatusCode> of(Class<E> type, Function<E, String> description) {
		return Arrays.stream(type.getEnumConstants()).map(e -> new StatusCode(e.name(), description.apply(e))).toList();
	}

}
