/**
 * What the product's SQL needs to know of the database beneath it: which one it is
 * ({@link com.settlebatch.sql.Databases}), and PostgreSQL's {@code COPY} for the bulk
 * loads ({@link com.settlebatch.sql.PostgresCopy}). Depends on no other package.
 */
package com.settlebatch.sql;
