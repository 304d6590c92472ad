/**
 * Who may do what: Spring Security's stateless filter chain in front of the REST API and
 * the dashboard. People sign in with their own bearer token ({@link ApiTokens}, made by
 * {@code settle token create}) or a JWT of the company's identity provider; a machine
 * with the optional service-account token. {@link AccessRules} is the one rule table: the
 * filter chain, the OpenAPI document and {@code GET /me} all read it. Uses {@code audit}
 * to record every denied attempt and every state-changing request, and {@code api} only
 * for the shape of its error body.
 */
package com.settlebatch.security;
