package com.settlebatch.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON plumbing shared by the sandbox handlers: parsing, the error shape and parameter
 * fingerprints.
 */
final class SandboxJson {

	// Duplicate keys would make "the same parameters" ambiguous for idempotency, so
	// reject them.
	static final JsonMapper MAPPER = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

	static final String INVALID_PARAMS = "INVALID_PARAMS";
	static final String UNIQUE_KEY_REQUIRED = "UNIQUE_KEY_REQUIRED";
	static final String UNIQUE_KEY_REUSED = "UNIQUE_KEY_REUSED";
	static final String NOT_AUTHORIZED = "NOT_AUTHORIZED";
	static final String CONCURRENT_REQUEST = "CONCURRENT_UNIQUE_KEY_REQUEST_IS_PROCESSING";
	static final String THROTTLE_EXCEEDED = "THROTTLE_EXCEEDED";
	static final String INTERNAL_ERROR = "INTERNAL_ERROR";
	static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";
	static final String NOT_FOUND = "NOT_FOUND";
	static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";

	private SandboxJson() {
	}

	/** Parses a request body; {@code null} when it is not well-formed JSON. */
	static JsonNode parse(byte[] body) {
		if (body == null || body.length == 0) {
			return null;
		}
		try {
			JsonNode node = MAPPER.readTree(body);
			return node == null || node.isMissingNode() ? null : node;
		}
		catch (JacksonException e) {
			return null;
		}
	}

	static byte[] write(JsonNode node) {
		return MAPPER.writeValueAsBytes(node);
	}

	static ObjectNode object() {
		return MAPPER.createObjectNode();
	}

	/**
	 * The protocol's error shape; {@code error} is the lower-cased code,
	 * {@code error_code} always a string.
	 */
	static ObjectNode error(String code, String description) {
		return error(code.toLowerCase(Locale.ROOT), description, code);
	}

	static ObjectNode error(String error, String description, String code) {
		ObjectNode body = object();
		body.put("error", error);
		body.put("error_description", description);
		body.put("error_code", code);
		return body;
	}

	static ObjectNode accountBlocked() {
		return error("access_denied", "this account can no longer transact", "3004");
	}

	/** The field as a string when it is a JSON string, otherwise {@code null}. */
	static String text(JsonNode parent, String field) {
		JsonNode node = parent == null ? null : parent.get(field);
		return node != null && node.isString() ? node.stringValue() : null;
	}

	/**
	 * A digest of the canonical form of {@code node}: object keys sorted, whitespace
	 * gone, numbers normalised but integers kept distinct from decimals (1250 is valid,
	 * 1250.0 is not, so they must not share a stored answer).
	 */
	static String fingerprint(JsonNode node) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(canonical(node).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("SHA-256 is required by every JRE", e);
		}
	}

	static String canonical(JsonNode node) {
		StringBuilder canonical = new StringBuilder();
		appendCanonical(node, canonical);
		return canonical.toString();
	}

	private static void appendCanonical(JsonNode node, StringBuilder out) {
		if (node == null || node.isMissingNode()) {
			out.append("null");
		}
		else if (node.isObject()) {
			Map<String, JsonNode> sorted = new TreeMap<>();
			node.properties().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
			out.append('{');
			boolean first = true;
			for (Map.Entry<String, JsonNode> entry : sorted.entrySet()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				out.append(MAPPER.writeValueAsString(entry.getKey())).append(':');
				appendCanonical(entry.getValue(), out);
			}
			out.append('}');
		}
		else if (node.isArray()) {
			out.append('[');
			for (int i = 0; i < node.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				appendCanonical(node.get(i), out);
			}
			out.append(']');
		}
		else if (node.isIntegralNumber()) {
			out.append(node.bigIntegerValue());
		}
		else if (node.isNumber()) {
			String decimal = node.decimalValue().stripTrailingZeros().toString();
			out.append(decimal.indexOf('.') < 0 && decimal.indexOf('E') < 0 ? decimal + ".0" : decimal);
		}
		else {
			out.append(MAPPER.writeValueAsString(node));
		}
	}

}
